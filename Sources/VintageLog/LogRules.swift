import VintageCore

/// The rules that span events, checked inside an append transaction against the log's
/// index tables: defined series, periods that fit their series' frequency, one value per
/// vintage, correction and retraction targets. Also notes what is stored but likely not
/// meant (``AppendWarning``).
struct LogRules {
    /// A series id's row in the `series` table, with its frequency in force.
    struct SeriesState {
        var number: Int64
        var definitions: Int64
        var frequency: Frequency?
    }

    /// An event found by id or seq.
    typealias Found = StoredEvent

    let log: SQLiteEventLog
    private var series: [String: SeriesState] = [:]
    /// The series looked up last: consecutive figures usually share one, and comparing two
    /// equal strings is cheaper than hashing one.
    private var lastLookup: (id: String, state: SeriesState)?
    /// The frequency in force per series.
    private(set) var frequencies: SeriesFrequencies
    /// What the events applied so far stored but likely did not mean.
    private(set) var warnings: [AppendWarning] = []

    /// The rules of a log whose last seq is `lastSeq`, inside its append transaction.
    init(log: SQLiteEventLog, lastSeq: Int64) throws {
        self.log = log
        frequencies = try SeriesFrequencies(log: log, lastSeq: lastSeq)
        let all = log.sql.allSeries
        defer { all.reset() }
        while try all.step() {
            series[all.string(0)] = SeriesState(number: all.int64(1), definitions: all.int64(2))
        }
        for (id, frequency) in try frequencies.inForce() { series[id]?.frequency = frequency }
    }

    /// The stored event with this id, if any.
    func event(withID id: EventID, key: Int64? = nil) throws -> Found? { try log.lookUpEvent(withID: id, key: key) }

    /// The stored event at `seq`, if any.
    func event(at seq: Int64) throws -> Found? { try log.lookUpEvent(at: seq) }

