import Vintage

/// The reading of one ``ChartRequest`` from a store: the queries of each series' lines, the
/// time range they span, the announcements in it, and the chart's labels.
struct ChartReading {
    let store: Store
    let request: ChartRequest

    /// The lines of one series and the time they span (from its first point to the end of
    /// its last point's period).
    private struct SeriesLines {
        var lines: [ChartLine] = []
        var span: Range<Int64>?
        var notes: [String] = []
    }

    private static let day = Timestamp.microsecondsPerDay

    mutating func chart() throws(StoreError) -> Chart {
        let definitions = Dictionary(
            uniqueKeysWithValues: try store.definitions(of: request.series, atSeq: request.view.atSeq).map { ($0.id, $0.metadata) })
        let timeline = try store.announcements(AnnouncementQuery(asOf: request.view.asOf, atSeq: request.view.atSeq))
        let stepSeries = Set(timeline.compactMap(\.series))

        var lines: [ChartLine] = []
        var notes: [String] = []
        var spans: [Range<Int64>] = []
        var empty: [SeriesID] = []
        for (slot, id) in request.series.enumerated() {
            let metadata = definitions[id] ?? SeriesMetadata()
            let read = try self.lines(of: id, slot: slot, metadata: metadata, steps: stepSeries.contains(id))
            lines += read.lines
            notes += read.notes
            if let span = read.span { spans.append(span) } else { empty.append(id) }
        }
        guard !spans.isEmpty else {
            throw .invalidRequest("no points of \(request.series.map(\.rawValue).joined(separator: ", ")) \(rangeText) (nothing to chart)")
        }
        notes = empty.map { "\($0): no points \(rangeText)" } + notes

        var start = request.view.from ?? spans.map(\.lowerBound).min()!
        var end = request.view.to ?? spans.map(\.upperBound).max()!
        if request.view.to == nil && lines.contains(where: { $0.interpolation == .steps }) {
            end += max(ChartReading.day, (end - start) / 20)
        }
        if end <= start { (start, end) = (start - ChartReading.day, start + ChartReading.day) }

        var markers: [ChartMarker] = []
        if request.announcements {
            let rateSeries = Array(Set(timeline.compactMap(\.series)))
            let defined = rateSeries.isEmpty ? [] : (try? store.definitions(of: rateSeries)) ?? []
            let units = Dictionary(uniqueKeysWithValues: defined.map { ($0.id, $0.metadata.unit) })
            for row in timeline where row.validTime >= start && row.validTime <= end {
                let label = row.value.map { ValueFormat.short($0) + ChartReading.suffix(units[row.series!] ?? nil) } ?? ""
                markers.append(ChartMarker(time: row.validTime, label: label, title: row.title))
            }
        }
        return Chart(
            title: request.title ?? defaultTitle(definitions), subtitle: subtitle, unit: unit(definitions),
            lines: lines, markers: markers, timeRange: start..<end, notes: notes)
    }

    // MARK: Lines

    /// The lines of one series in colour slot `slot`.
    private func lines(of id: SeriesID, slot: Int, metadata: SeriesMetadata, steps: Bool) throws(StoreError) -> SeriesLines {
        if let query = request.analyticQuery { return try analyticLines(of: id, slot: slot, query: query, metadata: metadata) }
        let count = try pointCount(of: id, request.view)
        guard count > 0 else { return SeriesLines() }
        switch request.vintages {
        case .all:
            guard count <= ChartRequest.fanPointLimit else {
                throw .invalidRequest(
                    "\(id) has \(ValueFormat.count(count)) points \(rangeText): a revision fan draws at most \(ValueFormat.count(ChartRequest.fanPointLimit)) (narrow it with --from and --to)"
                )
            }
            return try fan(of: id, slot: slot, metadata: metadata, steps: steps)
        case .latest:
            return try viewLines(of: id, slot: slot, count: count, metadata: metadata, steps: steps, views: [(request.view, .solid, id.rawValue)])
        case .firstAndLatest:
            var first = request.view
            first.firstRelease = true
            return try viewLines(
                of: id, slot: slot, count: count, metadata: metadata, steps: steps,
                views: [(first, .dashed, "\(id) first release"), (request.view, .solid, "\(id) latest")])
        }
    }

