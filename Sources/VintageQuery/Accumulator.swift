import VintageCore
import VintageProjection

/// The running aggregate of some points: enough to answer every ``Aggregate``. It takes
/// points as column segments and whole-chunk ``PointSummary``s alike, and merges with the
/// accumulator of another series.
///
/// Only the fields the requested aggregate needs are computed from point columns (a `sum`
/// query does not track extremes); ``count`` and the first and last point are always kept.
public struct Accumulator: Hashable, Sendable {
    /// The number of points.
    public var count = 0
    /// The exact sum of the values (see ``DecimalSum``).
    public var sum = DecimalSum()
    /// The smallest value (`+infinity` when not computed).
    public var min = Double.infinity
    /// The largest value (`-infinity` when not computed).
    public var max = -Double.infinity
    /// The valid time and value of the first point.
    public var firstTime = Int64.max, firstValue = 0.0
    /// The valid time and value of the last point.
    public var lastTime = Int64.min, lastValue = 0.0

    /// An empty accumulator.
    public init() {}

    /// The accumulator of one summary.
    public init(_ summary: PointSummary) {
        count = summary.count
        sum = summary.exactSum
        min = summary.min
        max = summary.max
        firstTime = summary.firstTime
        firstValue = summary.firstValue
        lastTime = summary.lastTime
        lastValue = summary.lastValue
    }

    /// The value of `aggregate` over the points taken so far (at least one).
    public func value(of aggregate: Aggregate) -> Double {
        switch aggregate {
        case .count: return Double(count)
        case .sum: return sum.value
        case .avg: return sum.quotient(dividingBy: count)
        case .min: return min
        case .max: return max
        case .first: return firstValue
        case .last: return lastValue
        }
    }

    /// Takes in the points of `other`. The first point is the one with the earliest valid
    /// time and the last the one with the latest; on equal valid times (the same instant in
    /// two series) the first stays with `self` and the last goes to `other`, so merging
    /// series in id order orders points by (valid time, series id).
    public mutating func merge(_ other: Accumulator) {
        guard other.count > 0 else { return }
        take(
            count: other.count, sum: other.sum, min: other.min, max: other.max,
            first: (other.firstTime, other.firstValue), last: (other.lastTime, other.lastValue))
    }

    /// Takes in a summary of points later than any taken so far.
    @inline(__always)
    mutating func add(_ summary: PointSummary) {
        // As merge(Accumulator(summary)), field by field: no copy of the whole summary.
        take(
            count: summary.count, sum: summary.exactSum, min: summary.min, max: summary.max,
            first: (summary.firstTime, summary.firstValue), last: (summary.lastTime, summary.lastValue))
    }

    /// Takes in `count` points with this sum and extremes and these first and last points
    /// (see ``merge(_:)`` for ties).
    @inline(__always)
    private mutating func take(
        count: Int, sum: DecimalSum, min: Double, max: Double,
        first: (time: Int64, value: Double), last: (time: Int64, value: Double)
    ) {
        self.count += count
        self.sum.add(sum)
        if min < self.min { self.min = min }
        if max > self.max { self.max = max }
        if first.time < firstTime { firstTime = first.time; firstValue = first.value }
        if last.time >= lastTime { lastTime = last.time; lastValue = last.value }
    }

    /// Takes in the points `range` of the columns, later than any taken so far, computing
    /// from the values only what `aggregate` needs.
    @inline(__always)
    mutating func add(times: UnsafeBufferPointer<Int64>, values: UnsafeBufferPointer<Double>, _ range: Range<Int>, for aggregate: Aggregate) {
        let i = range.lowerBound, j = range.upperBound
        if count == 0 { firstTime = times[i]; firstValue = values[i] }
        count += j - i
        lastTime = times[j - 1]
        lastValue = values[j - 1]
        switch aggregate {
        case .sum, .avg: sum.add(contentsOf: UnsafeBufferPointer(rebasing: values[range]))
        case .min: min = Accumulator.smallest(values, range, below: min)
        case .max: max = Accumulator.largest(values, range, above: max)
        case .count, .first, .last: break
        }
    }

    /// The smallest of `values[range]` and `bound`.
    @inline(__always)
    static func smallest(_ values: UnsafeBufferPointer<Double>, _ range: Range<Int>, below bound: Double) -> Double {
        var m = bound
        for k in range {
            let v = values[k]
            m = v < m ? v : m
        }
        return m
    }

    /// The largest of `values[range]` and `bound`.
    @inline(__always)
    static func largest(_ values: UnsafeBufferPointer<Double>, _ range: Range<Int>, above bound: Double) -> Double {
        var m = bound
        for k in range {
            let v = values[k]
            m = v > m ? v : m
        }
        return m
    }
}
