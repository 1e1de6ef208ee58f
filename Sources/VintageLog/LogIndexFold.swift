import VintageCore

/// What the log's index tables must hold, worked out by a plain in-memory fold of the events
/// in seq order. `verify` compares it with the tables, which appends maintain incrementally.
struct LogIndexFold {
    /// Live definitions per series id (ids ever defined stay, possibly at 0).
    private(set) var definitions: [String: Int64] = [:]
    /// Value and number of live statements per vintage (format 1 only: see ``tracksVintages``).
    private(set) var vintages: [VintageKey: (value: Double, refs: Int64)] = [:]
    /// Whether ``vintages`` is kept (a format-1 log has a table of them).
    var tracksVintages = true
    /// Live figures per series id.
    private(set) var figures: [String: Int64] = [:]
    /// The latest release time of any figure ever stated per series id, correction
    /// replacements included.
    private(set) var lastReleased: [String: Int64] = [:]
    /// The seq of every event that a correction or retraction names.
    private(set) var targets: [Int64: EventID] = [:]
    /// The latest correction or retraction per target seq.
    private(set) var overrides: [Int64: Int64] = [:]
    /// The frequency named by each live definition, per series id and original seq.
    private(set) var frequencies: [String: [Int64: String]] = [:]
    /// The id key of each event, by seq − 1.
    private(set) var idKeys: [Int64] = []
    private var seqOfID: [EventID: Int64] = [:]

    /// Applies the event stored at `seq` (the log already accepted it). `eventAt` reads an
    /// earlier event back (for the targets of corrections and retractions, which are rare,
    /// so the fold need not keep every event in memory).
    mutating func apply(_ event: Event, id: EventID, seq: Int64, eventAt: (Int64) throws -> Event?) rethrows {
        seqOfID[id] = seq
        idKeys.append(id.indexKey)
        switch event {
        case .correction(let c):
            guard let target = seqOfID[c.target] else { return }
            targets[target] = c.target
            c.replacement.forEachFigure { _, f in noteReleased(f) }
            let current = try currentEvent(of: target, eventAt)
            setFrequency(of: current, owner: target, to: nil)
            setFrequency(of: c.replacement, owner: target, to: c.replacement)
            // The same order as the append rules: a series stays defined throughout; a
            // figure's replacement may restate the target's vintage with another value.
            if case .series = c.replacement {
                add(c.replacement)
                remove(current)
            } else {
                remove(current)
                add(c.replacement)
            }
            overrides[target] = seq
        case .retraction(let r):
            guard let target = seqOfID[r.target] else { return }
            targets[target] = r.target
            let current = try currentEvent(of: target, eventAt)
            setFrequency(of: current, owner: target, to: nil)
            remove(current)
            overrides[target] = seq
        default:
            setFrequency(of: event, owner: seq, to: event)
            event.forEachFigure { _, f in noteReleased(f) }
            add(event)
        }
    }

    private mutating func noteReleased(_ f: Figure) {
        let t = f.releasedAt.microseconds
        if let last = lastReleased[f.series.rawValue], last >= t { return }
        lastReleased[f.series.rawValue] = t
    }

    /// Sets (or with nil, clears) the frequency entry of the definition `event` states at `owner`.
    private mutating func setFrequency(of event: Event?, owner: Int64, to content: Event?) {
        guard case .series(let d)? = event, d.frequency != nil else { return }
        if case .series(let new)? = content, let frequency = new.frequency {
            frequencies[new.series.rawValue, default: [:]][owner] = frequency.rawValue
        } else {
            frequencies[d.series.rawValue]?[owner] = nil
            if frequencies[d.series.rawValue]?.isEmpty == true { frequencies[d.series.rawValue] = nil }
        }
    }

    private func currentEvent(of target: Int64, _ eventAt: (Int64) throws -> Event?) rethrows -> Event? {
        guard let by = overrides[target] else { return try eventAt(target) }
        if case .correction(let c) = try eventAt(by) { return c.replacement }
        return nil
    }

    private mutating func add(_ event: Event) {
        if case .series(let s) = event {
            definitions[s.series.rawValue, default: 0] += 1
            return
        }
        event.forEachFigure { _, f in
            figures[f.series.rawValue, default: 0] += 1
            guard tracksVintages else { return }
            let key = VintageKey(f)
            vintages[key] = (vintages[key]?.value ?? f.value, (vintages[key]?.refs ?? 0) + 1)
        }
    }

    private mutating func remove(_ event: Event?) {
        guard let event else { return }
        if case .series(let s) = event {
            definitions[s.series.rawValue, default: 0] -= 1
            return
        }
        event.forEachFigure { _, f in
            figures[f.series.rawValue, default: 0] -= 1
            guard tracksVintages else { return }
            let key = VintageKey(f)
            guard let existing = vintages[key] else { return }
            vintages[key] = existing.refs > 1 ? (existing.value, existing.refs - 1) : nil
        }
    }
}

extension SQLiteEventLog {
    /// Every vintage the events in force state, with its value and the number of events
    /// stating it: the vintage state the append rules keep, worked out by folding the whole
    /// log (for tests and diagnosis; appends never call it).
    func liveVintages() throws -> [VintageKey: (value: Double, refs: Int64)] {
        var fold = LogIndexFold()
        try forEachStoredEvent(fromSeq: 1) { stored in
            try fold.apply(try stored.event(), id: stored.id, seq: stored.seq) { seq in try storedEvent(at: seq)?.event() }
        }
        return fold.vintages
    }
}
