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
    /// The latest seq of each id key: made from ``idKeys`` when first needed (by the first
    /// correction or retraction, or a gap in the seqs), then kept up to date.
    private var seqOfKey: [Int64: Int64]?
    /// Every seq of each id key that more than one event has (a collision of two ids, or
    /// one id logged twice in a damaged log), in log order.
    private var sharedKeys: [Int64: [Int64]] = [:]

    /// Applies the event stored at `seq` (the log already accepted it). `eventAt` reads an
    /// earlier event and its id back (for the targets of corrections and retractions, which
    /// are rare, so the fold need not keep every event, nor every id, in memory).
    mutating func apply(_ event: Event, id: EventID, seq: Int64, eventAt: (Int64) throws -> (event: Event, id: EventID)?) rethrows {
        noteID(key: id.indexKey, seq: seq)
        switch event {
        case .correction(let c):
            guard let target = try latestSeq(of: c.target, eventAt) else { return }
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
            guard let target = try latestSeq(of: r.target, eventAt) else { return }
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

    /// Notes the id key of the event at `seq` (the next one), for an event that is not
    /// applied (see ``addFigures(series:count:lastReleased:)``).
    mutating func noteID(key: Int64, seq: Int64) {
        // Until the table is made, the event at `idKeys[i]` is seq i + 1.
        if seqOfKey == nil, seq != Int64(idKeys.count) + 1 { makeKeyTable() }
        idKeys.append(key)
        if seqOfKey != nil { insert(key: key, seq: seq) }
    }

    /// Makes ``seqOfKey`` from ``idKeys`` (the events seq 1, 2, … so far).
    private mutating func makeKeyTable() {
        guard seqOfKey == nil else { return }
        seqOfKey = Dictionary(minimumCapacity: idKeys.count * 2)
        for (i, key) in idKeys.enumerated() { insert(key: key, seq: Int64(i) + 1) }
    }

    private mutating func insert(key: Int64, seq: Int64) {
        if let earlier = seqOfKey!.updateValue(seq, forKey: key) { sharedKeys[key, default: [earlier]].append(seq) }
    }

    /// Adds `count` figures of `series` stated by observations, releases or announcements
    /// (not corrections), the latest released at `lastReleased`: what applying those events
    /// one by one adds (the counts add up and the release times take their maximum, so the
    /// figures of a batch's events may be added together, in any order, around the batch's
    /// applied events).
    mutating func addFigures(series: String, count: Int64, lastReleased t: Int64) {
        figures[series, default: 0] += count
        if let last = lastReleased[series], last >= t { return }
        lastReleased[series] = t
    }

    /// The seq of the latest event so far with id `id`: found by its key, and confirmed by
    /// reading the event's id back (keys can collide).
    private mutating func latestSeq(of id: EventID, _ eventAt: (Int64) throws -> (event: Event, id: EventID)?) rethrows -> Int64? {
        makeKeyTable()
        let key = id.indexKey
        guard let latest = seqOfKey![key] else { return nil }
        for seq in (sharedKeys[key] ?? [latest]).reversed() where try eventAt(seq)?.id == id { return seq }
        return nil
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

    private func currentEvent(of target: Int64, _ eventAt: (Int64) throws -> (event: Event, id: EventID)?) rethrows -> Event? {
        guard let by = overrides[target] else { return try eventAt(target)?.event }
        if case .correction(let c) = try eventAt(by)?.event { return c.replacement }
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
            try fold.apply(try stored.event(), id: stored.id, seq: stored.seq) { seq in
                try storedEvent(at: seq).map { (try $0.event(), $0.id) }
            }
        }
        return fold.vintages
    }
}
