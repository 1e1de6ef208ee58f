import VintageCore

extension Projection {
    /// The announcement timeline `query` selects, ordered by valid time (the effective day,
    /// or when made), then release time, then seq. Read from the manifest: no chunk is opened.
    public func announcements(_ query: AnnouncementQuery = AnnouncementQuery()) -> [AnnouncementRow] {
        query.timeline(of: announcements.rows)
    }
}
