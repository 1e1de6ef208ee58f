import VintageCore

extension SQLiteEventLog {
    /// Appends batches, taken from `nextBatch` until it returns nil, in one write
    /// transaction: every event is stored, or none is.
    ///
    /// Events already in the log (same id, same content) are counted as duplicates and not
    /// stored again. Any rule broken by any event rolls the whole append back and throws
    /// ``LogError/rejected(_:)`` naming the input line and field. Errors thrown by
    /// `nextBatch` roll back too and are rethrown as they are.
    public func append(recordedAt: Timestamp, batches nextBatch: () throws -> PreparedBatch?) throws -> AppendOutcome {
        try refuseIfReadOnly()
        try beginWriting()
        do {
            var append = try AppendTransaction(log: self, recordedAt: recordedAt)
            while let batch = try nextBatch() { try append.add(batch) }
            try append.finish()
            try db.execute("COMMIT")
            return append.outcome
        } catch {
            try? db.execute("ROLLBACK")
            if let e = error as? SQLiteError { throw Self.classify(e, path: path) }
            throw error
        }
    }

    /// Takes the write lock (`BEGIN IMMEDIATE`): first without waiting, so that a wait can
    /// be announced through ``whileWaiting``, then waiting up to ``busyTimeoutMilliseconds``.
    private func beginWriting() throws(LogError) {
        db.setBusyTimeout(milliseconds: 0)
        defer { db.setBusyTimeout(milliseconds: busyTimeoutMilliseconds) }
        do {
            try db.execute("BEGIN IMMEDIATE")
            return
        } catch let e where e.isBusy {
            guard busyTimeoutMilliseconds > 0 else { throw .locked(path: path, waitedMilliseconds: 0) }
        } catch {
            throw Self.classify(error, path: path)
        }
        whileWaiting?()
        db.setBusyTimeout(milliseconds: busyTimeoutMilliseconds)
        do {
            try db.execute("BEGIN IMMEDIATE")
        } catch let e where e.isBusy {
            throw .locked(path: path, waitedMilliseconds: Int(busyTimeoutMilliseconds))
        } catch {
            throw Self.classify(error, path: path)
        }
    }

    /// Appends one batch atomically; see ``append(recordedAt:batches:)``.
    public func append(_ events: [PreparedEvent], recordedAt: Timestamp) throws(LogError) -> AppendOutcome {
        var pending: PreparedBatch? = PreparedBatch(events)
        return try guarded {
            try append(recordedAt: recordedAt) {
                defer { pending = nil }
                return pending
            }
        }
    }
}

/// The state of one append transaction: the chain tail, the rules' state, counts.
struct AppendTransaction {
    /// What the id index says about an input event.
    private enum Standing: Equatable {
        case new
        case duplicate
        case idConflict(seq: Int64?, line: Int?)
    }

    let log: SQLiteEventLog
    let recordedAt: Timestamp
    var nextSeq: Int64
    var previousLink: [UInt8]
    var rules: LogRules
    var stored = 0
    var duplicates = 0
    let firstSeq: Int64

    init(log: SQLiteEventLog, recordedAt: Timestamp) throws {
        self.log = log
        self.recordedAt = recordedAt
        try log.sql.prepareWrites(log.db)
        let tail = log.sql.lastEvent
        defer { tail.reset() }
        if try tail.step() {
            nextSeq = tail.int64(0) + 1
            previousLink = tail.bytes(1)
        } else {
            nextSeq = 1
            previousLink = HashChain.genesis
        }
        tail.reset()
        try log.checkTail(endingAt: nextSeq - 1)
        firstSeq = nextSeq
        rules = try LogRules(log: log, lastSeq: nextSeq - 1)
    }

    var outcome: AppendOutcome {
        AppendOutcome(stored: stored, duplicates: duplicates, seqRange: stored > 0 ? firstSeq...(nextSeq - 1) : nil,
                      warnings: rules.warnings)
    }

    /// Completes the index tables' bookkeeping before the commit.
    func finish() throws {
        if stored > 0 || rules.frequencies.changed { try rules.frequencies.markMaintained(through: nextSeq - 1) }
    }

