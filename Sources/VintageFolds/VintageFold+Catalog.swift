import VintageCore

extension VintageFold {
    /// The metadata of a series now (or as the store stood after event `atSeq`): the fold
    /// of its live definitions in log order; nil when it has none.
    public func metadata(of series: SeriesID, atSeq: Int64? = nil) -> SeriesMetadata? {
        guard let state = seriesStates[series] else { return nil }
        let live = state.definitions.filter { $0.isVisible(atSeq: atSeq) }.sorted { $0.owner < $1.owner }
        guard !live.isEmpty else { return nil }
        return live.reduce(SeriesMetadata()) { $0.updated(by: $1.definition) }
    }

    /// The series catalog: every series with a live definition now (or after event
    /// `atSeq`) whose tags match `filter`, in id order, with its metadata, point count and
    /// vintage count.
    public func catalog(where filter: TagFilter = TagFilter(), atSeq: Int64? = nil) -> [SeriesSummary] {
        var result: [SeriesSummary] = []
        for (series, state) in seriesStates {
            guard let metadata = metadata(of: series, atSeq: atSeq), filter.matches(metadata.tags) else { continue }
            let points: Int
            let vintages: Int
            if let atSeq {
                let visible = state.rows.filter { $0.isVisible(atSeq: atSeq) }
                points = Set(visible.map(\.validTime)).count
                vintages = visible.count
            } else {
                points = state.liveVintagesByValidTime.count
                vintages = state.liveVintages
            }
            result.append(SeriesSummary(series: series, metadata: metadata, points: points, vintages: vintages))
        }
        return result.sorted { $0.series < $1.series }
    }
}
