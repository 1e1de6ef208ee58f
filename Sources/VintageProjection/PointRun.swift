import VintageCore

/// A run of consecutive points of one series, in valid-time order, as a scan of the
/// projection hands them to an aggregate: either the points themselves, as two parallel
/// columns, or — when a whole chunk's selected points may be taken together — only their
/// summary, without the chunk being decoded.
///
/// The runs of one scan never overlap in valid time and come in ascending valid-time order.
public enum PointRun {
    /// Points as columns: `times[i]` is the start of the i-th point's period (UTC
    /// microseconds, strictly ascending), `values[i]` its selected value. The buffers are
    /// valid only during the call that hands them out.
    case points(times: UnsafeBufferPointer<Int64>, values: UnsafeBufferPointer<Double>)
    /// The summary of points not handed out one by one.
    case summary(PointSummary)
}

/// The aggregate of a run of points: count, sum, extremes, and the first and last point
/// by valid time. What a chunk records of its selected points so that whole-chunk
/// aggregates need no decoding.
public struct PointSummary: Hashable, Sendable {
    /// The number of points (at least 1).
    public var count: Int
    /// The exact sum of their values (see ``DecimalSum``): the same whichever points were
    /// summarized together and in whatever order.
    public var exactSum: DecimalSum
    /// The sum of their values, rounded once.
    public var sum: Double { exactSum.value }
    /// The smallest value.
    public var min: Double
    /// The largest value.
    public var max: Double
    /// The valid time and value of the earliest point.
    public var firstTime: Int64, firstValue: Double
    /// The valid time and value of the latest point.
    public var lastTime: Int64, lastValue: Double

    /// Creates a summary.
    public init(
        count: Int, sum: DecimalSum, min: Double, max: Double,
        firstTime: Int64, firstValue: Double, lastTime: Int64, lastValue: Double
    ) {
        self.count = count
        self.exactSum = sum
        self.min = min
        self.max = max
        self.firstTime = firstTime
        self.firstValue = firstValue
        self.lastTime = lastTime
        self.lastValue = lastValue
    }
}