    /// Lines of one vintage each per point (latest or first release), read as points or,
    /// for a series with many more points than columns, as the least and greatest value per column.
    private func viewLines(
        of id: SeriesID, slot: Int, count: Int, metadata: SeriesMetadata, steps: Bool,
        views: [(view: PointQuery, style: LineStyle, label: String)]
    ) throws(StoreError) -> SeriesLines {
        var result = SeriesLines()
        if count <= 4 * request.columns {
            for (view, style, label) in views {
                let points = try store.points(of: [id], view).first?.points ?? []
                guard let first = points.first, let last = points.last else { continue }
                result.lines.append(
                    ChartLine(
                        label: label, colorSlot: slot, style: style, interpolation: steps ? .steps : .linear,
                        times: points.map(\.validTime), values: points.map(\.value)))
                result.span = ChartReading.union(result.span, first.validTime..<ChartReading.periodEnd(after: last.validTime, metadata.frequency))
            }
            return result
        }
        guard let span = try extent(of: id) else { return result }
        let width = max(Timestamp.microsecondsPerSecond, (span.upperBound - span.lowerBound + Int64(request.columns) - 1) / Int64(request.columns))
        for (view, style, label) in views {
            var bounded = view
            (bounded.from, bounded.to) = (span.lowerBound, span.upperBound)
            let lows = try aggregateRows(of: id, bounded, .min, .fixed(microseconds: width))
            let highs = try aggregateRows(of: id, bounded, .max, .fixed(microseconds: width))
            guard let times = lows?.times, let highs, highs.count == lows?.count else { continue }
            let line = Envelope.line(times: times, lows: lows!.values, highs: highs.values, width: width)
            result.lines.append(ChartLine(label: label, colorSlot: slot, style: style, times: line.times, values: line.values))
        }
        result.span = span
        result.notes.append("\(id): \(ValueFormat.count(count)) points, drawn as the least and greatest value per \(ChartReading.duration(width))")
        return result
    }

    /// The revision fan of one series: the series after each release faint, the first
    /// releases dashed, the latest vintages solid.
    private func fan(of id: SeriesID, slot: Int, metadata: SeriesMetadata, steps: Bool) throws(StoreError) -> SeriesLines {
        let fan = RevisionFan(try store.vintages(of: id, request.view), most: 60)
        guard let first = fan.latest.times.first, let last = fan.latest.times.last else { return SeriesLines() }
        var result = SeriesLines()
        let interpolation: ChartLine.Interpolation = steps ? .steps : .linear
        let earlier = fan.releaseCount - 1
        for (k, vintage) in fan.vintages.enumerated() {
            let label = "\(id) after earlier releases (\(earlier))"
            result.lines.append(
                ChartLine(
                    label: label, showsInLegend: k == 0, colorSlot: slot, style: .faint, interpolation: interpolation,
                    times: vintage.line.times, values: vintage.line.values))
        }
        result.lines.append(
            ChartLine(
                label: "\(id) first release", colorSlot: slot, style: .dashed, interpolation: interpolation,
                times: fan.first.times, values: fan.first.values))
        result.lines.append(
            ChartLine(
                label: "\(id) latest", colorSlot: slot, style: .solid, interpolation: interpolation,
                times: fan.latest.times, values: fan.latest.values))
        result.span = first..<ChartReading.periodEnd(after: last, metadata.frequency)
        if fan.vintages.count < earlier {
            result.notes.append("\(id): \(fan.vintages.count) of its \(earlier) earlier releases drawn, spread evenly")
        }
        return result
    }

    /// The line of an aggregate per bucket or a transform of one series.
    private func analyticLines(of id: SeriesID, slot: Int, query: AnalyticQuery, metadata: SeriesMetadata) throws(StoreError) -> SeriesLines {
        var times: [Int64] = [], values: [Double] = []
        switch try store.query([id], query) {
        case let .points(rows):
            let points = rows.first?.points ?? []
            (times, values) = (points.map(\.validTime), points.map(\.value))
        case let .aggregates(rows):
            if let row = rows.first, let rowTimes = row.times { (times, values) = (rowTimes, row.values) }
        }
        guard let first = times.first, let last = times.last else { return SeriesLines() }
        let end = query.bucket.map { $0.next(after: last) } ?? ChartReading.periodEnd(after: last, metadata.frequency)
        return SeriesLines(lines: [ChartLine(label: id.rawValue, colorSlot: slot, times: times, values: values)], span: first..<end)
    }

    // MARK: Queries

    /// The number of points of `id` in `view`.
    private func pointCount(of id: SeriesID, _ view: PointQuery) throws(StoreError) -> Int {
        Int(try aggregateRows(of: id, view, .count, nil)?.values.first ?? 0)
    }

    /// The rows of `aggregate` over `id` in `view` (per `bucket`, or for the whole range).
    private func aggregateRows(of id: SeriesID, _ view: PointQuery, _ aggregate: Aggregate, _ bucket: Bucket?) throws(StoreError) -> AggregateRows? {
        let query: AnalyticQuery
        do {
            query = try AnalyticQuery(points: view, aggregate: aggregate, bucket: bucket)
        } catch {
            throw .invalidRequest(error.description)
        }
        guard case let .aggregates(rows) = try store.query([id], query) else { return nil }
        return rows.first
    }

