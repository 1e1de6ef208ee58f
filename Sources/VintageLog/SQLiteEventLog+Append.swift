import VintageCore

extension SQLiteEventLog {
    /// Appends blocks of events, taken from `nextBlock` until it returns nil, in one write
    /// transaction: every event is stored, or none is.
    ///
    /// Events already in the log (same id, same content) are counted as duplicates and not
    /// stored again. Any rule broken by any event rolls the whole append back and throws
    /// ``LogError/rejected(_:)`` naming the input line and field. Errors thrown by
    /// `nextBlock` roll back too and are rethrown as they are.
    public func append(recordedAt: Timestamp, blocks nextBlock: () throws -> [PreparedEvent]?) throws -> AppendOutcome {
        do {
            try db.execute("BEGIN IMMEDIATE")
        } catch let e where e.isBusy {
            throw LogError.locked(path: path, waitedMilliseconds: Int(busyTimeoutMilliseconds))
        } catch {
            throw Self.classify(error, path: path)
        }
        do {
            var batch = try AppendBatch(log: self, recordedAt: recordedAt)
            while let block = try nextBlock() { try batch.add(block) }
            try db.execute("COMMIT")
            return batch.outcome
        } catch {
            try? db.execute("ROLLBACK")
            if let e = error as? SQLiteError { throw Self.classify(e, path: path) }
            throw error
        }
    }

    public func append(_ events: [PreparedEvent], recordedAt: Timestamp) throws(LogError) -> AppendOutcome {
        var pending: [PreparedEvent]? = events
        return try guarded {
            try append(recordedAt: recordedAt) {
                defer { pending = nil }
                return pending
            }
        }
    }
}

/// The state of one append transaction: the chain tail, the rules' state, counts.
struct AppendBatch {
    /// What the id index says about an input event.
    private enum Standing {
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

    /// Adds one block: finds duplicates through the id index in key order, stores the new
    /// events in input order, indexes their ids in key order, then applies the rules in
    /// input order (so the first bad line is the one reported).
    mutating func add(_ block: [PreparedEvent]) throws {
        let keys = block.map { EventIDKey.of($0.id) }
        let order = keys.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
        let standing = try standings(block, keys: keys, order: order)

        var seqs = [Int64](repeating: 0, count: block.count)
        let insert = log.sql.insertEvent
        for i in block.indices {
            guard case .new = standing[i] else { continue }
            let link = HashChain.link(previous: previousLink, seq: nextSeq, recordedAt: recordedAt, id: block[i].id, checksum: block[i].checksum)
            try insert.bind(1, nextSeq)
            try insert.bind(2, block[i].id.rawValue)
            try insert.bind(3, block[i].event.type.rawValue)
            try insert.bind(4, recordedAt.microseconds)
            try insert.bindText(5, block[i].body)
            try insert.bindBlob(6, block[i].checksum)
            try insert.bindBlob(7, link)
            try insert.step()
            insert.reset()
            seqs[i] = nextSeq
            previousLink = link
            nextSeq += 1
        }
        let index = log.sql.insertEventID
        for i in order where seqs[i] != 0 {
            try index.bind(1, keys[i])
            try index.bind(2, seqs[i])
            try index.step()
            index.reset()
        }
        for i in block.indices {
            switch standing[i] {
            case .duplicate:
                duplicates += 1
            case .idConflict(let seq, let line):
                let holder = seq.map { "event seq \($0)" } ?? "the event on line \(line!)"
                throw LogError.rejected(EventInputError(line: block[i].line, field: "id",
                    reason: "'\(block[i].id)' is already the id of \(holder) with other content"))
            case .new:
                try rules.apply(block[i].event, seq: seqs[i], line: block[i].line)
                stored += 1
            }
        }
    }

    /// Whether each event of the block is new, a duplicate, or reuses an id with other
    /// content — against the log and against earlier events of the same block.
    private func standings(_ block: [PreparedEvent], keys: [Int64], order: [Int]) throws -> [Standing] {
        var standing = [Standing](repeating: .new, count: block.count)
        var groupStart = 0
        for (position, i) in order.enumerated() {
            if position > 0 && keys[order[position - 1]] != keys[i] { groupStart = position }
            // An earlier event of this block with the same id (same key, lower input index).
            if let earlier = order[groupStart..<position].first(where: { block[$0].id == block[i].id }) {
                standing[i] = block[earlier].checksum == block[i].checksum ? .duplicate : .idConflict(seq: nil, line: block[earlier].line)
                continue
            }
            if let found = try rules.event(withID: block[i].id, key: keys[i]) {
                standing[i] = found.checksum == block[i].checksum ? .duplicate : .idConflict(seq: found.seq, line: nil)
            }
        }
        return standing
    }
}
