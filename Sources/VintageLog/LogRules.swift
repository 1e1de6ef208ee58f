import VintageCore

/// The rules that span events, checked inside an append transaction: ids unique (an
/// identical re-append is a duplicate), defined series, periods that fit their series'
/// frequency, one value per vintage, correction and retraction targets. Also notes what is
/// stored but likely not meant (``AppendWarning``).
///
/// The rules read compact state, not a row per event or per vintage: a series' counts and
/// latest release time (most new figures are released after everything stored for their
/// series, so they cannot collide), the batches holding a series' figures in a release-time
/// range (decoded when a figure could collide), the small id index and the overrides. The
/// events accepted by this append but not yet written as a batch are kept here, ``pending``.
struct LogRules {
    /// A series' state: its row in the `series` table and what the fast collision test needs.
    struct SeriesState {
        var number: Int64
        var definitions: Int64
        /// Live figures: one per figure of every event in force.
        var figures: Int64
        var frequency: Frequency?
        /// The latest release time of any figure ever stored for the series.
        var lastReleased: Int64?
        /// The periods of figures released at ``lastReleased`` — all of them when
        /// ``lastIsComplete`` (the time was reached in this append), else unknown: in an
        /// ascending array while they come in order (a release's periods usually do), else
        /// in a set.
        var periodsAtLast: [Int64] = []
        var unorderedPeriodsAtLast: Set<Int64>?
        var lastIsComplete = false
        var changed = false
    }

    /// An event holding a vintage, and the value it gives it.
    struct Holder {
        var seq: Int64
        var value: Double
    }

    let log: SQLiteEventLog
    /// The log's ``SQLiteEventLog/checksFrequencies``, read once (a class's property is
    /// checked for exclusive access on every read, and the rules read it for every figure).
    private let checksFrequencies: Bool
    /// Every series' state, found by id through ``seriesIndex``: a figure changes its
    /// series' state in place, neither copying it nor hashing the id again to write it back.
    private var states: [SeriesState] = []
    private var seriesIndex: [String: Int] = [:]
    /// The series looked up last and its index (consecutive figures usually share one, so
    /// most figures do not hash its id).
    private var lastLookup: (id: String, index: Int)?
    /// The latest correction or retraction of each target seq.
    var overrides: [Int64: Int64] = [:]
    /// The frequency in force per series.
    private(set) var frequencies: SeriesFrequencies
    /// What the events applied so far stored but likely did not mean.
    var warnings: [AppendWarning] = []

    /// Events accepted but not yet written, from seq ``pendingFirstSeq`` on.
    var pending: [PreparedEvent] = []
    var pendingFirstSeq: Int64
    /// Pending events found by id (given ids and events without figures).
    var pendingIDs: [EventID: Int] = [:]
    /// Pending figures by vintage (the event holding each and its value), filled as the
    /// rules pass each figure; kept as the written batch's map when the batch is written.
    var pendingFigures = VintageMultimap<Holder>(capacity: AppendTransaction.figuresPerBatch)
    /// The figures of stored batches by vintage.
    var figureMaps: [Int64: VintageMultimap<Holder>] = [:]
    /// Called before the rules read events or batches from the log: stores the batches this
    /// append has handed over (see ``ChainedBatchWriter``).
    var beforeReadingLog: () throws -> Void = {}

    /// The rules of a log whose last seq is `lastSeq`, inside its append transaction.
    init(log: SQLiteEventLog, lastSeq: Int64) throws {
        self.log = log
        checksFrequencies = log.checksFrequencies
        pendingFirstSeq = lastSeq + 1
        frequencies = try SeriesFrequencies(log: log, lastSeq: lastSeq)
        let all = log.sql.allSeries
        defer { all.reset() }
        while try all.step() {
            seriesIndex[all.string(0)] = states.count
            states.append(
                SeriesState(
                    number: all.int64(1), definitions: all.int64(2), figures: all.int64(3),
                    lastReleased: all.isNull(4) ? nil : all.int64(4)))
        }
        for (id, frequency) in try frequencies.inForce() {
            if let i = seriesIndex[id] { states[i].frequency = frequency }
        }
        let rows = log.sql.allOverrides
        defer { rows.reset() }
        while try rows.step() { overrides[rows.int64(0)] = rows.int64(1) }
    }