    /// Adds one batch. Each event is first indexed under a provisional seq (its place if
    /// every event of the batch were new), in key order, which both finds duplicates and
    /// fills the id index with one B-tree operation per event; the few entries that
    /// duplicates shift are then moved. Events are stored and the rules applied in input
    /// order, so the first bad line is the one reported.
    mutating func add(_ batch: PreparedBatch) throws {
        let events = batch.events
        let base = nextSeq
        let standing = try indexIDs(batch)
        var seqs = [Int64](repeating: 0, count: events.count)
        var pending: [Int] = []
        pending.reserveCapacity(LogStatements.rowsPerInsert)
        for i in events.indices where standing[i] == .new {
            seqs[i] = nextSeq
            let provisional = base + Int64(i)
            if nextSeq != provisional { try moveIndexEntry(key: batch.keys[i], from: provisional, to: nextSeq) }
            nextSeq += 1
            pending.append(i)
            if pending.count == LogStatements.rowsPerInsert {
                try insertRows(pending, of: events, seqs: seqs)
                pending.removeAll(keepingCapacity: true)
            }
        }
        try insertRows(pending, of: events, seqs: seqs)
        for i in events.indices {
            switch standing[i] {
            case .duplicate:
                duplicates += 1
            case .idConflict(let seq, let line):
                let holder = seq.map { "event seq \($0)" } ?? "the event on line \(line!)"
                throw LogError.rejected(EventInputError(line: events[i].line, field: "id",
                    reason: "'\(events[i].id)' is already the id of \(holder) with other content"))
            case .new:
                try rules.apply(events[i].event, seq: seqs[i], line: events[i].line)
                stored += 1
            }
        }
    }

    /// Indexes every event's id under its provisional seq, in key order, and says whether
    /// each is new, a duplicate, or reuses an id with other content.
    private func indexIDs(_ batch: PreparedBatch) throws -> [Standing] {
        let events = batch.events
        let base = nextSeq
        var standing = [Standing](repeating: .new, count: events.count)
        let rows = LogStatements.rowsPerInsert
        let order = batch.keyOrder
        var position = 0
        while position < order.count {
            let group = order[position..<min(position + rows, order.count)]
            position = group.endIndex
            if group.count == rows {
                // The common case: one statement for the whole group; only when some key
                // was already taken are its rows looked at one by one.
                let insert = log.sql.insertEventIDs
                for (k, i) in group.enumerated() {
                    try insert.bind(Int32(2 * k + 1), batch.keys[i])
                    try insert.bind(Int32(2 * k + 2), base + Int64(i))
                }
                try insert.step()
                insert.reset()
                if log.db.changes == rows { continue }
                for i in group where try indexedSeq(of: batch.keys[i]) != base + Int64(i) {
                    try resolveTakenKey(i, batch: batch, base: base, standing: &standing)
                }
            } else {
                let insert = log.sql.insertEventID
                for i in group {
                    try insert.bind(1, batch.keys[i])
                    try insert.bind(2, base + Int64(i))
                    try insert.step()
                    insert.reset()
                    if log.db.changes == 0 { try resolveTakenKey(i, batch: batch, base: base, standing: &standing) }
                }
            }
        }
        return standing
    }

    /// The seq `event_ids` holds for a key, if any.
    private func indexedSeq(of key: Int64) throws -> Int64? {
        let probe = log.sql.seqWithIDKey
        defer { probe.reset() }
        try probe.bind(1, key)
        return try probe.step() ? probe.int64(0) : nil
    }

    /// Works out the standing of event `i`, whose key another event already holds; a new
    /// event with a colliding key is indexed beside the holder.
    private func resolveTakenKey(_ i: Int, batch: PreparedBatch, base: Int64, standing: inout [Standing]) throws {
        standing[i] = try standingOfTakenKey(batch.events[i], index: i, in: batch.events, base: base)
        guard standing[i] == .new else { return }
        let collision = log.sql.insertEventIDCollision
        defer { collision.reset() }
        try collision.bind(1, batch.keys[i])
        try collision.bind(2, base + Int64(i))
        try collision.step()
    }

