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
