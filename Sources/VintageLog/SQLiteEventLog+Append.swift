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
        do {
            try db.execute("BEGIN IMMEDIATE")
        } catch let e where e.isBusy {
            throw LogError.locked(path: path, waitedMilliseconds: Int(busyTimeoutMilliseconds))
        } catch {
            throw Self.classify(error, path: path)
        }
        do {
            var append = try AppendTransaction(log: self, recordedAt: recordedAt)
            while let batch = try nextBatch() { try append.add(batch) }
            try db.execute("COMMIT")
            return append.outcome
        } catch {
            try? db.execute("ROLLBACK")
            if let e = error as? SQLiteError { throw Self.classify(e, path: path) }
            throw error
        }
    }

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
        let tail = log.sql.lastEvent
        defer { tail.reset() }
        if try tail.step() {
            nextSeq = tail.int64(0) + 1
            previousLink = tail.bytes(1)
        } else {
            nextSeq = 1
            previousLink = HashChain.genesis
        }
        firstSeq = nextSeq
        rules = try LogRules(log: log)
    }

    var outcome: AppendOutcome {
        AppendOutcome(stored: stored, duplicates: duplicates, seqRange: stored > 0 ? firstSeq...(nextSeq - 1) : nil)
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
        for i in events.indices where standing[i] == .new {
            seqs[i] = nextSeq
            let provisional = base + Int64(i)
            if nextSeq != provisional { try moveIndexEntry(key: batch.keys[i], from: provisional, to: nextSeq) }
            try insert(events[i], seq: nextSeq)
            nextSeq += 1
        }
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
        let insert = log.sql.insertEventID
        for i in batch.keyOrder {
            let key = batch.keys[i]
            let seq = base + Int64(i)
            try insert.bind(1, key)
            try insert.bind(2, seq)
            try insert.step()
            insert.reset()
            guard log.db.changes == 0 else { continue }
            standing[i] = try standingOfTakenKey(events[i], index: i, in: events, base: base)
            if standing[i] == .new {
                // Another id already holds this key: keep this one beside it.
                let collision = log.sql.insertEventIDCollision
                defer { collision.reset() }
                try collision.bind(1, key)
                try collision.bind(2, seq)
                try collision.step()
            }
        }
        return standing
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

    /// Stores one event row at `seq`, linking it into the hash chain. A derived id is
    /// stored as NULL: it is recomputed from the checksum.
    private mutating func insert(_ event: PreparedEvent, seq: Int64) throws {
        let link = HashChain.link(previous: previousLink, seq: seq, recordedAt: recordedAt, id: event.id, checksum: event.checksum)
        let insert = log.sql.insertEvent
        defer { insert.reset() }
        try insert.bind(1, seq)
        if event.idIsDerived {
            try insert.bindNull(2)
        } else {
            try insert.bind(2, event.id.rawValue)
        }
        try insert.bindStatic(3, event.event.type.staticName)
        try insert.bind(4, recordedAt.microseconds)
        try event.body.withUnsafeBufferPointer { body in
            try event.checksum.withUnsafeBytes { checksum in
                try link.withUnsafeBytes { linkBytes in
                    try insert.bindBorrowedText(5, body)
                    try insert.bindBorrowedBlob(6, checksum)
                    try insert.bindBorrowedBlob(7, linkBytes)
                    defer { insert.clearBindings() }
                    try insert.step()
                }
            }
        }
        previousLink = link
    }
}