    /// The standing of an event whose id key is already indexed: by an earlier event of
    /// this batch (provisional seq at or after `base`) or by stored events.
    private func standingOfTakenKey(_ event: PreparedEvent, index: Int, in events: [PreparedEvent], base: Int64) throws -> Standing {
        let probe = log.sql.seqsWithIDKey
        var holders: [Int64] = []
        do {
            defer { probe.reset() }
            try probe.bind(1, event.idKey)
            while try probe.step() { holders.append(probe.int64(0)) }
        }
        for holder in holders {
            if holder >= base {
                let earlier = events[Int(holder - base)]
                guard earlier.id == event.id else { continue }
                return earlier.checksum == event.checksum ? .duplicate : .idConflict(seq: nil, line: earlier.line)
            }
            guard let found = try rules.event(at: holder), found.id == event.id else { continue }
            return found.checksum == event.checksum ? .duplicate : .idConflict(seq: holder, line: nil)
        }
        return .new
    }

    /// Moves an id index entry from a provisional seq to the final one.
    private func moveIndexEntry(key: Int64, from: Int64, to: Int64) throws {
        for move in [log.sql.moveEventID, log.sql.moveEventIDCollision] {
            defer { move.reset() }
            try move.bind(1, key)
            try move.bind(2, from)
            try move.bind(3, to)
            try move.step()
        }
    }

    /// Stores event rows (given by index, in seq order), linking each into the hash chain:
    /// a full group with one multi-row statement, a shorter one row by row. A derived id is
    /// stored as NULL: it is recomputed from the checksum.
    private mutating func insertRows(_ indexes: [Int], of events: [PreparedEvent], seqs: [Int64]) throws {
        guard !indexes.isEmpty else { return }
        // Bodies, checksums and links go into one buffer so that all of them can be bound
        // without copies for the single execution.
        var arena: [UInt8] = []
        var spans: [(body: Range<Int>, checksum: Range<Int>, link: Range<Int>)] = []
        for i in indexes {
            let link = HashChain.link(previous: previousLink, seq: seqs[i], recordedAt: recordedAt, id: events[i].id, checksum: events[i].checksum)
            let bodyStart = arena.count
            arena.append(contentsOf: events[i].body)
            let checksumStart = arena.count
            arena.append(contentsOf: events[i].checksum)
            let linkStart = arena.count
            arena.append(contentsOf: link)
            spans.append((bodyStart..<checksumStart, checksumStart..<linkStart, linkStart..<arena.count))
            previousLink = link
        }
        let multi = indexes.count == LogStatements.rowsPerInsert
        try arena.withUnsafeBufferPointer { bytes in
            func bind(_ statement: SQLiteStatement, row k: Int, _ i: Int, at first: Int32) throws {
                try statement.bind(first, seqs[i])
                if events[i].idIsDerived {
                    try statement.bindNull(first + 1)
                } else {
                    try statement.bind(first + 1, events[i].id.rawValue)
                }
                try statement.bindStatic(first + 2, events[i].event.type.staticName)
                try statement.bind(first + 3, recordedAt.microseconds)
                try statement.bindBorrowedText(first + 4, UnsafeBufferPointer(rebasing: bytes[spans[k].body]))
                try statement.bindBorrowedBlob(first + 5, UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[spans[k].checksum])))
                try statement.bindBorrowedBlob(first + 6, UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[spans[k].link])))
            }
            if multi {
                let insert = log.sql.insertEvents
                defer { insert.reset(); insert.clearBindings() }
                for (k, i) in indexes.enumerated() { try bind(insert, row: k, i, at: Int32(7 * k + 1)) }
                try insert.step()
            } else {
                let insert = log.sql.insertEvent
                for (k, i) in indexes.enumerated() {
                    defer { insert.reset(); insert.clearBindings() }
                    try bind(insert, row: k, i, at: 1)
                    try insert.step()
                }
            }
        }
    }
}
