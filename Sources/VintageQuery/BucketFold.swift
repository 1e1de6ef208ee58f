import VintageCore
import VintageProjection

/// The non-empty buckets of one series (or, merged, of a group) as columns: per bucket its
/// start, its point count and its value.
///
/// The buckets of a series that stands alone hold the aggregate's final values. Those of a
/// series to be merged with others (`mergeable`) hold partial values instead — the exact sum
/// (in `sums`) for `sum` and `avg`, the extreme for `min` and `max`, the first or last value for `first` and
/// `last` (with that point's valid time in `pointTimes`), nothing for `count` — and
/// ``values(of:)`` finishes them.
struct BucketColumns {
    var starts: [Int64] = []
    var counts: [Int] = []
    var partials: [Double] = []
    var pointTimes: [Int64] = []
    /// The exact sums of mergeable `sum` and `avg` buckets.
    var sums: [DecimalSum] = []
    /// Whether `partials` are partial values to be merged rather than final values.
    var mergeable = false

    var isEmpty: Bool { starts.isEmpty }

    /// Appends a bucket from its accumulator.
    @inline(__always)
    mutating func append(_ start: Int64, _ accumulator: Accumulator, for aggregate: Aggregate) {
        starts.append(start)
        counts.append(accumulator.count)
        switch aggregate {
        case .count: partials.append(mergeable ? 0 : Double(accumulator.count))
        case .sum, .avg:
            if mergeable {
                partials.append(0)
                sums.append(accumulator.sum)
            } else {
                partials.append(accumulator.value(of: aggregate))
            }
        case .min: partials.append(accumulator.min)
        case .max: partials.append(accumulator.max)
        case .first:
            partials.append(accumulator.firstValue)
            if mergeable { pointTimes.append(accumulator.firstTime) }
        case .last:
            partials.append(accumulator.lastValue)
            if mergeable { pointTimes.append(accumulator.lastTime) }
        }
    }

    /// Appends every bucket of `other` (all later than these).
    mutating func append(contentsOf other: BucketColumns) {
        starts += other.starts
        counts += other.counts
        partials += other.partials
        pointTimes += other.pointTimes
        sums += other.sums
    }

    /// Appends bucket `k` of `other`.
    mutating func append(_ other: BucketColumns, _ k: Int) {
        starts.append(other.starts[k])
        counts.append(other.counts[k])
        partials.append(other.partials[k])
        if !other.pointTimes.isEmpty { pointTimes.append(other.pointTimes[k]) }
        if !other.sums.isEmpty { sums.append(other.sums[k]) }
    }

    /// The aggregate's value of every bucket.
    func values(of aggregate: Aggregate) -> [Double] {
        guard mergeable else { return partials }
        switch aggregate {
        case .count: return counts.map(Double.init)
        case .sum: return sums.map(\.value)
        case .avg: return (0..<counts.count).map { sums[$0].quotient(dividingBy: counts[$0]) }
        case .min, .max, .first, .last: return partials
        }
    }

    /// The buckets of several series merged per bucket start, the series given in id order:
    /// on equal valid times the first point is the lowest series id's and the last point the
    /// highest's, as ``Accumulator/merge(_:)`` orders them.
    static func merged(_ lists: [BucketColumns], for aggregate: Aggregate) -> BucketColumns {
        if lists.count == 1 { return lists[0] }
        var order: [(start: Int64, list: Int, row: Int)] = []
        order.reserveCapacity(lists.reduce(0) { $0 + $1.starts.count })
        for (n, list) in lists.enumerated() {
            for k in list.starts.indices { order.append((list.starts[k], n, k)) }
        }
        order.sort { ($0.start, $0.list) < ($1.start, $1.list) }
        var out = BucketColumns()
        out.mergeable = true
        for entry in order {
            let list = lists[entry.list], k = entry.row
            guard let last = out.starts.last, last == entry.start else {
                out.append(list, k)
                continue
            }
            let m = out.starts.count - 1
            out.counts[m] += list.counts[k]
            let value = list.partials[k]
            switch aggregate {
            case .count: break
            case .sum, .avg: out.sums[m].add(list.sums[k])
            case .min: if value < out.partials[m] { out.partials[m] = value }
            case .max: if value > out.partials[m] { out.partials[m] = value }
            case .first:
                if list.pointTimes[k] < out.pointTimes[m] { out.partials[m] = value; out.pointTimes[m] = list.pointTimes[k] }
            case .last:
                if list.pointTimes[k] >= out.pointTimes[m] { out.partials[m] = value; out.pointTimes[m] = list.pointTimes[k] }
            }
        }
        return out
    }
}

/// Folds the runs of one series' scan, in ascending valid time, into one bucket per
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
    /// The aggregate of the current bucket.
    var current = Accumulator()
    /// The finished non-empty buckets, in time order.
    var buckets = BucketColumns()

    /// A fold of the buckets of `bucket` (one bucket without), keeping partial values when
    /// the buckets are to be merged with other series' (`mergeable`).
    init(aggregate: Aggregate, bucket: Bucket?, mergeable: Bool) {
        self.aggregate = aggregate
        self.bucket = bucket
        buckets.mergeable = mergeable
    }

    /// Moves to the bucket holding `time`, finishing the current one.
    @inline(__always)
    mutating func enter(_ time: Int64) {
        if current.count > 0 { buckets.append(start, current, for: aggregate) }
        // The next bucket's sum starts at this one's scale: its figures most likely have as
        // many decimals, and are then summed without a search for their scale.
        let scale = current.sum
        current = Accumulator()
        current.sum = DecimalSum(zeroAtScaleOf: scale)
        guard let bucket else {
            start = .min
            end = .max
            return
        }
        if case let .fixed(width) = bucket, end != .min, time >= end, time - end < width {
            // The next bucket: no division.
            start = end
            end += width
        } else {
            start = bucket.start(of: time)
            end = bucket.next(after: start)
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
    mutating func finish() -> BucketColumns {
        if current.count > 0 { buckets.append(start, current, for: aggregate) }
        current = Accumulator()
        return buckets
    }
}
