import VintageCore
import VintageFolds
import VintageProjection
import VintageQuery

extension Store {
    /// Every vintage of `series` in the view `query` describes (valid-time range, `asOf`,
    /// `atSeq`; `firstRelease` and `latestOnly` are ignored), corrections applied and retracted
    /// vintages absent, ordered by valid time, then release time — in one read of the
    /// series' rows, where ``history(of:validTime:atSeq:)`` reads one point.
    ///
    /// - Throws: ``StoreError/invalidRequest(_:)`` for an unknown series (naming the closest
    ///   defined id) or a seq outside the log; ``StoreError/projection(_:)`` when a file it
    ///   reads is damaged.
    public func vintages(of series: SeriesID, _ query: PointQuery = PointQuery()) throws(StoreError) -> [VintagePoint] {
        try withProjection { projection, _ in
            try Self.check(query.atSeq, against: projection.logSeq)
            _ = try Self.select([series], TagFilter(), atSeq: nil, in: &projection)
            return try projection.rows(of: series, from: query.from, to: query.to).filter(query.admits).map(VintagePoint.init)
        }
    }

    /// The series named, each with its metadata as after event `atSeq` (else as now), in id
    /// order — without counting their points, as ``series(where:atSeq:)`` does.
    ///
    /// - Throws: ``StoreError/invalidRequest(_:)`` for an unknown series (naming the closest
    ///   defined id) or a seq outside the log.
    public func definitions(of series: [SeriesID], atSeq: Int64? = nil) throws(StoreError) -> [SelectedSeries] {
        try withProjection { projection, _ in
            try Self.check(atSeq, against: projection.logSeq)
            return try Self.select(series, TagFilter(), atSeq: atSeq, in: &projection)
        }
    }
}
