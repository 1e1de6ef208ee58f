import VintageCore
import VintageFolds
import VintageProjection
import VintageQuery

extension Store {
    /// Answers `query` — points, or with its analytic options aggregates, buckets, fill,
    /// group-by and transforms — over the series named (all defined series when none is
    /// named) whose tags match `filter`: point rows per series in series order, or aggregate
    /// rows by series (or group), then time.
    ///
    /// - Throws: ``StoreError/invalidRequest(_:)`` for an unknown series or a seq beyond the
    ///   log's end; ``StoreError/projection(_:)`` when a file the query reads is damaged.
    public func query(_ series: [SeriesID] = [], where filter: TagFilter = TagFilter(), _ query: AnalyticQuery) throws(StoreError) -> AnalyticResult {
        try withProjection { projection, _ in
            let atSeq = query.points.atSeq
            try Self.check(atSeq, against: projection.logSeq)
            let selected = try Self.select(series, filter, atSeq: atSeq, in: &projection)
            let outputs = query.groupBy.map { tag in Set(selected.map { $0.metadata.tags[tag] ?? "" }).count } ?? selected.count
            try query.checkFillLimit(outputs: outputs)
            return try query.run(on: &projection, series: selected)
        }
    }
}
