import VintageBatch
import VintageCore
import VintageSQLite

extension SQLiteEventLog {
    /// Appends batches, taken from `nextBatch` until it returns nil, in one write
    /// transaction: every event is stored, or none is.
    ///
    /// Events already in the log (same id, same content) are counted as duplicates and not
    /// stored again. Any rule broken by any event rolls the whole append back and throws
    /// ``LogError/rejected(_:)`` naming the input line and field. Errors thrown by
    /// `nextBatch` roll back too and are rethrown as they are. A log of format 1 is not
    /// written: it must be upgraded first.
    public func append(recordedAt: Timestamp, batches nextBatch: () throws -> PreparedBatch?) throws -> AppendOutcome {
        try refuseIfReadOnly()
        if format == LogSchema.formatOne { throw LogError.needsUpgrade(path: path, found: format) }
        try beginWriting()
        var upstreamOutcome: AppendOutcome?
        do {
            // A replica first copies what its upstream log holds beyond it (see ``LogUpstream``).
            if let upstream { try replicateInTransaction(upstream.beginAppend(replicaHead: lastHead())) }
            var append = try AppendTransaction(log: self, recordedAt: recordedAt)
            append.keepsWritten = upstream != nil
            while let batch = try nextBatch() { try append.add(batch) }
            try append.finish()
            if let upstream {
                try upstream.commitAppend(append.written)
                upstreamOutcome = append.outcome
            }
            try db.execute("COMMIT")
            return append.outcome
        } catch {
            try? db.execute("ROLLBACK")
            // Stored upstream, the append has happened: the replica copies it on its next catch-up.
            if let upstreamOutcome { return upstreamOutcome }
            upstream?.abandonAppend()
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

/// One append transaction on a format-2 or format-3 log: the rules' state, the chain tail, and the
/// accepted events not yet written as a record batch.
struct AppendTransaction {
    /// A record batch is written once it holds this many figures (or the log's
    /// ``SQLiteEventLog/eventsPerBatch`` events).
    static let figuresPerBatch = 65_536

    let log: SQLiteEventLog
    var recordedAt: Timestamp
    var nextSeq: Int64
    var rules: LogRules
    /// Stores the batches, encoding each while the rules check the next events.
    let writer: ChainedBatchWriter
    var stored = 0
    var duplicates = 0
    let firstSeq: Int64
    private var pendingFigureCount = 0
    /// Whether ``written`` keeps each batch written (for a replica's upstream log).
    var keepsWritten: Bool {
        get { writer.keepsWritten }
        nonmutating set { writer.keepsWritten = newValue }
    }
    /// The batches written, when ``keepsWritten`` (complete after ``finish()``).
    var written: [ReplicatedBatch] { writer.written }

    init(log: SQLiteEventLog, recordedAt: Timestamp) throws {
        self.log = log
        self.recordedAt = recordedAt
        try log.sql.prepareWrites(log.db, format: log.format)
        let tail = log.sql.lastBatch
        defer { tail.reset() }
        let previousLink: [UInt8]
        if try tail.step() {
            nextSeq = tail.int64(0) + 1
            previousLink = tail.bytes(1)
        } else {
            nextSeq = 1
            previousLink = BatchChain.genesis
        }
        tail.reset()
        try log.checkTail(endingAt: nextSeq - 1)
        firstSeq = nextSeq
        rules = try LogRules(log: log, lastSeq: nextSeq - 1)
        let writer = ChainedBatchWriter(log: log, previousLink: previousLink)
        self.writer = writer
        rules.beforeReadingLog = { try writer.complete() }
    }

    var outcome: AppendOutcome {
        AppendOutcome(
            stored: stored, duplicates: duplicates, seqRange: stored > 0 ? firstSeq...(nextSeq - 1) : nil,
            warnings: rules.warnings)
    }

    /// Writes what is pending and the index tables' bookkeeping before the commit.
    mutating func finish() throws {
        try writePending()
        try writer.complete()
        try rules.saveSeries()
        if stored > 0 || rules.frequencies.changed { try rules.frequencies.markMaintained(through: nextSeq - 1) }
    }

    /// Adds one batch of input events, in input order, so that the first bad line is the one
    /// reported.
    mutating func add(_ batch: consuming PreparedBatch) throws {
        // Events are moved out of the batch (reversed, then popped), not copied: a copy
        // retains every string and array of an event, and a release undoes each later.
        var events = batch.takeEvents()
        // (Reversed through the buffer, whose swaps move; `Array.reverse()` copies.)
        events.withUnsafeMutableBufferPointer { $0.reverse() }
        while let event = events.popLast() {
            switch try rules.standing(of: event) {
            case .duplicate:
                duplicates += 1
                continue
            case .idConflict(let seq, let line):
                let holder = seq.map { "event seq \($0)" } ?? "the event on line \(line!)"
                throw LogError.rejected(
                    EventInputError(
                        line: event.line, field: "id",
                        reason: "'\(event.id)' is already the id of \(holder) with other content"))
            case .new:
                break
            }
            try rules.apply(event.event, seq: nextSeq, line: event.line)
            pendingFigureCount += event.event.heldFigureCount
            rules.accept(consume event)
            nextSeq += 1
            stored += 1
            if rules.pending.count >= log.eventsPerBatch || pendingFigureCount >= Self.figuresPerBatch { try writePending() }
        }
    }

    /// Writes the pending events as one record batch, linked into the chain (by ``writer``,
    /// which stores it once encoded), with its rows in the id index and the series' batch list.
    /// With `copied`, the pending events are that batch of an upstream log: its bytes are
    /// stored as they are, once its digest and link are found to be the events' and the chain's.
    mutating func writePending(copied: ReplicatedBatch? = nil) throws {
        let events = rules.pending
        guard !events.isEmpty else { return }
        let first = rules.pendingFirstSeq, last = first + Int64(events.count) - 1
        try writer.write(events, first: first, recordedAt: recordedAt, copied: copied)

        let ids = log.sql.insertEventID
        try events.withUnsafeBufferPointer { events in
            for i in events.indices where !events[i].idIsDerived || !events[i].event.hasFigures {
                try ids.bind(1, events[i].idKey)
                try ids.bind(2, first + Int64(i))
                try ids.step()
                ids.reset()
            }
        }
        for (series, range) in seriesReleaseRanges(of: events) {
            // Every figure accepted names a defined series, which has a row.
            try Self.recordPosting(series: rules.state(of: series)!.number, batch: first, range: range, with: log.sql.postings, path: log.path)
        }
        rules.pendingWritten(nextSeq: last + 1)
        pendingFigureCount = 0
    }

    /// Records that the batch starting at `batch` holds figures of series number `series`
    /// released within `range`: a `series_batches` row (format 2), or an entry added to the
    /// series' last list, or a new list when that one is full (format 3).
    static func recordPosting(series: Int64, batch: Int64, range: (low: Int64, high: Int64), with statements: PostingStatements, path: String) throws
    {
        switch statements {
        case let .rows(insert, _):
            defer { insert.reset() }
            try insert.bind(1, series)
            try insert.bind(2, batch)
            try insert.bind(3, range.low)
            try insert.bind(4, range.high)
            try insert.step()
        case let .lists(last, put, _):
            let entry = SeriesBatchList.Entry(firstSeq: batch, low: range.low, high: range.high)
            var list = SeriesBatchList(entries: [entry])
            var listStart = batch
            do {
                defer { last.reset() }
                try last.bind(1, series)
                if try last.step() {
                    let start = last.int64(0)
                    guard let stored = last.withBlob(1, { SeriesBatchList(decoding: $0, firstSeq: start) }) else {
                        throw LogError.damaged(
                            path: path,
                            reason: "index table series_batch_lists: the list of series number \(series) starting at seq \(start) does not decode")
                    }
                    if stored.entries.count < SeriesBatchList.capacity, stored.entries.last!.firstSeq < batch {
                        list = SeriesBatchList(entries: stored.entries + [entry])
                        listStart = start
                    }
                }
            }
            defer { put.reset(); put.clearBindings() }
            let span = list.releaseRange
            try put.bind(1, series)
            try put.bind(2, listStart)
            try put.bind(3, span.low)
            try put.bind(4, span.high)
            try put.bindBlob(5, list.encoded())
            try put.step()
        }
    }
}