    /// The time from the first point of `id` in the view to the end of the bucket holding its
    /// last, found by counting points per year, then per month, day, hour and minute at the
    /// ends only, until the buckets are narrower than a column. The request's `from` and `to`
    /// bound it where given.
    private func extent(of id: SeriesID) throws(StoreError) -> Range<Int64>? {
        let view = request.view
        if let from = view.from, let to = view.to { return from..<to }
        let lower = view.from ?? AnalyticQuery.earliestBound, upper = view.to ?? AnalyticQuery.latestBound
        let levels: [Bucket] = [
            .calendarMonths(12), .calendarMonths(1), .fixed(microseconds: ChartReading.day),
            .fixed(microseconds: ChartReading.day / 24), .fixed(microseconds: ChartReading.day / 1440)
        ]
        func buckets(_ bucket: Bucket, _ from: Int64, _ to: Int64) throws(StoreError) -> (first: Int64, last: Int64)? {
            var bounded = view
            (bounded.from, bounded.to) = (max(from, lower), min(to, upper))
            guard let times = try aggregateRows(of: id, bounded, .count, bucket)?.times, let first = times.first, let last = times.last else {
                return nil
            }
            return (first, last)
        }
        guard var (first, last) = try buckets(levels[0], lower, upper) else { return nil }
        var level = 0
        while level + 1 < levels.count {
            let bucket = levels[level]
            let width = bucket.next(after: first) - first
            if (bucket.next(after: last) - first) / width >= Int64(request.columns) { break }
            let finer = levels[level + 1]
            if view.from == nil, let found = try buckets(finer, first, bucket.next(after: first)) { first = found.first }
            if view.to == nil, let found = try buckets(finer, last, bucket.next(after: last)) { last = found.last }
            level += 1
        }
        let start = view.from ?? max(lower, first), end = view.to ?? min(upper, levels[level].next(after: last))
        return start..<max(end, start + 1)
    }

    // MARK: Labels

    /// The view in words, for the subtitle: `as known on 10 Feb 2026`, `first releases`, …
    private var subtitle: String? {
        var parts: [String] = []
        if let aggregate = request.aggregate, let bucket = request.bucket { parts.append("\(aggregate) per \(bucket)") }
        switch request.transform {
        case .yoy: parts.append("change from a year earlier")
        case .pop: parts.append("change from the previous period")
        case .diff: parts.append("change from the previous period")
        case nil: break
        }
        if request.view.firstRelease { parts.append("first releases") }
        if let asOf = request.view.asOf {
            parts.append(
                (asOf + 1) % ChartReading.day == 0 ? "as known on \(TimeText.day(asOf))" : "as known at \(Timestamp(microseconds: asOf).iso8601)")
        }
        if let atSeq = request.view.atSeq { parts.append("as the store stood after event \(atSeq)") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    private func defaultTitle(_ definitions: [SeriesID: SeriesMetadata]) -> String {
        if request.series.count == 1, let id = request.series.first { return definitions[id]?.name ?? id.rawValue }
        return request.series.map(\.rawValue).joined(separator: ", ")
    }

    /// The y axis's unit: `%` for a percentage change, `count` for counts, else the series' units.
    private func unit(_ definitions: [SeriesID: SeriesMetadata]) -> String? {
        if request.transform == .yoy || request.transform == .pop { return "%" }
        if request.aggregate == .count { return "count" }
        var units: [String] = []
        for id in request.series { if let unit = definitions[id]?.unit, !units.contains(unit) { units.append(unit) } }
        return units.isEmpty ? nil : units.joined(separator: " / ")
    }

    /// The range in words, for errors and notes: `in 2030-01-01T00:00:00Z … 2031-01-01T00:00:00Z`.
    private var rangeText: String {
        switch (request.view.from, request.view.to) {
        case let (from?, to?): "from \(Timestamp(microseconds: from).iso8601) to \(Timestamp(microseconds: to).iso8601)"
        case let (from?, nil): "from \(Timestamp(microseconds: from).iso8601) on"
        case let (nil, to?): "before \(Timestamp(microseconds: to).iso8601)"
        case (nil, nil): "in the view"
        }
    }

    /// What follows a marker's value: `%` for a percentage, ` USD` for another unit.
    private static func suffix(_ unit: String?) -> String {
        guard let unit, !unit.isEmpty else { return "" }
        return unit == "percent" || unit == "%" ? "%" : " " + unit
    }

    /// A bucket width in words: `1.2 days`, `6 hours`, `30 seconds`.
    static func duration(_ microseconds: Int64) -> String {
        let seconds = Double(microseconds) / 1e6
        for (size, name) in [(86_400.0, "day"), (3_600.0, "hour"), (60.0, "minute")] where seconds >= size {
            let amount = ValueFormat.short(seconds / size)
            return amount == "1" ? "1 \(name)" : "\(amount) \(name)s"
        }
        let amount = ValueFormat.short(seconds)
        return amount == "1" ? "1 second" : "\(amount) seconds"
    }

    /// The end of the period starting at `time` for a series of `frequency` (itself for an
    /// irregular series).
    static func periodEnd(after time: Int64, _ frequency: Frequency?) -> Int64 {
        let bucket: Bucket
        switch frequency {
        case .daily: bucket = .fixed(microseconds: day)
        case .weekly: bucket = .isoWeek
        case .monthly: bucket = .calendarMonths(1)
        case .quarterly: bucket = .calendarMonths(3)
        case .annual: bucket = .calendarMonths(12)
        case .irregular, nil: return time
        }
        return bucket.next(after: bucket.start(of: time))
    }

    static func union(_ a: Range<Int64>?, _ b: Range<Int64>) -> Range<Int64> {
        guard let a else { return b }
        return min(a.lowerBound, b.lowerBound)..<max(a.upperBound, b.upperBound)
    }
}
