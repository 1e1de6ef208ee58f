import VintageProjection

/// One bucket's aggregate: the bucket's start and the accumulator of its points.
public struct BucketAccumulator: Hashable, Sendable {
    /// The start of the bucket (UTC microseconds); `Int64.min` for the whole range.
    public var start: Int64
    /// Its points' aggregate (at least one point).
    public var accumulator: Accumulator

    /// Creates one.
    public init(start: Int64, accumulator: Accumulator) {
        self.start = start
        self.accumulator = accumulator
    }
}

/// Folds the runs of one series' scan, in ascending valid time, into one accumulator per
/// non-empty bucket (or one for the whole range without a bucket).
///
/// Bucket boundaries advance only when a point crosses the current bucket's end, so the
/// calendar is consulted once per bucket, not per point; the points of a bucket are
/// aggregated in one tight loop over the columns.
struct BucketFold {
    let aggregate: Aggregate
    let bucket: Bucket?
    /// The current bucket, `start..<end` (empty before the first point).
    var start = Int64.max, end = Int64.min
    var current = Accumulator()
    /// The finished non-empty buckets, in time order.
    var buckets: [BucketAccumulator] = []

    init(aggregate: Aggregate, bucket: Bucket?) {
        self.aggregate = aggregate
        self.bucket = bucket
    }

    /// Moves to the bucket holding `time`, finishing the current one.
    @inline(__always)
    mutating func enter(_ time: Int64) {
        if current.count > 0 { buckets.append(BucketAccumulator(start: start, accumulator: current)) }
        current = Accumulator()
        if let bucket {
            start = bucket.start(of: time)
            end = bucket.next(after: start)
        } else {
            start = .min
            end = .max
        }
    }

    /// Takes one run of the scan.
    mutating func consume(_ run: PointRun) {
        switch run {
        case let .summary(summary):
            if summary.firstTime >= end || summary.firstTime < start { enter(summary.firstTime) }
            assert(summary.lastTime < end, "a summary handed out across a bucket boundary")
            current.add(summary)
        case let .points(times, values):
            consume(times: times, values: values)
        }
    }

    /// Takes one run of point columns.
    mutating func consume(times: UnsafeBufferPointer<Int64>, values: UnsafeBufferPointer<Double>) {
        let n = times.count
        var i = 0
        while i < n {
            let t = times[i]
            if t >= end || t < start { enter(t) }
            let j = times[n - 1] < end ? n : BucketFold.firstIndex(in: times, from: i + 1, notBelow: end)
            current.add(times: times, values: values, i..<j, for: aggregate)
            i = j
        }
    }

    /// The first index at or after `from` whose time is at least `bound` (the times are
    /// ascending and the last one is at least `bound`): a short linear probe for small
    /// buckets, then a binary search.
    @inline(__always)
    static func firstIndex(in times: UnsafeBufferPointer<Int64>, from: Int, notBelow bound: Int64) -> Int {
        var k = from
        let probeEnd = Swift.min(from + 16, times.count)
        while k < probeEnd {
            if times[k] >= bound { return k }
            k += 1
        }
        var low = k, high = times.count - 1
        while low < high {
            let mid = low + (high - low) / 2
            if times[mid] >= bound { high = mid } else { low = mid + 1 }
        }
        return low
    }

    /// The non-empty buckets, in time order.
    mutating func finish() -> [BucketAccumulator] {
        if current.count > 0 { buckets.append(BucketAccumulator(start: start, accumulator: current)) }
        current = Accumulator()
        return buckets
    }
}
