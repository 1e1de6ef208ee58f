import VintageCore

/// The whole-log fold for `replay`: events applied in log order, then ``finish()`` returns
/// every series' ``VintageRow``s sorted by ``VintageRow/key`` — the same rows, correction
/// notes included, as ``VintageFold/rows(of:)`` gives after the same events, only faster.
///
/// Most vintage keys are stated once (or restated with the same value) and never corrected:
/// their row is the first statement's, visible from its seq on and never ended. The fold
/// therefore only appends each stated figure to its series' array of figures while applying
/// (series and statuses interned, each original event's id appended to a log of ids; no
/// per-figure dictionary), and settles every key at the end: keys no correction or
/// retraction touched become one row each from their first statement; the few keys a
/// correction or retraction touched (stated by a corrected or retracted event, or by a
/// replacement) are folded by the rules of ``VintageFold``, key by key, from their statements
/// and the corrections in log order (see ``ReplayExactFold``).
///
/// Rows only: series definitions and announcement rows are not kept (``VintageFold`` has
/// them). Like ``VintageFold`` the fold assumes a valid log; a correction or retraction
/// naming an unknown target is ignored.
public struct ReplayFold: Sendable {
    /// The seq of the last event applied (0 before any).
    public internal(set) var lastSeq: Int64 = 0
    var firstAppliedSeq: Int64 = 0
    /// Per interned series: the figures stated for it, in log order.
    var figures: [[ReplayFigure]] = []
    /// The series, interned.
    var series = ReplaySeriesTable()
    /// The series interned last, for runs of figures of one series.
    var lastSeries: SeriesID?
    var lastSeriesIndex = 0
    /// The statuses, interned.
    var statusTable = ReplayStatusTable()
    /// The id of each original event, to resolve correction targets at the end.
    var ownerIDs = ReplayIDLog()
    /// Every correction and retraction, in log order (targets resolved at the end).
    var overrides: [ReplayOverride] = []
    /// Scratch space for the entries of a release read from canonical JSON.
    var canonicalEntries: [CanonicalEntry] = []
    /// The batch columns being applied (see ``begin(_:)``), and per dictionary index (0:
    /// none) its series index and status code once looked up (-1: not yet).
    var columns = ReplayColumns()
    var columnSeries: [Int] = []
    var columnStatus: [Int64] = []

    /// Creates an empty fold.
    public init() {}

    /// Applies the event logged at `seq` with id `id`. Events must come in log order
    /// (increasing seq).
    public mutating func apply(_ event: Event, id: EventID, seq: Int64) {
        precondition(seq > lastSeq, "events must be applied in log order (seq \(seq) after \(lastSeq))")
        if lastSeq == 0 { firstAppliedSeq = seq }
        lastSeq = seq
        switch event {
        case .observation(let o):
            ownerIDs.append(id, seq: seq)
            let series = seriesIndex(o.series)
            let status = statusCode(o.status)
            appendFigure(series, o.period.start.microseconds, o.releasedAt.microseconds, o.value, seq, status)
        case .release(let r):
            ownerIDs.append(id, seq: seq)
            let status = statusCode(r.status)
            let releasedAt = r.releasedAt.microseconds
            for entry in r.entries {
                appendFigure(
                    seriesIndex(entry.series), entry.period.start.microseconds, releasedAt, entry.value, seq,
                    entry.status.map { statusCode($0) } ?? status)
            }
        case .announcement(let a):
            ownerIDs.append(id, seq: seq)
            if let step = a.step {
                appendFigure(seriesIndex(step.series), step.effective.start.microseconds, a.releasedAt.microseconds, step.value, seq, 0)
            }
        case .series:
            ownerIDs.append(id, seq: seq)
        case .correction(let c):
            var replacement: [ReplayOverride.Figure] = []
            c.replacement.forEachFigure { _, figure in
                replacement.append(
                    ReplayOverride.Figure(
                        series: seriesIndex(figure.series), validTime: figure.period.start.microseconds,
                        releasedAt: figure.releasedAt.microseconds, value: figure.value,
                        status: statusCode(figure.status)))
            }
            overrides.append(ReplayOverride(position: seq, targetID: c.target, correction: id, replacement: replacement))
        case .retraction(let r):
            overrides.append(ReplayOverride(position: seq, targetID: r.target, correction: id, replacement: nil))
        }
    }

    /// Applies a prepared event logged at `seq`.
    public mutating func apply(_ prepared: PreparedEvent, seq: Int64) {
        apply(prepared.event, id: prepared.id, seq: seq)
    }

    /// The number of figures applied so far (statements of original events; replacements
    /// not counted).
    public var figureCount: Int { figures.reduce(0) { $0 + $1.count } }

    @inline(__always)
    mutating func appendFigure(_ series: Int, _ validTime: Int64, _ releasedAt: Int64, _ value: Double, _ seq: Int64, _ status: UInt32) {
        let ordinal = UInt32(truncatingIfNeeded: figures[series].count)
        figures[series].append(
            ReplayFigure(
                validTime: validTime, releasedAt: releasedAt, value: value, seq: seq,
                status: status, ordinal: ordinal))
    }

    /// The index of `series`, interning it when new.
    @inline(__always)
    mutating func seriesIndex(_ id: SeriesID) -> Int {
        if let last = lastSeries, last == id { return lastSeriesIndex }
        let index = series.index(of: id)
        if index == figures.count { figures.append([]) }
        lastSeries = id
        lastSeriesIndex = index
        return index
    }

    /// The code of `status`, interning it when new.
    @inline(__always)
    mutating func statusCode(_ status: String?) -> UInt32 { statusTable.code(of: status) }
}

/// One figure stated by an original event, as the fold keeps it until ``ReplayFold/finish()``.
struct ReplayFigure: Sendable {
    var validTime: Int64
    var releasedAt: Int64
    var value: Double
    /// The seq of the event stating it (its owner).
    var seq: Int64
    /// The status code (see ``ReplayStatusTable``).
    var status: UInt32
    /// Its position among the series' figures, to keep log order among equal keys.
    var ordinal: UInt32

    /// Chunk order of the vintage key, then log order.
    @inline(__always)
    static func precedes(_ a: ReplayFigure, _ b: ReplayFigure) -> Bool {
        if a.validTime != b.validTime { return a.validTime < b.validTime }
        if a.releasedAt != b.releasedAt { return a.releasedAt < b.releasedAt }
        return a.ordinal < b.ordinal
    }
}

/// A correction (with the figures its replacement states) or a retraction (`replacement`
/// nil).
struct ReplayOverride: Sendable {
    struct Figure: Sendable {
        var series: Int
        var validTime: Int64
        var releasedAt: Int64
        var value: Double
        var status: UInt32
    }

    /// The seq of the correction or retraction.
    var position: Int64
    /// The id it names.
    var targetID: EventID
    /// The seq of the original event it names, once resolved (see ``ReplayIDLog``).
    var target: Int64 = 0
    /// Its id.
    var correction: EventID
    var replacement: [Figure]?
}