    /// The `series` table row number of the series at index `index` of the states.
    func number(ofSeriesAt index: Int) -> Int64 { states[index].number }

    /// Whether the figures of the series at index `index` cannot hold the vintage (see
    /// ``SeriesState/cannotHold(period:releasedAt:)``).
    func cannotHold(_ key: RuleVintage) -> Bool { states[key.series].cannotHold(period: key.period, releasedAt: key.releasedAt) }

    /// The state of series `id`, if it was ever defined.
    func state(of id: String) -> SeriesState? {
        if let last = lastLookup, last.id == id { return states[last.index] }
        return seriesIndex[id].map { states[$0] }
    }

    /// The index in ``states`` of series `id`, if it was ever defined; remembered as the
    /// last looked up.
    mutating func index(of id: String) -> Int? {
        if let last = lastLookup, last.id == id { return last.index }
        guard let i = seriesIndex[id] else { return nil }
        lastLookup = (id, i)
        return i
    }

    /// Writes the series rows this append changed.
    mutating func saveSeries() throws {
        let update = log.sql.updateSeries
        for i in states.indices where states[i].changed {
            let state = states[i]
            try update.bind(1, state.definitions)
            try update.bind(2, state.figures)
            if let last = state.lastReleased { try update.bind(3, last) } else { try update.bindNull(3) }
            try update.bind(4, state.number)
            try update.step()
            update.reset()
            states[i].changed = false
        }
    }

    /// Applies the effects of the event accepted at `seq`, or throws why it is refused.
    mutating func apply(_ event: Event, seq: Int64, line: Int) throws {
        switch event {
        case .correction(let c):
            let target = try self.target(c.target, before: seq, line: line)
            guard c.replacement.type == target.type else {
                throw reject(
                    line, "replacement.type",
                    "the target '\(c.target)' is a \(target.type) event, so its replacement must be a \(target.type) (found \(c.replacement.type))")
            }
            let current = try effectiveEvent(of: target.seq)
            noteDroppedFigures(current, c, line: line)
            try setOverride(target: target.seq, by: seq)
            if case .series(let replacement) = c.replacement {
                if case .series(let old)? = current { try frequencies.forget(old, owner: target.seq) }
                try frequencies.record(replacement, owner: target.seq)
                // Define before undefining, so that restating a series keeps it defined throughout.
                try add(c.replacement, seq: seq, line: line, prefix: "replacement.")
                try remove(current, line: line, field: "target")
            } else {
                // Remove before adding, so that the replacement may restate the target's vintages.
                try remove(current, line: line, field: "target")
                try add(c.replacement, seq: seq, line: line, prefix: "replacement.")
            }
        case .retraction(let r):
            let target = try self.target(r.target, before: seq, line: line)
            let current = try effectiveEvent(of: target.seq)
            try setOverride(target: target.seq, by: seq)
            if case .series(let old)? = current { try frequencies.forget(old, owner: target.seq) }
            try remove(current, line: line, field: "target")
        case .series(let definition):
            try frequencies.record(definition, owner: seq)
            try add(event, seq: seq, line: line, prefix: "")
        default:
            try add(event, seq: seq, line: line, prefix: "")
        }
    }

    /// Notes a correction whose replacement release leaves out figures of the release it
    /// restates: the append retracts them, which SPEC allows (a correction restates the
    /// whole release) but is more often a replacement holding only the figure being fixed.
    private mutating func noteDroppedFigures(_ current: Event?, _ correction: Correction, line: Int) {
        guard case .release(let old)? = current, case .release(let new) = correction.replacement else { return }
        struct Point: Hashable { var series: SeriesID; var start: Timestamp }
        let kept = Set(new.entries.map { Point(series: $0.series, start: $0.period.start) })
        let dropped = old.entries.filter { !kept.contains(Point(series: $0.series, start: $0.period.start)) }
        guard !dropped.isEmpty else { return }
        warnings.append(
            .correctionDropsFigures(
                line: line, target: correction.target, figures: dropped.count,
                series: Array(Set(dropped.map(\.series))).sorted()))
    }

