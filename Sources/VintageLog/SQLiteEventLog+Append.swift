import VintageCore

extension SQLiteEventLog {
    /// Appends a batch in one write transaction: every event is stored, or none is.
    ///
    /// Events already in the log (same id, same content) are counted as duplicates and not
    /// stored again. Any rule broken by any event rolls the whole batch back and throws
    /// ``LogError/rejected(_:)`` naming the input line and field.
    public func append(_ events: [PreparedEvent], recordedAt: Timestamp) throws(LogError) -> AppendOutcome {
        try guarded {
            do {
                try db.execute("BEGIN IMMEDIATE")
            } catch let e as SQLiteError where e.isBusy {
                throw LogError.locked(path: path, waitedMilliseconds: Int(busyTimeoutMilliseconds))
            }
            do {
                var batch = try AppendBatch(log: self, recordedAt: recordedAt)
                for event in events { try batch.add(event) }
                try db.execute("COMMIT")
                return batch.outcome
            } catch {
                try? db.execute("ROLLBACK")
                throw error
            }
        }
    }
}

/// The state of one append transaction: the chain tail, the series known so far, counts.
struct AppendBatch {
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
        let tail = try log.statement("SELECT seq, link FROM events ORDER BY seq DESC LIMIT 1")
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

    mutating func add(_ event: PreparedEvent) throws {
        let link = HashChain.link(previous: previousLink, seq: nextSeq, recordedAt: recordedAt, id: event.id, checksum: event.checksum)
        let insert = try log.statement(
            "INSERT INTO events(seq, id, type, recorded_at, body, checksum, link) VALUES(?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING")
        try insert.bind(1, nextSeq)
        try insert.bind(2, event.id.rawValue)
        try insert.bind(3, event.event.type.rawValue)
        try insert.bind(4, recordedAt.microseconds)
        try insert.bindText(5, event.body)
        try insert.bindBlob(6, event.checksum)
        try insert.bindBlob(7, link)
        try insert.step()
        insert.reset()
        if log.db.changes == 0 {
            let existing = try rules.event(withID: event.id)!
            guard existing.checksum == event.checksum else {
                throw LogError.rejected(EventInputError(line: event.line, field: "id",
                    reason: "'\(event.id)' is already the id of event seq \(existing.seq) with other content"))
            }
            duplicates += 1
            return
        }
        try rules.apply(event.event, seq: nextSeq, line: event.line)
        previousLink = link
        nextSeq += 1
        stored += 1
    }
}
