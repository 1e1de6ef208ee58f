import VintageCore
import VintageFolds
import VintageProjection

extension AnalyticQuery {
    /// Answers the query over `series` (in the order rows should come, normally by id) from
    /// `source`, normally the projection.
    ///
    /// Without analytic options this is the point query, point for point. With `--agg` the
    /// rows are aggregate rows per series (or per group of `--group-by`, groups in name
    /// order), then by bucket start; a series or group with no point in the range has none.
    /// With `--transform` the base rows may lie before `--from`: the extra range is read (a
    /// year for `yoy`, back to the last point or non-empty bucket before the range for `pop`
    /// and `diff`) and the rows are then cut to the range.
    public func run(on source: inout some SeriesPointSource, series: [SelectedSeries]) throws(ProjectionError) -> AnalyticResult {
        guard let aggregate else {
            var rows: [SeriesPoints] = []
            rows.reserveCapacity(series.count)
            for selected in series {
                let points: [VintagePoint]
                if let transform {
                    points = try transformedPoints(of: selected, transform, from: &source)
                } else {
                    points = try source.points(of: selected.id, self.points)
                }
                rows.append(SeriesPoints(series: selected.id, points: points))
            }
            return .points(rows)
        }
        var rows: [AggregateRows] = []
        if let groupBy {
            var members: [String: [SeriesID]] = [:]
            for selected in series { members[selected.metadata.tags[groupBy] ?? "", default: []].append(selected.id) }
            for name in members.keys.sorted() {
                var lists: [BucketColumns] = []
                for id in members[name]!.sorted() { lists.append(try buckets(of: id, aggregate, from: &source)) }
                if let group = finalRows(BucketColumns.merged(lists, for: aggregate), aggregate, key: .group(name)) { rows.append(group) }
            }
        } else {
            for selected in series {
                if let one = finalRows(try buckets(of: selected.id, aggregate, from: &source), aggregate, key: .series(selected.id)) {
                    rows.append(one)
                }
            }
        }
        return .aggregates(rows)
    }

    /// The first bucket start of the range: the start of the bucket holding `--from`, or
    /// `--from` itself without a bucket; nil without `--from`.
    var rangeStart: Int64? {
        guard let from = points.from else { return nil }
        return bucket?.start(of: from) ?? from
    }

    /// The non-empty buckets of one series: those of the range, preceded with a transform
    /// by the buckets its bases may need before the range.
    func buckets(of id: SeriesID, _ aggregate: Aggregate, from source: inout some SeriesPointSource) throws(ProjectionError) -> BucketColumns {
        var result = BucketColumns()
        if let transform, let bucket, let rangeStart {
            switch transform {
            case .yoy:
                let earliest = bucket.start(of: rangeStart - YearEarlier.longestStep)
                result = try scanBuckets(of: id, aggregate, from: earliest, to: rangeStart, source: &source)
            case .pop, .diff:
                if let last = try lastPoint(of: id, before: rangeStart, source: &source) {
                    result = try scanBuckets(of: id, aggregate, from: bucket.start(of: last.time), to: rangeStart, source: &source)
                }
            }
        }
        let range = try scanBuckets(of: id, aggregate, from: points.from, to: points.to, source: &source)
        if result.isEmpty { return range }
        result.append(contentsOf: range)
        return result
    }

    /// The non-empty buckets of the points of one series in `from..<to`, from one scan that
    /// lets whole chunks come as summaries when they lie in the range and in one bucket.
    func scanBuckets(
        of id: SeriesID, _ aggregate: Aggregate, from: Int64?, to: Int64?,
        source: inout some SeriesPointSource
    ) throws(ProjectionError) -> BucketColumns {
        var view = points
        view.from = from
        view.to = to
        view.latestOnly = false
        let bucket = self.bucket
        var fold = BucketFold(aggregate: aggregate, bucket: bucket, mergeable: groupBy != nil)
        try source.scanPoints(
            of: id, view,
            summarizing: { first, last in
                if let from, first < from { return false }
                if let to, last >= to { return false }
                guard let bucket else { return true }
                return last < bucket.next(after: bucket.start(of: first))
            }
        ) { run in fold.consume(run) }
        return fold.finish()
    }

