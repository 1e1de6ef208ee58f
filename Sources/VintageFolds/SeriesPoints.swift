import VintageCore

/// The points of one series a query selected: its points in valid-time order, or with
/// `--transform` each point's transformed value with the point's own release time and seq.
public struct SeriesPoints: Hashable, Sendable {
    /// The series.
    public var series: SeriesID
    /// Its points, in valid-time order.
    public var points: [VintagePoint]

    /// Creates one.
    public init(series: SeriesID, points: [VintagePoint]) {
        self.series = series
        self.points = points
    }
}
