import VintageCore
import VintageFolds
import VintageLog
import VintageProjection
import VintageQuery

extension Store {
    /// The points `query` selects from each series: the series named (all defined series
    /// when none is named) whose tags match `filter`, in series order.
    ///
    /// - Throws: ``StoreError/invalidRequest(_:)`` for an unknown series or a seq beyond the
    ///   log's end; ``StoreError/projection(_:)`` when a file the query reads is damaged.
    public func points(of series: [SeriesID] = [], where filter: TagFilter = TagFilter(), _ query: PointQuery = PointQuery()) throws(StoreError)
        -> [SeriesPoints]
    {
        try withProjection { projection, _ in
            try Self.check(query.atSeq, against: projection.logSeq)
            let selected = try Self.select(series, filter, atSeq: query.atSeq, in: &projection)
            return try selected.map { s in SeriesPoints(series: s.id, points: try projection.points(of: s.id, query)) }
        }
    }

    /// Every vintage of one point (series, start of its period) visible now (or after event
    /// `atSeq`), in release order, with correction notes; retracted vintages are absent.
    public func history(of series: SeriesID, validTime: Int64, atSeq: Int64? = nil) throws(StoreError) -> [HistoryEntry] {
        try withProjection { projection, log in
            try Self.check(atSeq, against: projection.logSeq)
            _ = try Self.select([series], TagFilter(), atSeq: nil, in: &projection)
            return try projection.history(of: series, validTime: validTime, atSeq: atSeq, log: log)
        }
    }

    /// The series catalog: every defined series whose tags match `filter`, with its metadata
    /// and point and vintage counts, in id order.
    public func series(where filter: TagFilter = TagFilter(), atSeq: Int64? = nil) throws(StoreError) -> [SeriesSummary] {
        try withProjection { projection, _ in
            try Self.check(atSeq, against: projection.logSeq)
            return try projection.catalog(where: filter, atSeq: atSeq)
        }
    }

    /// Rejects a `--at-seq` outside the log.
    static func check(_ atSeq: Int64?, against last: Int64) throws(StoreError) {
        guard let atSeq else { return }
        if atSeq < 1 { throw .invalidRequest("--at-seq \(atSeq): seqs start at 1") }
        if atSeq > last { throw .invalidRequest("--at-seq \(atSeq) is beyond the end of the log (last seq \(last))") }
    }

    /// The series a query selects: the named ones (each must be defined) intersected with
    /// the tag filter, or every defined series matching the filter when none is named, each
    /// with its metadata as the query sees it (as after `atSeq`, else as now).
    static func select(_ series: [SeriesID], _ filter: TagFilter, atSeq: Int64?, in projection: inout Projection) throws(StoreError)
        -> [SelectedSeries]
    {
        if !series.isEmpty {
            // Named series: only their definitions are read (the catalog of a large store
            // is decoded only to suggest a name for an unknown one).
            var defined: [SeriesID: SeriesMetadata] = [:]
            for id in series where defined[id] == nil {
                guard let metadata = projection.metadata(of: id) else {
                    let all = projection.metadata(atSeq: nil)
                    let hint = ClosestMatch.closest(to: id.rawValue, among: all.keys.map(\.rawValue)).map { " (did you mean '\($0)'?)" } ?? ""
                    throw .invalidRequest("unknown series '\(id)'\(hint)")
                }
                defined[id] = metadata
            }
            return Array(Set(series)).sorted().compactMap { id in
                guard let metadata = (atSeq == nil ? nil : projection.metadata(of: id, atSeq: atSeq)) ?? defined[id],
                    filter.matches(metadata.tags)
                else { return nil }
                return SelectedSeries(id: id, metadata: metadata)
            }
        }
        let defined = projection.metadata(atSeq: nil)
        let visible = atSeq == nil ? defined : projection.metadata(atSeq: atSeq)
        let candidates = !series.isEmpty ? Array(Set(series)).sorted() : atSeq == nil ? projection.definedSeries() : visible.keys.sorted()
        return candidates.compactMap { id in
            guard let metadata = visible[id] ?? defined[id], filter.matches(metadata.tags) else { return nil }
            return SelectedSeries(id: id, metadata: metadata)
        }
    }
}