    /// The valid time and value of the last point of a series before `time`, read from a
    /// scan that may summarise every chunk.
    func lastPoint(of id: SeriesID, before time: Int64, source: inout some SeriesPointSource) throws(ProjectionError) -> (time: Int64, value: Double)?
    {
        var view = points
        view.from = nil
        view.to = time
        view.latestOnly = false
        var last: (time: Int64, value: Double)?
        try source.scanPoints(of: id, view, summarizing: { _, _ in true }) { run in
            switch run {
            case let .summary(summary):
                last = (summary.lastTime, summary.lastValue)
            case let .points(times, values):
                if let t = times.last, let v = values.last { last = (t, v) }
            }
        }
        return last
    }

    /// The rows of one series or group from its non-empty buckets: aggregate values,
    /// transformed and cut to the range, or filled; nil when there are none.
    func finalRows(_ buckets: BucketColumns, _ aggregate: Aggregate, key: AggregateKey) -> AggregateRows? {
        guard !buckets.isEmpty else { return nil }
        let values = buckets.values(of: aggregate)
        guard let bucket, transform != nil || fill != nil else {
            return AggregateRows(key: key, times: bucket == nil ? nil : buckets.starts, values: values, counts: buckets.counts)
        }
        var rows = buckets.starts.indices.map { FilledRow(start: buckets.starts[$0], value: values[$0], count: buckets.counts[$0]) }
        if let transform { rows = transformed(rows, transform, bucket: bucket) }
        if let fill, let to = points.to { rows = fill.filled(rows, bucket: bucket, to: to) }
        guard !rows.isEmpty else { return nil }
        return AggregateRows(key: key, times: rows.map(\.start), values: rows.map(\.value), counts: rows.map(\.count))
    }

    /// The bucket rows of the range with a base, transformed: the base of `pop` and `diff` is
    /// the previous non-empty bucket, that of `yoy` the bucket holding the instant a year
    /// before the bucket's start (see ``YearEarlier``; ISO-week rule for `1w`).
    func transformed(_ rows: [FilledRow], _ transform: Transform, bucket: Bucket) -> [FilledRow] {
        let start = rangeStart ?? .min
        var out: [FilledRow] = []
        for k in rows.indices where rows[k].start >= start {
            let base: Double?
            if transform.comparesWithPrevious {
                base = k > 0 ? rows[k - 1].value : nil
            } else if let earlier = YearEarlier.time(before: rows[k].start, isoWeeks: bucket == .isoWeek) {
                let baseStart = bucket.start(of: earlier)
                let found = rows.partitioningIndex(upTo: k) { $0.start >= baseStart }
                base = found < k && rows[found].start == baseStart ? rows[found].value : nil
            } else {
                base = nil
            }
            guard let base, let value = transform.apply(rows[k].value, base: base) else { continue }
            out.append(FilledRow(start: rows[k].start, value: value, count: rows[k].count))
        }
        return out
    }