    /// The event a correction or retraction at `seq` names, which must be an earlier original.
    private mutating func target(_ id: EventID, before seq: Int64, line: Int) throws -> StoredEvent {
        guard let found = try event(withID: id), found.seq < seq else {
            throw reject(line, "target", "no event with id '\(id)' before this one in the log")
        }
        guard found.type != .correction && found.type != .retraction else {
            throw reject(line, "target", "'\(id)' is a \(found.type); name the original event instead")
        }
        // Found from now on by id, whatever its kind (the projection looks targets up too).
        let insert = log.sql.insertEventID
        defer { insert.reset() }
        try insert.bind(1, found.id.indexKey)
        try insert.bind(2, found.seq)
        try insert.step()
        return found
    }

    /// The content of the original at `target` now: the latest correction's replacement,
    /// nothing after a retraction, or the original.
    func effectiveEvent(of target: Int64) throws -> Event? {
        guard let by = overrides[target] else { return try value(at: target) }
        guard case .correction(let c)? = try value(at: by) else { return nil }
        return c.replacement
    }

    private mutating func setOverride(target: Int64, by seq: Int64) throws {
        overrides[target] = seq
        let s = log.sql.setOverride
        defer { s.reset() }
        try s.bind(1, target)
        try s.bind(2, seq)
        try s.step()
    }

    // MARK: Effects

    private mutating func add(_ event: Event, seq: Int64, line: Int, prefix: String) throws {
        if case .series(let definition) = event {
            try define(definition.series)
            return
        }
        // The figures of this event given so far (of a release; others hold one figure), to
        // compare a figure with the same vintage stated earlier in the same event.
        var earlier: [(series: Int, period: Int64, releasedAt: Int64, value: Double)] = []
        let several: Bool
        if case .release = event { several = true } else { several = false }
        try event.forEachFigureKey { index, series, start, value, releasedAt in
            try addFigure(
                of: event, index: index, series: series, start: start, value: value, releasedAt: releasedAt, seq: seq, line: line,
                prefix: prefix, several: several, earlier: &earlier)
        }
    }

    /// Adds one figure of `event` (its `index`-th), checking its series, its period against
    /// the series' frequency and its vintage against those stored and, for a release, those
    /// `earlier` in the same event (which `several` figures add to: a release's). The figure's
    /// period starts at `start` (the whole period, for messages, is the event's figure's).
    private mutating func addFigure(
        of event: Event, index: Int, series: SeriesID, start periodStart: Timestamp, value: Double, releasedAt: Timestamp,
        seq: Int64, line: Int, prefix: String, several: Bool, earlier: inout [(series: Int, period: Int64, releasedAt: Int64, value: Double)]
    ) throws {
        func period() -> Period { event.statedFigures[index].period }
        guard let s = definedSeries(series.rawValue) else {
            throw reject(
                line, Self.figurePath(event, index, prefix: prefix) + "series",
                "unknown series '\(series)'\(suggestion(for: series)); define it with a series event first")
        }
        if checksFrequencies, let frequency = states[s].frequency, !frequency.admits(periodStart) {
            let field = event.type == .announcement ? "effective" : "period"
            throw reject(
                line, Self.figurePath(event, index, prefix: prefix) + field,
                "\(period()) does not fit the \(frequency) series '\(series)': its periods start on \(frequency.periodStart)")
        }
        let start = periodStart.microseconds, released = releasedAt.microseconds
        if !states[s].cannotHold(period: start, releasedAt: released) {
            let key = RuleVintage(series: s, period: start, releasedAt: released)
            var stored = try effectiveValues(of: key, before: seq)
            for e in earlier where e.series == s && e.period == start && e.releasedAt == released { stored.append(e.value) }
            if let conflicting = stored.first(where: { $0 != value }) {
                throw reject(
                    line, Self.figurePath(event, index, prefix: prefix) + "value",
                    "\(series) \(period()) released \(releasedAt) already has the value \(conflicting.shortestText); a different value for the same vintage needs a correction"
                )
            }
        }
        if several { earlier.append((s, start, released, value)) }
        pendingFigures.append(Holder(seq: seq, value: value), for: RuleVintage(series: s, period: start, releasedAt: released))
        states[s].note(period: start, releasedAt: released)
        states[s].figures += 1
        states[s].changed = true
    }

