import VintageCore
import VintageFolds

extension Projection {
    /// Whether the manifest predates the announcement timeline: it reflects events but has no
    /// `announcements` attachment (every commit since writes one, even when empty). Such a
    /// projection recovers the timeline from the log on its next ``catchUp(log:to:)``.
    public var lacksAnnouncementTimeline: Bool {
        manifest.logSeq > 0 && manifest.attachments[Self.announcementsName] == nil
    }

    /// Rebuilds the announcement timeline up to ``logSeq`` from the log, decoding only the
    /// announcements, corrections and retractions (the rows are left alone).
    mutating func recoverAnnouncementTimeline(log: some ProjectionLogReader) throws(ProjectionError) {
        decodedAnnouncements = AnnouncementTimeline()
        pendingAnnouncementEvents = []
        let end = logSeq
        do {
            try log.forEachCanonicalEvent(after: 0) { json, type, id, seq in
                guard seq <= end else { return }
                switch type {
                case .announcement, .correction, .retraction:
                    let e = SequencedEvent(event: try Event(canonicalJSON: Array(json)), id: id, seq: seq)
                    switch e.event {
                    case .correction(let c): guard try log.seq(of: c.target) != nil else { return }
                    case .retraction(let r): guard try log.seq(of: r.target) != nil else { return }
                    default: break
                    }
                    recordInTimeline(e)
                default:
                    break
                }
            }
        } catch let error as ProjectionError {
            throw error
        } catch {
            throw .log(error)
        }
        announcementsChanged = true
    }
}
