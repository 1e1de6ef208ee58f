import VintageCore
import VintageFolds
import VintageProjection

/// SPEC.md's rules written plainly: the one reference every model test checks the log, the
/// fold, the projection and the store against. The log's acceptance rules are tracked on the
/// state now (live content of every original event, definitions, live statements per
/// vintage, the frequency in force: a new figure's period must fit it, figures already
/// stored are not re-checked when it changes); every view is recomputed from the whole log:
/// for position `n`, take the events with seq ≤ n, give each original event its latest
/// correction or retraction with seq ≤ n, collect the figures, keep per vintage the earliest
/// live statement (a corrected figure counts at its correction's seq), then per point the
/// latest (or first) release ≤ as-of.
public struct ReferenceModel: Sendable {
    /// A vintage: a series' period (its start) as released at one time.
    public struct Key: Hashable, Sendable {
        public var series: SeriesID
        public var validTime: Int64
        public var releasedAt: Int64

        public init(series: SeriesID, validTime: Int64, releasedAt: Int64) {
            self.series = series
            self.validTime = validTime
            self.releasedAt = releasedAt
        }
    }

    /// A correction (with its replacement) or a retraction (nil) of an original event.
    struct Override: Sendable {
        var seq: Int64
        var id: EventID
        var replacement: Event?
    }

    /// What an append of one event does: stores it, finds it stored already (the same id
    /// and content), or refuses it (changing nothing).
    public enum Verdict: Sendable { case stored, duplicate, rejected }

    /// Whether a new figure's period must fit its series' frequency (SPEC.md's append rule).
    /// Without it the model takes a log as replay folds it: a log written before the rule, or
    /// a figure stored before its series' frequency changed, stands as it is.
    public let checksFrequency: Bool

    public init(checksFrequency: Bool = true) { self.checksFrequency = checksFrequency }

    public private(set) var log: [SequencedEvent] = []
    private var seqOfID: [EventID: Int64] = [:]
    /// The corrections and retractions of each original event, by its seq, in log order.
    var overrides: [Int64: [Override]] = [:]
    /// The live content of every original event now, by its seq (absent when retracted).
    public private(set) var current: [Int64: Event] = [:]
    private var definitions: [SeriesID: Int] = [:]
    private var figureCounts: [SeriesID: Int] = [:]
    /// The live definitions by the seq of their original event.
    public private(set) var liveDefinitions: [Int64: SeriesDefinition] = [:]
    /// The values of each vintage's live statements (one value, stated once or more).
    public private(set) var liveValues: [Key: [Double]] = [:]

    /// The seq of the last event stored (0: none).
    public var lastSeq: Int64 { log.last?.seq ?? 0 }

    /// The vintage a figure states.
    public static func key(_ f: Figure) -> Key {
        Key(series: f.series, validTime: f.period.start.microseconds, releasedAt: f.releasedAt.microseconds)
    }

    /// The figures an event states, as SPEC.md says: an observation's; each release entry
    /// with the release's time and its own status, else the release's; an announcement's
    /// series at `effective` (no status) when it names series and value.
    public static func figures(_ event: Event?) -> [Figure] {
        switch event {
        case .observation(let o)?:
            return [Figure(series: o.series, period: o.period, value: o.value, releasedAt: o.releasedAt, status: o.status)]
        case .release(let r)?:
            return r.entries.map {
                Figure(series: $0.series, period: $0.period, value: $0.value, releasedAt: r.releasedAt, status: $0.status ?? r.status)
            }
        case .announcement(let a)?:
            guard let step = a.step else { return [] }
            return [Figure(series: step.series, period: step.effective, value: step.value, releasedAt: a.releasedAt, status: nil)]
        default:
            return []
        }
    }

    /// Whether a period starting at `start` (UTC microseconds) fits `frequency`, worked
    /// out from the ISO text: midnight; a Monday; the 1st; of January, April, July or
    /// October; of January.
    public static func fits(_ start: Int64, _ frequency: Frequency?) -> Bool {
        guard let frequency, frequency != .irregular else { return true }
        let text = Timestamp(microseconds: start).iso8601
        guard text.hasSuffix("T00:00:00Z") else { return false }
        let month = Int(text.dropFirst(5).prefix(2))!, day = Int(text.dropFirst(8).prefix(2))!
        let days = start / Timestamp.microsecondsPerDay
        switch frequency {
        case .daily, .irregular: return true
        case .weekly: return ((days % 7) + 7) % 7 == 4  // 1970-01-05, day 4, was a Monday
        case .monthly: return day == 1
        case .quarterly: return day == 1 && [1, 4, 7, 10].contains(month)
        case .annual: return day == 1 && month == 1
        }
    }

