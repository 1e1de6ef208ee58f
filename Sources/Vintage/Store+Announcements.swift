import VintageCore
import VintageFolds
import VintageProjection

extension Store {
    /// The announcement timeline `query` selects: the announcements visible now (or after
    /// event `query.atSeq`), corrections applied and retracted ones absent, ordered by valid
    /// time (the effective day when the announcement sets a rate, else when it was made),
    /// then release time, then seq.
    ///
    /// - Throws: ``StoreError/invalidRequest(_:)`` for a seq outside the log;
    ///   ``StoreError/projection(_:)`` when the stored timeline is damaged.
    public func announcements(_ query: AnnouncementQuery = AnnouncementQuery()) throws(StoreError) -> [AnnouncementRow] {
        try withProjection { projection, _ in
            try Self.check(query.atSeq, against: projection.logSeq)
            return try projection.announcements(query)
        }
    }
}
