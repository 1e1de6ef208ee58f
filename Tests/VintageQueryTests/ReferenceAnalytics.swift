import VintageCore
import VintageFolds
import VintageProjection

@testable import VintageQuery

/// A deliberately plain reference for the analytics, over arrays of points: buckets found
/// by walking the calendar field by field, aggregates by sorting each bucket's points,
/// bases by searching every point. No code shared with the engine beyond `CivilDate`.
enum Reference {
    static let day = Timestamp.microsecondsPerDay

    /// Days since 1970-01-01 of the UTC day `time` falls on.
    static func dayNumber(_ time: Int64) -> Int64 {
        var d = time / day
        if d * day > time { d -= 1 }
        return d
    }

    /// The start of the bucket holding `time`.
    static func bucketStart(_ time: Int64, _ bucket: Bucket) -> Int64 {
        switch bucket {
        case let .fixed(width):
            let r = ((time % width) + width) % width
            return time - r
        case .isoWeek:
            var d = dayNumber(time)
            while CivilDate(dayNumber: d).isoWeekdayByZeller != 1 { d -= 1 }
            return d * day
        case let .calendarMonths(months):
            let date = CivilDate(dayNumber: dayNumber(time))
            let month = months == 1 ? date.month : months == 3 ? (date.month - 1) / 3 * 3 + 1 : 1
            return CivilDate(year: date.year, month: month, day: 1).dayNumber * day
        }
    }

    /// The start of the bucket after the one starting at `start`.
    static func nextBucket(_ start: Int64, _ bucket: Bucket) -> Int64 {
        switch bucket {
        case let .fixed(width): return start + width
        case .isoWeek: return start + 7 * day
        case let .calendarMonths(months):
            let date = CivilDate(dayNumber: dayNumber(start))
            var month = date.month + months, year = date.year
            while month > 12 { month -= 12; year += 1 }
            return CivilDate(year: year, month: month, day: 1).dayNumber * day
        }
    }

    /// ISO year, week and weekday of a day number, found from the week's Thursday.
    static func isoWeekDate(_ d: Int64) -> (year: Int, week: Int, weekday: Int) {
        let weekday = CivilDate(dayNumber: d).isoWeekdayByZeller
        let thursday = d - Int64(weekday) + 4
        let year = CivilDate(dayNumber: thursday).year
        let dayOfYear = thursday - CivilDate(year: year, month: 1, day: 1).dayNumber
        return (year, Int(dayOfYear / 7) + 1, weekday)
    }

    /// The instant a year before `time`: the same ISO week and weekday for weekly data
    /// (none when the earlier year lacks the week), else the same month and day (28
    /// February for 29 February); the same time of day.
    static func yearEarlier(_ time: Int64, weekly: Bool) -> Int64? {
        let d = dayNumber(time), timeOfDay = time - dayNumber(time) * day
        if weekly {
            let here = isoWeekDate(d)
            for candidate in [d - 364, d - 371] {
                let there = isoWeekDate(candidate)
                if there.year == here.year - 1 && there.week == here.week && there.weekday == here.weekday {
                    return candidate * day + timeOfDay
                }
            }
            return nil
        }
        let date = CivilDate(dayNumber: d)
        var earlier = CivilDate(year: date.year - 1, month: date.month, day: date.day)
        if !earlier.isValid { earlier.day -= 1 }
        return earlier.dayNumber * day + timeOfDay
    }

    /// (value − base) ÷ |base| × 100, or value − base for `diff`; nil for a zero base of a percentage.
    static func change(_ value: Double, _ base: Double, _ transform: Transform) -> Double? {
        if transform == .diff { return value - base }
        return base == 0 ? nil : (value - base) / abs(base) * 100
    }

    /// One aggregate over points tagged with their series' position in id order.
    static func aggregate(_ points: [(time: Int64, value: Double, series: Int)], _ aggregate: Aggregate) -> Double {
        let sorted = points.sorted { ($0.time, $0.series) < ($1.time, $1.series) }
        let values = sorted.map(\.value)
        switch aggregate {
        case .count: return Double(values.count)
        case .sum: return values.reduce(0, +)
        case .avg: return values.reduce(0, +) / Double(values.count)
        case .min: return values.min()!
        case .max: return values.max()!
        case .first: return values.first!
        case .last: return values.last!
        }
    }

    /// Whether `time` lies in the query's range.
    static func inRange(_ time: Int64, _ query: PointQuery) -> Bool {
        (query.from.map { time >= $0 } ?? true) && (query.to.map { time < $0 } ?? true)
    }

    /// The value of the point at `time` as known at release time `knownAt`: its latest
    /// vintage among `vintages` released at or before then; nil when none was.
    static func value(at time: Int64, knownAt: Int64, in vintages: [VintagePoint]) -> Double? {
        vintages.filter { $0.validTime == time && $0.releasedAt <= knownAt }.max { $0.releasedAt < $1.releasedAt }?.value
    }

