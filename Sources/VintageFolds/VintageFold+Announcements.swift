import VintageCore

extension VintageFold {
    /// The announcement timeline: the announcements visible now (or after event `atSeq`),
    /// made by `asOf` (inclusive), whose valid time (``AnnouncementRow/validTime``: the
    /// effective day, or when made) is in `from..<to`, whose tags match `filter` and, when
    /// `party` is given, that name it among their parties; ordered by valid time, then
    /// release time, then seq.
    public func announcements(from: Int64? = nil, to: Int64? = nil, asOf: Int64? = nil, atSeq: Int64? = nil,
                              where filter: TagFilter = TagFilter(), party: String? = nil) -> [AnnouncementRow] {
        AnnouncementQuery(from: from, to: to, asOf: asOf, atSeq: atSeq, where: filter, party: party).timeline(of: announcementRows)
    }
}