    /// The frequency in force for `series`: that of the last, in log order of the original
    /// events, of its live definitions naming one.
    public static func frequency(of series: SeriesID, in definitions: [Int64: SeriesDefinition]) -> Frequency? {
        definitions.filter { $0.value.series == series && $0.value.frequency != nil }.max { $0.key < $1.key }?.value.frequency
    }

    /// Whether an event stands on its own (not a correction or retraction of another).
    public static func isOriginal(_ event: Event) -> Bool {
        switch event {
        case .correction, .retraction: false
        default: true
        }
    }

    /// The stored event with id `id`, if any.
    public func entry(_ id: EventID) -> SequencedEvent? { seqOfID[id].map { log[Int($0 - 1)] } }

    /// Appends `event` under `id` if the log's rules allow it.
    public mutating func append(_ event: Event, id: EventID) -> Verdict {
        if let held = entry(id) { return held.event == event ? .duplicate : .rejected }
        var removed: Event?, added: Event?, target: Int64?
        switch event {
        case .correction(let c):
            guard let t = entry(c.target), Self.isOriginal(t.event), t.event.type == c.replacement.type else { return .rejected }
            target = t.seq
            removed = current[t.seq]
            added = c.replacement
        case .retraction(let r):
            guard let t = entry(r.target), Self.isOriginal(t.event) else { return .rejected }
            target = t.seq
            removed = current[t.seq]
        default:
            added = event
        }
        guard allows(removing: removed, adding: added) else { return .rejected }
        // A replacement has its target's type: figures never change the definitions.
        for f in Self.figures(added)
        where checksFrequency && !Self.fits(f.period.start.microseconds, Self.frequency(of: f.series, in: liveDefinitions)) {
            return .rejected
        }
        let seq = lastSeq + 1
        count(removed, -1)
        count(added, +1)
        log.append(SequencedEvent(event: event, id: id, seq: seq))
        seqOfID[id] = seq
        if let target {
            overrides[target, default: []].append(Override(seq: seq, id: id, replacement: added))
            current[target] = added
        } else {
            current[seq] = event
        }
        if case .series(let d)? = added { liveDefinitions[target ?? seq] = d } else if case .series? = removed { liveDefinitions[target!] = nil }
        return .stored
    }

    /// Whether the state after replacing `removed` by `added` keeps the rules: every figure
    /// names a defined series, a series losing its last definition has no figures, and a
    /// vintage has one value among its live statements.
    private func allows(removing removed: Event?, adding added: Event?) -> Bool {
        var definitionChange: [SeriesID: Int] = [:], figureChange: [SeriesID: Int] = [:]
        var valueChange: [Key: (removed: [Double], added: [Double])] = [:]
        if case .series(let d)? = removed { definitionChange[d.series, default: 0] -= 1 }
        if case .series(let d)? = added { definitionChange[d.series, default: 0] += 1 }
        for f in Self.figures(removed) {
            figureChange[f.series, default: 0] -= 1
            valueChange[Self.key(f), default: ([], [])].removed.append(f.value)
        }
        for f in Self.figures(added) {
            figureChange[f.series, default: 0] += 1
            valueChange[Self.key(f), default: ([], [])].added.append(f.value)
            if definitions[f.series, default: 0] + definitionChange[f.series, default: 0] <= 0 { return false }
        }
        for (series, change) in definitionChange
        where definitions[series, default: 0] + change <= 0 && figureCounts[series, default: 0] + figureChange[series, default: 0] > 0 {
            return false
        }
        for (key, change) in valueChange where !change.added.isEmpty {
            var live = liveValues[key] ?? []
            for v in change.removed { if let i = live.firstIndex(of: v) { live.remove(at: i) } }
            if Set(live + change.added).count > 1 { return false }
        }
        return true
    }

    private mutating func count(_ event: Event?, _ sign: Int) {
        guard let event else { return }
        if case .series(let d) = event { definitions[d.series, default: 0] += sign }
        for f in Self.figures(event) {
            figureCounts[f.series, default: 0] += sign
            let key = Self.key(f)
            if sign > 0 {
                liveValues[key, default: []].append(f.value)
            } else if let i = liveValues[key]?.firstIndex(of: f.value) {
                liveValues[key]!.remove(at: i)
                if liveValues[key]!.isEmpty { liveValues[key] = nil }
            }
        }
    }
}
