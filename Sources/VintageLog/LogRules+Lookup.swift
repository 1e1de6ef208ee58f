import VintageCore

extension LogRules {
    /// What the log holds of an input event.
    enum Standing: Equatable {
        case new
        case duplicate
        case idConflict(seq: Int64?, line: Int?)
    }

    /// Whether `event` is new, a duplicate of a stored or accepted event (same id, same
    /// content), or reuses an id with other content.
    mutating func standing(of event: PreparedEvent) throws -> Standing {
        if event.idIsDerived, let first = event.event.firstVintage {
            // An event with figures and a derived id: an identical one holds its first figure.
            // Identical means the same content and the same id: an earlier event with the same
            // content under an id of its own is another event.
            guard let s = index(of: first.series) else { return .new }
            let key = RuleVintage(series: s, period: first.period, releasedAt: first.releasedAt)
            guard !cannotHold(key) else { return .new }
            for holder in try holders(of: key, before: .max) {
                if let held = try self.event(at: holder.seq), held.checksum == event.checksum, held.id == event.id { return .duplicate }
            }
            return .new
        }
        guard let found = try self.event(withID: event.id) else { return .new }
        if found.checksum == event.checksum { return .duplicate }
        return found.seq >= pendingFirstSeq
            ? .idConflict(seq: nil, line: pending[Int(found.seq - pendingFirstSeq)].line) : .idConflict(seq: found.seq, line: nil)
    }

    /// Accepts a new event at the next seq (after ``apply(_:seq:line:)`` passed).
    mutating func accept(_ event: consuming PreparedEvent) {
        let index = pending.count
        if !event.idIsDerived || !event.event.hasFigures { pendingIDs[event.id] = index }
        pending.append(consume event)
    }

    /// Forgets the pending events, written as a batch ending before `nextSeq`.
    mutating func pendingWritten(nextSeq: Int64) {
        pending.removeAll(keepingCapacity: true)
        pendingIDs.removeAll(keepingCapacity: true)
        // The batch's figures, as the rules passed them, answer look-ups into it from now on.
        if figureMaps.count >= 16 { figureMaps.removeAll(keepingCapacity: true) }
        figureMaps[pendingFirstSeq] = pendingFigures
        pendingFigures = VintageMultimap<Holder>(capacity: AppendTransaction.figuresPerBatch)
        pendingFirstSeq = nextSeq
    }

    // MARK: Events

    /// The event at `seq`, pending or stored.
    func event(at seq: Int64) throws -> StoredEvent? {
        if seq >= pendingFirstSeq {
            let i = Int(seq - pendingFirstSeq)
            guard i < pending.count else { return nil }
            let e = pending[i]
            return StoredEvent(seq: seq, id: e.id, type: e.event.type, body: e.body, checksum: e.checksum)
        }
        guard let batch = try storedBatch(holding: seq), let i = batch.index(of: seq) else { return nil }
        return batch.events[i]
    }

    /// The event at `seq` as a value, pending or stored.
    func value(at seq: Int64) throws -> Event? {
        if seq >= pendingFirstSeq {
            let i = Int(seq - pendingFirstSeq)
            return i < pending.count ? pending[i].event : nil
        }
        guard let batch = try storedBatch(holding: seq), let i = batch.index(of: seq) else { return nil }
        return batch.values[i]
    }

    private func storedBatch(holding seq: Int64) throws -> DecodedBatch? {
        try beforeReadingLog()
        return try log.batch(holding: seq)
    }

    /// The event with id `id`, pending or stored: through the id index, or for an id of the
    /// derived form, by looking at every event with figures (a correction naming an
    /// observation by its derived id; rare, and indexed from then on).
    mutating func event(withID id: EventID) throws -> StoredEvent? {
        if let i = pendingIDs[id] { return try event(at: pendingFirstSeq + Int64(i)) }
        let probe = log.sql.seqsWithIDKey
        let candidates = try probe.seqs(withIDKey: id.indexKey)
        for seq in candidates {
            if let found = try event(at: seq), found.id == id { return found }
        }
        guard id.hasDerivedForm else { return nil }
        for (i, e) in pending.enumerated() where e.id == id { return try event(at: pendingFirstSeq + Int64(i)) }
        try beforeReadingLog()
        return try log.scanForDerivedID(id, before: pendingFirstSeq)
    }

    // MARK: Vintages

    /// The values the events in force before `seq` give the vintage `key`.
    mutating func effectiveValues(of key: RuleVintage, before seq: Int64) throws -> [Double] {
        var values: [Double] = []
        for holder in try holders(of: key, before: seq) where try isInForce(holder.seq) {
            values.append(holder.value)
        }
        return values
    }

    /// Whether the event at `seq` is in force: an original neither corrected nor retracted,
    /// or the latest correction of its target.
    private mutating func isInForce(_ seq: Int64) throws -> Bool {
        guard case .correction(let c)? = try value(at: seq) else { return overrides[seq] == nil }
        guard let target = try event(withID: c.target) else { return false }
        return overrides[target.seq] == seq
    }

