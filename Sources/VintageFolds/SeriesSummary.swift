import VintageCore

/// One entry of the series catalog: a defined series, its metadata and how much it holds.
public struct SeriesSummary: Hashable, Sendable {
    /// The series.
    public var series: SeriesID
    /// Its metadata.
    public var metadata: SeriesMetadata
    /// The number of points (distinct valid times) with at least one vintage.
    public var points: Int
    /// The number of vintages (distinct (valid time, released_at) pairs).
    public var vintages: Int

    /// Creates an entry.
    public init(series: SeriesID, metadata: SeriesMetadata, points: Int, vintages: Int) {
        self.series = series
        self.metadata = metadata
        self.points = points
        self.vintages = vintages
    }
}

extension SeriesSummary {
    /// The number of points and of vintages visible now (or after event `atSeq`) among a
    /// series' rows sorted by ``VintageRow/key``.
    public static func counts(ofSorted rows: [VintageRow], atSeq: Int64? = nil) -> (points: Int, vintages: Int) {
        var points = 0, vintages = 0
        var lastValidTime: Int64?
        for row in rows where atSeq.map(row.isVisible(atSeq:)) ?? row.isCurrent {
            vintages += 1
            if row.validTime != lastValidTime { points += 1 }
            lastValidTime = row.validTime
        }
        return (points, vintages)
    }
}