    private mutating func remove(_ event: Event?, line: Int, field: String) throws {
        guard let event else { return }
        if case .series(let definition) = event {
            try undefine(definition.series, line: line, field: field)
            return
        }
        event.forEachFigure { _, figure in
            guard let s = index(of: figure.series.rawValue) else { return }
            states[s].figures -= 1
            states[s].changed = true
        }
    }

    /// The index in ``states`` of a series with at least one live definition.
    private mutating func definedSeries(_ id: String) -> Int? {
        guard let i = index(of: id), states[i].definitions > 0 else { return nil }
        return i
    }

    /// Counts a definition of `id`, whose frequency (already recorded) may have changed.
    private mutating func define(_ id: SeriesID) throws {
        var state: SeriesState
        let i: Int
        if let known = seriesIndex[id.rawValue] {
            i = known
            state = states[i]
        } else {
            let s = log.sql.insertSeries
            defer { s.reset() }
            try s.bind(1, id.rawValue)
            guard try s.step() else { throw LogError.damaged(path: log.path, reason: "series '\(id)' could not be added") }
            state = SeriesState(number: s.int64(0), definitions: 0, figures: 0)
            i = states.count
            states.append(state)
            seriesIndex[id.rawValue] = i
        }
        state.definitions += 1
        state.frequency = try frequencies.frequency(of: id.rawValue)
        state.changed = true
        states[i] = state
    }

    /// Uncounts a definition of `id`, whose frequency (already forgotten) may have changed.
    private mutating func undefine(_ id: SeriesID, line: Int, field: String) throws {
        guard let i = seriesIndex[id.rawValue] else { return }
        var state = states[i]
        state.frequency = try frequencies.frequency(of: id.rawValue)
        state.definitions -= 1
        if state.definitions == 0, state.figures > 0 {
            throw reject(line, field, "this removes the only definition of series '\(id)', which still has figures; retract them first")
        }
        state.changed = true
        states[i] = state
    }

    // MARK: Messages

    func reject(_ line: Int, _ field: String, _ reason: String) -> LogError {
        .rejected(EventInputError(line: line, field: field, reason: reason))
    }

    /// The field path of a figure's fields within its event, e.g. `observations[2].`.
    private static func figurePath(_ event: Event, _ index: Int, prefix: String) -> String {
        if case .release = event { return "\(prefix)observations[\(index)]." }
        return prefix
    }

    private func suggestion(for id: SeriesID) -> String {
        let defined = seriesIndex.filter { states[$0.value].definitions > 0 }.map(\.key)
        guard let closest = ClosestMatch.closest(to: id.rawValue, among: defined) else { return "" }
        return " (did you mean '\(closest)'?)"
    }
}

extension LogRules.SeriesState {
    /// Whether no stored or accepted figure can have the vintage (`period`, `releasedAt`):
    /// it is released after every figure of the series, or at the latest release time
    /// reached in this append, for a period not given then.
    func cannotHold(period: Int64, releasedAt: Int64) -> Bool {
        guard let last = lastReleased else { return true }
        if releasedAt > last { return true }
        guard releasedAt == last, lastIsComplete else { return false }
        if let unordered = unorderedPeriodsAtLast { return !unordered.contains(period) }
        guard let greatest = periodsAtLast.last, period <= greatest else { return true }
        return !periodsAtLast.binarySearchContains(period)
    }

    /// Records a figure of the series accepted at (`period`, `releasedAt`).
    mutating func note(period: Int64, releasedAt: Int64) {
        if lastReleased == nil || releasedAt > lastReleased! {
            lastReleased = releasedAt
            periodsAtLast.removeAll(keepingCapacity: true)
            periodsAtLast.append(period)
            unorderedPeriodsAtLast = nil
            lastIsComplete = true
        } else if releasedAt == lastReleased!, lastIsComplete {
            if unorderedPeriodsAtLast != nil {
                unorderedPeriodsAtLast!.insert(period)
            } else if let greatest = periodsAtLast.last, period <= greatest {
                unorderedPeriodsAtLast = Set(periodsAtLast)
                unorderedPeriodsAtLast!.insert(period)
                periodsAtLast.removeAll()
            } else {
                periodsAtLast.append(period)
            }
        }
    }
}

extension Array where Element == Int64 {
    /// Whether the ascending array holds `value`.
    func binarySearchContains(_ value: Int64) -> Bool {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if self[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low < count && self[low] == value
    }
}
