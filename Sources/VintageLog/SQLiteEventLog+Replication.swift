import VintageCore

extension SQLiteEventLog {
    /// How messages name the log that decides appends: the upstream's name, else this file.
    var upstreamName: String { upstream?.name ?? path }

    /// The chain position after the last batch, nil when the log is empty.
    public func lastHead() throws(LogError) -> LogHead? {
        let last = try lastSeq()
        return last == 0 ? nil : try head(at: last)
    }

    /// Copies `batches` — the upstream log's, following this log's last batch — in one write
    /// transaction, byte for byte, running the append rules over their events (which fills
    /// the indexes and proves the batches consistent) and checking every digest and link.
    /// Nothing is copied when any batch fails a check.
    public func replicate(_ batches: [ReplicatedBatch]) throws(LogError) {
        guard !batches.isEmpty else { return }
        try refuseIfReadOnly()
        try guarded {
            try db.execute("BEGIN IMMEDIATE")
            do {
                try replicateInTransaction(batches)
                try db.execute("COMMIT")
            } catch {
                try? db.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// Up to `limit` stored batches after seq `seq`, in order, as a replica copies them.
    public func batches(after seq: Int64, limit: Int) throws(LogError) -> [ReplicatedBatch] {
        var found: [ReplicatedBatch] = []
        try guarded {
            try forEachBatchRow(fromSeq: seq + 1) { row in
                if row.firstSeq > seq {
                    found.append(
                        ReplicatedBatch(
                            firstSeq: row.firstSeq, lastSeq: row.lastSeq, recordedAt: row.recordedAt,
                            body: Array(row.body), digest: row.digest, link: row.link))
                }
                return found.count < limit
            }
        }
        return found
    }

    /// ``replicate(_:)`` inside the caller's write transaction.
    /// Batches the log already holds (copied meanwhile by another process on this store) are skipped.
    func replicateInTransaction(_ batches: [ReplicatedBatch]) throws {
        let last = try lastSeq()
        guard let first = batches.first(where: { $0.firstSeq > last }) else { return }
        var copy = try AppendTransaction(log: self, recordedAt: first.recordedAt)
        for batch in batches where batch.firstSeq > last { try copy.copy(batch) }
        try copy.finish()
    }
}

extension AppendTransaction {
    /// Adds the events of an upstream log's batch and stores its bytes as they are.
    mutating func copy(_ batch: ReplicatedBatch) throws {
        try writePending()
        let source = log.upstreamName
        func damaged(_ problem: String) -> LogError {
            .damaged(path: source, reason: "seqs \(batch.firstSeq)–\(batch.lastSeq): \(problem); nothing was copied to \(log.path)")
        }
        guard batch.firstSeq == nextSeq else { throw damaged("the batch does not follow seq \(nextSeq - 1), the replica's last") }
        recordedAt = batch.recordedAt
        var events: [PreparedEvent] = []
        do {
            let decoded = try batch.body.withUnsafeBytes { bytes throws(LogError) in
                try log.openBatch(firstSeq: batch.firstSeq, lastSeq: batch.lastSeq, bytes: bytes)
            }
            events.reserveCapacity(decoded.count)
            try decoded.forEachEvent { index, event, explicitID in
                events.append(PreparedEvent(line: index + 1, id: explicitID, event: event))
            }
        } catch {
            throw damaged("the record batch does not decode (\(error))")
        }
        for event in events {
            let seq = nextSeq
            guard case .new = try rules.standing(of: event) else { throw damaged("seq \(seq) repeats an earlier event") }
            do {
                try rules.apply(event.event, seq: seq, line: event.line)
            } catch let LogError.rejected(reason) {
                throw damaged("seq \(seq) breaks a rule of the log (\(reason.reason))")
            }
            rules.accept(event)
            nextSeq += 1
            stored += 1
        }
        try writePending(copied: batch)
    }
}