    /// Applies the effects of a newly stored event at `seq`, or throws why it is refused.
    mutating func apply(_ event: Event, seq: Int64, line: Int) throws {
        switch event {
        case .correction(let c):
            let target = try self.target(c.target, before: seq, line: line)
            guard c.replacement.type == target.type else {
                throw reject(line, "replacement.type", "the target '\(c.target)' is a \(target.type) event, so its replacement must be a \(target.type) (found \(c.replacement.type))")
            }
            let current = try effectiveEvent(of: target)
            noteDroppedFigures(current, c, line: line)
            if case .series(let replacement) = c.replacement {
                if case .series(let old)? = current { try frequencies.forget(old, owner: target.seq) }
                try frequencies.record(replacement, owner: target.seq)
                // Define before undefining, so that restating a series keeps it defined throughout.
                try add(c.replacement, owner: target.seq, line: line, prefix: "replacement.")
                try remove(current, owner: target.seq, line: line, field: "target")
            } else {
                // Remove before adding, so that the replacement may restate the target's vintages.
                try remove(current, owner: target.seq, line: line, field: "target")
                try add(c.replacement, owner: target.seq, line: line, prefix: "replacement.")
            }
            try setOverride(target: target.seq, by: seq)
        case .retraction(let r):
            let target = try self.target(r.target, before: seq, line: line)
            let current = try effectiveEvent(of: target)
            if case .series(let old)? = current { try frequencies.forget(old, owner: target.seq) }
            try remove(current, owner: target.seq, line: line, field: "target")
            try setOverride(target: target.seq, by: seq)
        case .series(let definition):
            try frequencies.record(definition, owner: seq)
            try add(event, owner: seq, line: line, prefix: "")
        default:
            try add(event, owner: seq, line: line, prefix: "")
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
        warnings.append(.correctionDropsFigures(line: line, target: correction.target, figures: dropped.count,
                                                series: Array(Set(dropped.map(\.series))).sorted()))
    }

    private func target(_ id: EventID, before seq: Int64, line: Int) throws -> Found {
        guard let found = try event(withID: id), found.seq < seq else {
            throw reject(line, "target", "no event with id '\(id)' before this one in the log")
        }
        guard found.type != .correction && found.type != .retraction else {
            throw reject(line, "target", "'\(id)' is a \(found.type); name the original event instead")
        }
        return found
    }

    /// The target's current content: the latest correction's replacement, nothing after a
    /// retraction, or the original.
    private func effectiveEvent(of target: Found) throws -> Event? {
        let s = log.sql.override
        defer { s.reset() }
        try s.bind(1, target.seq)
        guard try s.step() else { return try Event(canonicalJSON: target.body) }
        guard s.string(0) == EventType.correction.rawValue,
              case .correction(let c) = try Event(canonicalJSON: s.bytes(1)) else { return nil }
        return c.replacement
    }

    private func setOverride(target: Int64, by seq: Int64) throws {
        let s = log.sql.setOverride
        defer { s.reset() }
        try s.bind(1, target)
        try s.bind(2, seq)
        try s.step()
    }

    // MARK: Effects

    private mutating func add(_ event: Event, owner: Int64, line: Int, prefix: String) throws {
        if case .series(let definition) = event {
            try define(definition.series)
            return
        }
        try event.forEachFigure { index, figure in
            guard let state = definedSeries(figure.series.rawValue) else {
                throw reject(line, Self.figurePath(event, index, prefix: prefix) + "series", "unknown series '\(figure.series)'\(suggestion(for: figure.series)); define it with a series event first")
            }
            if let frequency = state.frequency, !frequency.admits(figure.period.start) {
                let field = event.type == .announcement ? "effective" : "period"
                throw reject(line, Self.figurePath(event, index, prefix: prefix) + field,
                             "\(figure.period) does not fit the \(frequency) series '\(figure.series)': its periods start on \(frequency.periodStart)")
            }
            let add = log.sql.addVintage
            try add.bind(1, state.number)
            try add.bind(2, figure.period.start.microseconds)
            try add.bind(3, figure.releasedAt.microseconds)
            try add.bind(4, figure.value)
            try add.step()
            add.reset()
            if log.db.changes == 0 {
                let stored = try vintageValue(state.number, figure)
                throw reject(line, Self.figurePath(event, index, prefix: prefix) + "value", "\(figure.series) \(figure.period) released \(figure.releasedAt) already has the value \(stored.shortestText); a different value for the same vintage needs a correction")
            }
        }
    }

    private func vintageValue(_ series: Int64, _ figure: Figure) throws -> Double {
        let s = log.sql.vintageValue
        defer { s.reset() }
        try s.bind(1, series)
        try s.bind(2, figure.period.start.microseconds)
        try s.bind(3, figure.releasedAt.microseconds)
        try s.step()
        return s.double(0)
    }

    private mutating func remove(_ event: Event?, owner: Int64, line: Int, field: String) throws {
        guard let event else { return }
        if case .series(let definition) = event {
            try undefine(definition.series, line: line, field: field)
            return
        }
        try event.forEachFigure { _, figure in
            guard let state = series[figure.series.rawValue] else { return }
            for s in [log.sql.releaseVintage, log.sql.dropVintage] {
                try s.bind(1, state.number)
                try s.bind(2, figure.period.start.microseconds)
                try s.bind(3, figure.releasedAt.microseconds)
                try s.step()
                s.reset()
            }
        }
    }

    /// The state of a series with at least one live definition.
    private mutating func definedSeries(_ id: String) -> SeriesState? {
        if let last = lastLookup, last.id == id { return last.state }
        guard let state = series[id], state.definitions > 0 else { return nil }
        lastLookup = (id, state)
        return state
    }

    /// Counts a definition of `id`, whose frequency (already recorded) may have changed.
    private mutating func define(_ id: SeriesID) throws {
        lastLookup = nil
        if var state = series[id.rawValue] {
            state.definitions += 1
            state.frequency = try frequencies.frequency(of: id.rawValue)
            try setDefinitions(state)
            series[id.rawValue] = state
            return
        }
        let s = log.sql.insertSeries
        defer { s.reset() }
        try s.bind(1, id.rawValue)
        try s.step()
        series[id.rawValue] = SeriesState(number: s.int64(0), definitions: 1, frequency: try frequencies.frequency(of: id.rawValue))
    }

    /// Uncounts a definition of `id`, whose frequency (already forgotten) may have changed.
    private mutating func undefine(_ id: SeriesID, line: Int, field: String) throws {
        lastLookup = nil
        guard var state = series[id.rawValue] else { return }
        state.frequency = try frequencies.frequency(of: id.rawValue)
        state.definitions -= 1
        if state.definitions == 0 {
            let s = log.sql.seriesHasFigures
            defer { s.reset() }
            try s.bind(1, state.number)
            if try s.step() {
                throw reject(line, field, "this removes the only definition of series '\(id)', which still has figures; retract them first")
            }
        }
        try setDefinitions(state)
        series[id.rawValue] = state
    }

    private func setDefinitions(_ state: SeriesState) throws {
        let s = log.sql.setDefinitions
        defer { s.reset() }
        try s.bind(1, state.definitions)
        try s.bind(2, state.number)
        try s.step()
    }

    // MARK: Messages

    private func reject(_ line: Int, _ field: String, _ reason: String) -> LogError {
        .rejected(EventInputError(line: line, field: field, reason: reason))
    }

    /// The field path of a figure's fields within its event, e.g. `observations[2].`.
    private static func figurePath(_ event: Event, _ index: Int, prefix: String) -> String {
        if case .release = event { return "\(prefix)observations[\(index)]." }
        return prefix
    }

    private func suggestion(for id: SeriesID) -> String {
        let defined = series.filter { $0.value.definitions > 0 }.map(\.key)
        guard let closest = ClosestMatch.closest(to: id.rawValue, among: defined) else { return "" }
        return " (did you mean '\(closest)'?)"
    }
}
