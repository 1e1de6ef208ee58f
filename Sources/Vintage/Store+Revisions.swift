import VintageCore
import VintageFolds
import VintageProjection

extension Store {
    /// The revisions of one series in the view `query` describes (valid-time range,
    /// `asOf`, `atSeq`; `firstRelease` and `latestOnly` are ignored): per period the first
    /// and latest vintage, the number of revisions and the total revision, and the series'
    /// mean absolute revision.
    ///
    /// - Throws: ``StoreError/invalidRequest(_:)`` for an unknown series (naming the closest
    ///   defined id) or a seq outside the log; ``StoreError/projection(_:)`` when a file it
    ///   reads is damaged.
    public func revisions(of series: SeriesID, _ query: PointQuery = PointQuery()) throws(StoreError) -> SeriesRevisions {
        try withProjection { projection, _ in
            try Self.check(query.atSeq, against: projection.logSeq)
            _ = try Self.select([series], TagFilter(), atSeq: nil, in: &projection)
            return try projection.revisions(of: series, query)
        }
    }
}