    /// Every event before `seq` whose figures (or correction replacement's figures) include
    /// the vintage `key`, in force or not.
    mutating func holders(of key: RuleVintage, before seq: Int64) throws -> [Holder] {
        var found: [Holder] = []
        let number = number(ofSeriesAt: key.series)
        var batches: [Int64] = []
        do {
            switch log.sql.postings {
            case let .rows(_, s):
                defer { s.reset() }
                try s.bind(1, number)
                try s.bind(2, key.releasedAt)
                while try s.step() { batches.append(s.int64(0)) }
            case let .lists(_, _, s):
                defer { s.reset() }
                try s.bind(1, number)
                try s.bind(2, key.releasedAt)
                while try s.step() {
                    let start = s.int64(0)
                    let t = key.releasedAt
                    let decoded = s.withBlob(1) { bytes in
                        SeriesBatchList.forEachEntry(in: bytes, firstSeq: start) { e in
                            if e.low <= t && t <= e.high { batches.append(e.firstSeq) }
                        }
                    }
                    guard decoded else {
                        throw LogError.damaged(
                            path: log.path,
                            reason: "index table series_batch_lists: the list of series number \(number) starting at seq \(start) does not decode"
                        )
                    }
                }
            }
        }
        for first in batches where first < seq {
            try mapFigures(ofBatchAt: first)
            figureMaps[first]!.forEach(of: key) { holder in
                if holder.seq < seq { found.append(holder) }
            }
        }
        if pendingFirstSeq < seq {
            pendingFigures.forEach(of: key) { holder in
                if holder.seq < seq { found.append(holder) }
            }
        }
        return found
    }

    /// Makes sure ``figureMaps`` holds the figures of the stored batch starting at `first`.
    private mutating func mapFigures(ofBatchAt first: Int64) throws {
        if figureMaps[first] != nil { return }
        try beforeReadingLog()
        guard let batch = try log.batch(holding: first), batch.firstSeq == first else {
            throw LogError.damaged(path: log.path, reason: "the index of batches by series names seq \(first), which is not the start of a batch")
        }
        var map = VintageMultimap<Holder>(capacity: batch.values.reduce(0) { $0 + $1.heldFigureCount })
        for (i, event) in batch.values.enumerated() { indexFigures(of: event, seq: first + Int64(i), into: &map) }
        if figureMaps.count >= 16 { figureMaps.removeAll(keepingCapacity: true) }
        figureMaps[first] = map
    }

    /// Adds each figure `event` holds, as held by the event at `seq`, to `map` (a figure of a
    /// series never defined can hold no vintage the rules look up, and is left out).
    private mutating func indexFigures(of event: Event, seq: Int64, into map: inout VintageMultimap<Holder>) {
        Self.forEachHeldFigureKey(of: event) { series, start, value, releasedAt in
            guard let s = index(of: series.rawValue) else { return }
            map.append(Holder(seq: seq, value: value), for: RuleVintage(series: s, period: start.microseconds, releasedAt: releasedAt.microseconds))
        }
    }

    /// The figures an event gives when in force, its own or its replacement's, as
    /// ``Event/forEachFigureKey(_:)`` gives them: series, period start, value, release time.
    static func forEachHeldFigureKey(of event: Event, _ body: (SeriesID, Timestamp, Double, Timestamp) -> Void) {
        let held: Event
        if case .correction(let c) = event { held = c.replacement } else { held = event }
        held.forEachFigureKey { _, series, start, value, releasedAt in body(series, start, value, releasedAt) }
    }
}

extension Event {
    /// Whether the event (not counting a correction's replacement) gives any figure.
    var hasFigures: Bool {
        switch self {
        case .observation: true
        case .release(let r): !r.entries.isEmpty
        case .announcement(let a): a.step != nil
        case .series, .correction, .retraction: false
        }
    }

    /// The number of figures the event gives when in force: its own, or its replacement's.
    var heldFigureCount: Int {
        switch self {
        case .observation: 1
        case .release(let r): r.entries.count
        case .announcement(let a): a.step == nil ? 0 : 1
        case .correction(let c): c.replacement.heldFigureCount
        case .series, .retraction: 0
        }
    }

    /// The vintage of the event's first figure (not counting a correction's replacement).
    var firstVintage: VintageKey? {
        switch self {
        case .observation(let o):
            VintageKey(series: o.series.rawValue, period: o.period.start.microseconds, releasedAt: o.releasedAt.microseconds)
        case .release(let r):
            r.entries.first.map {
                VintageKey(series: $0.series.rawValue, period: $0.period.start.microseconds, releasedAt: r.releasedAt.microseconds)
            }
        case .announcement(let a):
            a.step.map { VintageKey(series: $0.series.rawValue, period: $0.effective.start.microseconds, releasedAt: a.releasedAt.microseconds) }
        case .series, .correction, .retraction: nil
        }
    }
}

extension EventID {
    /// Whether the id has the form of a derived id (`ev-` and 32 hexadecimal digits).
    var hasDerivedForm: Bool {
        var text = rawValue
        return text.withUTF8 { u in
            guard u.count == 35, u[0] == UInt8(ascii: "e"), u[1] == UInt8(ascii: "v"), u[2] == UInt8(ascii: "-") else { return false }
            return u[3...].allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
        }
    }
}
