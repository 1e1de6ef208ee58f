import VintageCore

/// A vintage: series, period start, release time — what "one value per vintage" is about.
struct VintageKey: Hashable, Comparable {
    var series: String
    var period: Int64
    var releasedAt: Int64

    /// The vintage a figure states.
    init(_ figure: Figure) {
        self.init(series: figure.series.rawValue, period: figure.period.start.microseconds, releasedAt: figure.releasedAt.microseconds)
    }

    init(series: String, period: Int64, releasedAt: Int64) {
        self.series = series
        self.period = period
        self.releasedAt = releasedAt
    }

    static func < (a: VintageKey, b: VintageKey) -> Bool {
        (a.series, a.period, a.releasedAt) < (b.series, b.period, b.releasedAt)
    }
}

/// The release-time range of each series' figures among `events` (a correction's
/// replacement counting for the correction): what `series_batches` holds for one batch.
func seriesReleaseRanges(of events: some Sequence<Event>) -> [String: (low: Int64, high: Int64)] {
    seriesReleaseRanges { visit in for event in events { visit(event) } }
}

/// ``seriesReleaseRanges(of:)`` of prepared events, read in place (mapping them to their
/// events would copy each).
func seriesReleaseRanges(of events: [PreparedEvent]) -> [String: (low: Int64, high: Int64)] {
    events.withUnsafeBufferPointer { buffer in
        seriesReleaseRanges { visit in for i in buffer.indices { visit(buffer[i].event) } }
    }
}

/// ``seriesReleaseRanges(of:)`` of the events `forEachEvent` visits.
private func seriesReleaseRanges(_ forEachEvent: ((Event) -> Void) -> Void) -> [String: (low: Int64, high: Int64)] {
    var ranges: [String: (low: Int64, high: Int64)] = [:]
    var last: (id: String, low: Int64, high: Int64)?
    func settle() {
        if let last { ranges[last.id] = ranges[last.id].map { (min($0.low, last.low), max($0.high, last.high)) } ?? (last.low, last.high) }
    }
    func visit(_ series: String, _ t: Int64) {
        // Consecutive figures usually share a series: hash its id once per run.
        if let run = last, run.id == series {
            last = (run.id, min(run.low, t), max(run.high, t))
        } else {
            settle()
            last = (series, t, t)
        }
    }
    forEachEvent { event in
        LogRules.forEachHeldFigureKey(of: event) { series, _, _, releasedAt in visit(series.rawValue, releasedAt.microseconds) }
    }
    settle()
    return ranges
}
