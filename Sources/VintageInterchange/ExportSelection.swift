import Vintage
// The default values, `TagFilter()` and `PointQuery()`, must name their module (see Sources/Vintage/Exports.swift).
import VintageFolds

/// Which series an export covers and which view of them: the series named (all when none),
/// intersected with the tag filter, seen as `--as-of`/`--at-seq`/`--first-release` say.
public struct ExportSelection: Sendable {
    /// Series named on the command line.
    public var series: [SeriesID]
    /// `--where` conditions.
    public var filter: TagFilter
    /// The view: range, as-of, at-seq, first release.
    public var query: PointQuery

    /// Creates a selection; the defaults select every series' latest vintages.
    public init(series: [SeriesID] = [], filter: TagFilter = TagFilter(), query: PointQuery = PointQuery()) {
        self.series = series
        self.filter = filter
        self.query = query
    }

    /// Whether the selection names no series and no tags (the whole store).
    var isEverything: Bool { series.isEmpty && filter.conditions.isEmpty }

    /// The selected series with their metadata, in id order.
    func catalog(in store: Store) throws -> [SeriesSummary] {
        if !series.isEmpty { _ = try store.points(of: series, where: filter, PointQuery(from: 0, to: 0)) }  // unknown ids are errors
        let named = Set(series)
        return try store.series(where: filter, atSeq: query.atSeq).filter { named.isEmpty || named.contains($0.series) }
    }
}
