import VintageCore
import VintageProjection

/// A series a query selected, with the metadata the analytics need (its tags for
/// `--group-by`, its frequency for `yoy`).
public struct SelectedSeries: Hashable, Sendable {
    /// The series.
    public var id: SeriesID
    /// Its metadata as the query sees it.
    public var metadata: SeriesMetadata

    /// Creates one.
    public init(id: SeriesID, metadata: SeriesMetadata) {
        self.id = id
        self.metadata = metadata
    }
}

/// The point rows of one series: its selected points, or with `--transform` each point's
/// transformed value with the point's own valid time, `released_at` and `seq`.
public struct SeriesPointRows: Hashable, Sendable {
    /// The series.
    public var series: SeriesID
    /// Its rows, in valid-time order.
    public var points: [VintagePoint]

    /// Creates one.
    public init(series: SeriesID, points: [VintagePoint]) {
        self.series = series
        self.points = points
    }
}

/// What an aggregate row is about: one series, or one group of `--group-by`.
public enum AggregateKey: Hashable, Sendable {
    /// A series (printed under `series`).
    case series(SeriesID)
    /// A value of the group-by tag; the empty string for series without the tag (printed
    /// under `group`).
    case group(String)
}

/// One aggregate row: a series or group, the bucket start (nil without `--bucket`), the
/// aggregate's (or transform's, or fill's) value and the number of points aggregated (0 for
/// a filled bucket).
public struct AggregateRow: Hashable, Sendable {
    /// The series or group.
    public var key: AggregateKey
    /// The bucket start, UTC microseconds; nil for the whole range.
    public var time: Int64?
    /// The value.
    public var value: Double
    /// The number of points in the bucket (or range).
    public var count: Int

    /// Creates one.
    public init(key: AggregateKey, time: Int64?, value: Double, count: Int) {
        self.key = key
        self.time = time
        self.value = value
        self.count = count
    }
}

/// The rows an ``AnalyticQuery`` answers with: point rows per series (plain or transformed
/// points), or aggregate rows ordered by series or group, then time.
public enum AnalyticResult: Hashable, Sendable {
    /// Point rows, one entry per selected series in the order given (series without rows
    /// included, with none).
    case points([SeriesPointRows])
    /// Aggregate rows.
    case aggregates([AggregateRow])
}