    /// The answer to `query` over `series` (in the given order) whose points are `points`
    /// (the ones the query's vintage options select). `vintages` holds every vintage the
    /// query's view admits (needed only for transforms with `--first-release`, whose base is
    /// as known when the row's point was first released).
    static func run(
        _ query: AnalyticQuery, series: [SelectedSeries], points: [SeriesID: [VintagePoint]],
        vintages: [SeriesID: [VintagePoint]] = [:]
    ) -> AnalyticResult {
        let view = query.points
        guard let aggregate = query.aggregate else {
            return .points(
                series.map { selected in
                    let all = points[selected.id] ?? []
                    let range = all.filter { inRange($0.validTime, view) }
                    var rows: [VintagePoint] = range
                    if let transform = query.transform {
                        rows = range.compactMap { p in
                            let base: VintagePoint?
                            if transform == .yoy {
                                let earlier = yearEarlier(p.validTime, weekly: selected.metadata.frequency == .weekly)
                                base = all.first { $0.validTime == earlier }
                            } else {
                                base = all.last { $0.validTime < p.validTime }
                            }
                            guard let base else { return nil }
                            let baseValue =
                                view.firstRelease ? value(at: base.validTime, knownAt: p.releasedAt, in: vintages[selected.id] ?? []) : base.value
                            guard let baseValue, let value = change(p.value, baseValue, transform) else { return nil }
                            var row = p
                            row.value = value
                            return row
                        }
                    }
                    if view.latestOnly {
                        rows = rows.filter { $0.validTime == range.last?.validTime }
                    }
                    return SeriesPoints(series: selected.id, points: rows)
                })
        }
        // The units of aggregation: each series, or each group with its members in id order.
        var units: [(key: AggregateKey, members: [SeriesID])] = []
        if let tag = query.groupBy {
            let names = Set(series.map { $0.metadata.tags[tag] ?? "" }).sorted()
            for name in names {
                units.append((.group(name), series.filter { ($0.metadata.tags[tag] ?? "") == name }.map(\.id).sorted()))
            }
        } else {
            units = series.map { (.series($0.id), [$0.id]) }
        }
        let bucket = query.bucket
        func start(_ time: Int64) -> Int64 { bucket.map { bucketStart(time, $0) } ?? .min }
        let rangeStart = view.from.map(start) ?? .min
        var rows: [AggregateRows] = []
        for unit in units {
            // (start, value, count) of the buckets of the given points, in time order.
            func buckets(_ keep: (Int64) -> Bool) -> [(start: Int64, value: Double, count: Int)] {
                var byStart: [Int64: [(time: Int64, value: Double, series: Int)]] = [:]
                for (n, id) in unit.members.enumerated() {
                    for p in points[id] ?? [] where keep(p.validTime) {
                        byStart[start(p.validTime), default: []].append((p.validTime, p.value, n))
                    }
                }
                return byStart.keys.sorted().map { ($0, Reference.aggregate(byStart[$0]!, aggregate), byStart[$0]!.count) }
            }
            var unitRows = buckets { inRange($0, view) }
            if let transform = query.transform, let bucket {
                let before = view.from == nil ? [] : buckets { $0 < rangeStart }
                let all = before + unitRows
                unitRows = unitRows.compactMap { row in
                    let base: Double?
                    if transform == .yoy {
                        let earlier = yearEarlier(row.start, weekly: bucket == .isoWeek).map { bucketStart($0, bucket) }
                        base = all.first { $0.start == earlier }?.value
                    } else {
                        base = all.last { $0.start < row.start }?.value
                    }
                    guard let base, let value = change(row.value, base, transform) else { return nil }
                    return (row.start, value, row.count)
                }
            }
            if let fill = query.fill, let bucket, let from = view.from, let to = view.to, !unitRows.isEmpty {
                var filled: [(start: Int64, value: Double, count: Int)] = []
                var b = bucketStart(from, bucket)
                while b < to {
                    if let row = unitRows.first(where: { $0.start == b }) {
                        filled.append(row)
                    } else if let before = unitRows.last(where: { $0.start < b }) {
                        if fill == .prev {
                            filled.append((b, before.value, 0))
                        } else if let after = unitRows.first(where: { $0.start > b }) {
                            let span = Double(after.start - before.start)
                            let value = (before.value * Double(after.start - b) + after.value * Double(b - before.start)) / span
                            filled.append((b, value, 0))
                        }
                    }
                    b = nextBucket(b, bucket)
                }
                unitRows = filled
            }
            if !unitRows.isEmpty {
                rows.append(
                    AggregateRows(
                        key: unit.key, times: bucket == nil ? nil : unitRows.map(\.start),
                        values: unitRows.map(\.value), counts: unitRows.map(\.count)))
            }
        }
        return .aggregates(rows)
    }
}

extension CivilDate {
    /// ISO weekday (1 = Monday … 7 = Sunday) by Zeller's congruence, independent of day numbers.
    var isoWeekdayByZeller: Int {
        var y = year, m = month
        if m < 3 { m += 12; y -= 1 }
        let k = ((y % 100) + 100) % 100
        let j = Int((Double(y) / 100).rounded(.down))
        let h = ((day + 13 * (m + 1) / 5 + k + k / 4 + Int((Double(j) / 4).rounded(.down)) + 5 * j) % 7 + 7) % 7  // 0 = Saturday
        return (h + 5) % 7 + 1
    }
}
