import VintageCore
import VintageFolds
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

/// The aggregate rows of one series or group, as parallel columns in time order (one row
/// per non-empty or filled bucket; at most one without `--bucket`).
public struct AggregateRows: Hashable, Sendable {
    /// The series or group every row is about.
    public var key: AggregateKey
    /// The bucket starts, UTC microseconds; nil without `--bucket` (rows for the whole range).
    public var times: [Int64]?
    /// The values.
    public var values: [Double]
    /// The number of points of each row (0 for a filled bucket).
    public var counts: [Int]

    /// Creates one; the columns have one entry per row.
    public init(key: AggregateKey, times: [Int64]?, values: [Double], counts: [Int]) {
        precondition(values.count == counts.count && (times?.count ?? values.count) == values.count, "columns of different lengths")
        self.key = key
        self.times = times
        self.values = values
        self.counts = counts
    }

    /// The number of rows.
    public var count: Int { values.count }

    /// Row `k` on its own.
    public subscript(k: Int) -> AggregateRow {
        AggregateRow(key: key, time: times?[k], value: values[k], count: counts[k])
    }

    /// Every row on its own, in order.
    public var rows: [AggregateRow] { (0..<count).map { self[$0] } }
}

/// The rows an ``AnalyticQuery`` answers with: point rows per series (plain or transformed
/// points), or aggregate rows per series or group (as columns), each in time order.
public enum AnalyticResult: Hashable, Sendable {
    /// Point rows, one entry per selected series in the order given (series without rows
    /// included, with none).
    case points([SeriesPoints])
    /// Aggregate rows: one entry per series (in the order given) or group (in name order)
    /// that has rows.
    case aggregates([AggregateRows])
}
