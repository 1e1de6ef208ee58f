import VintageCore

extension VintageFold {
    /// The announcement timeline: the announcements visible now (or after event `atSeq`),
    /// made by `asOf` (inclusive), whose valid time (``AnnouncementRow/validTime``: the
    /// effective day, or when made) is in `from..<to`, whose tags match `filter` and, when
    /// `party` is given, that name it among their parties; ordered by valid time, then
    /// release time, then seq.
    public func announcements(from: Int64? = nil, to: Int64? = nil, asOf: Int64? = nil, atSeq: Int64? = nil,
                              where filter: TagFilter = TagFilter(), party: String? = nil) -> [AnnouncementRow] {
        announcementRows.filter { row in
            if let atSeq { guard row.isVisible(atSeq: atSeq) else { return false } } else { guard row.isCurrent else { return false } }
            if let asOf, row.releasedAt > asOf { return false }
            if let from, row.validTime < from { return false }
            if let to, row.validTime >= to { return false }
            if let party, !row.parties.contains(party) { return false }
            return filter.matches(row.tags)
        }
        .sorted { ($0.validTime, $0.releasedAt, $0.seq) < ($1.validTime, $1.releasedAt, $1.seq) }
    }
}