    /// The transformed points of one series in the range (see ``Transform``); with
    /// `--latest`, the transform of the range's last point if it has a base. With
    /// `--first-release` the base is as it was known when the row's point was first released
    /// (see ``baseValue(_:_:first:latest:of:in:from:)``).
    func transformedPoints(
        of selected: SelectedSeries, _ transform: Transform,
        from source: inout some SeriesPointSource
    ) throws(ProjectionError) -> [VintagePoint] {
        var view = points
        view.latestOnly = false
        let from = points.from ?? .min
        var out: [VintagePoint] = []
        var all: [VintagePoint]
        switch transform {
        case .yoy:
            if let start = points.from { view.from = start - YearEarlier.longestStep }
            all = try source.points(of: selected.id, view)
            let latest = try latestVintages(of: selected.id, matching: all, view, from: &source)
            let isoWeeks = selected.metadata.frequency == .weekly
            // With --latest only the last point's row can be shown: the others are not computed.
            for k in all.indices where all[k].validTime >= from && (!points.latestOnly || k == all.count - 1) {
                guard let earlier = YearEarlier.time(before: all[k].validTime, isoWeeks: isoWeeks) else { continue }
                let found = all.partitioningIndex(upTo: k) { $0.validTime >= earlier }
                guard found < k, all[found].validTime == earlier,
                    let base = try baseValue(
                        all[found].validTime, all[found].value, first: all[found].releasedAt, latest: latest?[found],
                        of: all[k], in: selected.id, from: &source),
                    let value = transform.apply(all[k].value, base: base)
                else { continue }
                var row = all[k]
                row.value = value
                out.append(row)
            }
        case .pop, .diff:
            var previous: (time: Int64, value: Double)?
            if let start = points.from { previous = try lastPoint(of: selected.id, before: start, source: &source) }
            all = try source.points(of: selected.id, view)
            let latest = try latestVintages(of: selected.id, matching: all, view, from: &source)
            for (k, point) in all.enumerated() {
                defer { previous = (point.validTime, point.value) }
                guard !points.latestOnly || k == all.count - 1, let held = previous,
                    let base = try baseValue(
                        held.time, held.value, first: k > 0 ? all[k - 1].releasedAt : nil, latest: k > 0 ? latest?[k - 1] : nil,
                        of: point, in: selected.id, from: &source),
                    let value = transform.apply(point.value, base: base)
                else { continue }
                var row = point
                row.value = value
                out.append(row)
            }
        }
        if points.latestOnly {
            guard let last = all.last, last.validTime >= from, let row = out.last, row.validTime == last.validTime else { return [] }
            return [row]
        }
        return out
    }
}

extension AnalyticQuery {
    /// The base value of `row`'s transform, the base point being at `baseTime` with the
    /// selected value `selected`: that value; or with `--first-release` the base as it was
    /// known when `row`'s point was first released (its latest vintage released by then, in
    /// the same view), so that the row is the change as first published — nil when the base
    /// point had not been published by then. `first` (the base's first release time) and
    /// `latest` (its latest vintage), when known, answer without asking `source` when the
    /// base was first released after the row, or last revised by then.
    func baseValue(
        _ baseTime: Int64, _ selected: Double, first: Int64?, latest: VintagePoint?, of row: VintagePoint, in series: SeriesID,
        from source: inout some SeriesPointSource
    ) throws(ProjectionError) -> Double? {
        guard points.firstRelease else { return selected }
        if let first, first > row.releasedAt { return nil }
        if let latest, latest.validTime == baseTime, latest.releasedAt <= row.releasedAt { return latest.value }
        return try source.vintage(of: series, at: baseTime, knownAt: row.releasedAt, in: points)?.value
    }

    /// With `--first-release` (and without `--latest`), the latest vintage in `view` of each
    /// point of `all` (the points `view` selects), index for index; nil otherwise, or when
    /// the two do not line up.
    func latestVintages(
        of series: SeriesID, matching all: [VintagePoint], _ view: PointQuery,
        from source: inout some SeriesPointSource
    ) throws(ProjectionError) -> [VintagePoint]? {
        guard points.firstRelease, !points.latestOnly else { return nil }
        var latestView = view
        latestView.firstRelease = false
        let latest = try source.points(of: series, latestView)
        guard latest.count == all.count, zip(latest, all).allSatisfy({ $0.validTime == $1.validTime }) else { return nil }
        return latest
    }
}

extension Array {
    /// The first index before `end` whose element satisfies `belongs` (which holds for a
    /// suffix of `self[..<end]`), or `end` when none does: a binary search.
    func partitioningIndex(upTo end: Int, where belongs: (Element) -> Bool) -> Int {
        var low = 0, high = end
        while low < high {
            let mid = low + (high - low) / 2
            if belongs(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
