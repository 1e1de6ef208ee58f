import VintageCore

/// What a chart's axes span: the time range (the chart's own, or one fitting its lines and
/// markers) and the smallest and largest value drawn inside it.
struct ChartDomain: Hashable, Sendable {
    /// The time at the left edge, UTC microseconds.
    var start: Int64
    /// The time at the right edge, UTC microseconds.
    var end: Int64
    /// The smallest value drawn, or nil when no line has a point in the range.
    var low: Double?
    /// The largest value drawn, or nil when no line has a point in the range.
    var high: Double?

    init(_ chart: Chart) {
        if let range = chart.timeRange {
            (start, end) = (range.lowerBound, range.upperBound)
        } else {
            let times = chart.lines.flatMap { [$0.times.first, $0.times.last].compactMap { $0 } } + chart.markers.map(\.time)
            (start, end) = (times.min() ?? 0, times.max() ?? Timestamp.microsecondsPerDay)
        }
        if end <= start {
            // A single instant: a day either side.
            (start, end) = (start - Timestamp.microsecondsPerDay, start + Timestamp.microsecondsPerDay)
        }
        var low = Double.infinity, high = -Double.infinity
        for line in chart.lines {
            for k in line.times.indices {
                let time = line.times[k]
                let holds = line.interpolation == .steps && time < start && (k + 1 == line.count || line.times[k + 1] > start)
                guard (time >= start && time <= end) || holds, line.values[k].isFinite else { continue }
                low = min(low, line.values[k])
                high = max(high, line.values[k])
            }
        }
        (self.low, self.high) = low <= high ? (low, high) : (nil, nil)
    }

    /// Where `time` lies between the left edge (0) and the right edge (1).
    func fraction(of time: Int64) -> Double { Double(time - start) / Double(end - start) }

    /// Whether `time` is on the chart (the right edge included).
    func contains(_ time: Int64) -> Bool { time >= start && time <= end }

    /// The markers on the chart, in time order, numbered from 1 for their footnotes.
    static func visibleMarkers(of chart: Chart, in domain: ChartDomain) -> [(number: Int, marker: ChartMarker)] {
        chart.markers.filter { domain.contains($0.time) }.sorted { $0.time < $1.time }.enumerated().map { ($0.offset + 1, $0.element) }
    }
}
