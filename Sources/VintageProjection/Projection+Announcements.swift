import VintageCore
import VintageFolds

extension Projection {
    /// The announcement timeline `query` selects, ordered by valid time (the effective day,
    /// or when made), then release time, then seq. No chunk is opened.
    ///
    /// - Throws: ``ProjectionError`` when the stored timeline is missing or damaged.
    public mutating func announcements(_ query: AnnouncementQuery = AnnouncementQuery()) throws(ProjectionError) -> [AnnouncementRow] {
        query.timeline(of: try announcementTimeline().rows)
    }

    /// The announcement timeline, decoded from the manifest (inline or its file) on first use,
    /// with the events recorded since applied.
    mutating func announcementTimeline() throws(ProjectionError) -> AnnouncementTimeline {
        if let decoded = decodedAnnouncements, pendingAnnouncementEvents.isEmpty { return decoded }
        var timeline: AnnouncementTimeline
        if let decoded = decodedAnnouncements {
            timeline = decoded
        } else {
            let bytes: [UInt8]
            do { bytes = try directory.read(manifest.attachments[Self.announcementsName] ?? .empty) } catch { throw .file(error) }
            do { timeline = try AnnouncementTimeline(decoding: bytes) } catch { throw .manifest(what: "announcement timeline", error) }
        }
        for e in pendingAnnouncementEvents where timeline.record(e) { announcementsChanged = true }
        pendingAnnouncementEvents.removeAll()
        decodedAnnouncements = timeline
        return timeline
    }

    /// Records what `e` (an announcement, correction or retraction) changes in the timeline;
    /// applied at once when the timeline is decoded, else when it is next needed.
    mutating func recordInTimeline(_ e: SequencedEvent) {
        if decodedAnnouncements != nil, pendingAnnouncementEvents.isEmpty {
            if decodedAnnouncements!.record(e) { announcementsChanged = true }
        } else {
            pendingAnnouncementEvents.append(e)
        }
    }
}
