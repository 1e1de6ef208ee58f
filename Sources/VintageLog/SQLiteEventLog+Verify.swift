import VintageCore

extension SQLiteEventLog {
    /// Checks the whole log: seq continuity from 1; every batch's bytes; every event's
    /// canonical form, type and id, re-derived from the decoded batch; each batch's digest
    /// over its events and its link in the hash chain; SQLite's own integrity check; and that
    /// the index tables agree with a fresh fold of the events. Reports at most `limit`
    /// problems.
    public func verify() throws(LogError) -> LogVerification {
        try verify(limit: 20, progress: nil)
    }

    /// ``verify()`` with a cap on the number of problems reported, calling `progress` with
    /// the number of events checked every 65,536 events.
    public func verify(limit: Int, progress: ((Int64) -> Void)?) throws(LogError) -> LogVerification {
        if format == LogSchema.formatOne { return try formatOneVerify(limit: limit, progress: progress) }
        var problems: [String] = []
        var checked: Int64 = 0
        var expectedSeq: Int64 = 1
        var previousLink = BatchChain.genesis
        var fold = LogIndexFold()
        fold.tracksVintages = false
        var postings: [String: [Int64: (low: Int64, high: Int64)]] = [:]
        var indexedIDs = Set<IndexedID>()
        func report(_ problem: String) -> Bool {
            problems.append(problem)
            return problems.count < limit
        }
        try guarded {
            for problem in try integrityProblems() { _ = report(problem) }
            try forEachBatchRow(fromSeq: 1) { row in
                let seqs = "seqs \(row.firstSeq)–\(row.lastSeq)"
                if row.firstSeq != expectedSeq {
                    let problem = row.firstSeq > expectedSeq
                        ? "seq \(expectedSeq)\(row.firstSeq - 1 > expectedSeq ? "–\(row.firstSeq - 1)" : "") missing: the log jumps to seq \(row.firstSeq)"
                        : "\(seqs): the batch overlaps the one before it (which ends at seq \(expectedSeq - 1))"
                    guard report(problem) else { return false }
                }
                let link = BatchChain.link(previous: previousLink, firstSeq: row.firstSeq, lastSeq: row.lastSeq, recordedAt: row.recordedAt,
                                           digest: row.digest, body: row.body)
                if link != row.link {
                    guard report("\(seqs): hash chain broken (the batch or one before it was changed, removed or reordered)") else { return false }
                }
                previousLink = row.link
                expectedSeq = max(expectedSeq, row.lastSeq + 1)
                let batch: DecodedBatch
                do {
                    batch = try decodeBatch(firstSeq: row.firstSeq, lastSeq: row.lastSeq, bytes: row.body)
                } catch {
                    checked += row.lastSeq - row.firstSeq + 1
                    guard case .damaged(_, let reason) = error as? LogError else { throw error }
                    return report(reason)
                }
                var digest = BatchChain.Digest()
                for (i, stored) in batch.events.enumerated() {
                    checked += 1
                    if checked & 0xFFFF == 0 { progress?(checked) }
                    digest.add(checksum: stored.checksum, explicitID: batch.explicit[i] ? stored.id : nil)
                    // The event as the batch's columns give it must have exactly the canonical
                    // JSON the batch gives (JSON records were parsed by the decoding itself).
                    let decoded = batch.values[i]
                    if decoded.canonicalJSON != stored.body || decoded.type != stored.type {
                        guard report("seq \(stored.seq) (id \(stored.id)): the batch's columns and its canonical form disagree") else { return false }
                    }
                    if batch.explicit[i], stored.id == EventID(derivedFromContentHash: stored.checksum) {
                        guard report("seq \(stored.seq) (id \(stored.id)): a derived id is stored as given") else { return false }
                    }
                    if batch.explicit[i] || !decoded.hasFigures { indexedIDs.insert(IndexedID(key: stored.id.indexKey, seq: stored.seq)) }
                    try fold.apply(decoded, id: stored.id, seq: stored.seq) { seq in
                        try self.batch(holding: seq).flatMap { b in b.index(of: seq).map { b.values[$0] } }
                    }
                }
                for (series, range) in seriesReleaseRanges(of: batch.values) { postings[series, default: [:]][row.firstSeq] = range }
                if digest.finalize() != row.digest {
                    guard report("\(seqs): the batch's digest does not match its events") else { return false }
                }
                return true
            }
            if problems.isEmpty {
                for problem in try indexDisagreements(with: fold, postings: postings, ids: indexedIDs) { _ = report(problem) }
            }
        }
        let head = checked > 0 ? LogHead(seq: expectedSeq - 1, link: previousLink) : nil
        return LogVerification(eventsChecked: checked, problems: problems, head: head)
    }
}

extension SQLiteEventLog {
    /// What SQLite's own `quick_check` finds wrong with the database file, one line each.
    func integrityProblems() throws -> [String] {
        let integrity = try db.prepare("PRAGMA quick_check", persistent: false)
        var problems: [String] = []
        while try integrity.step() {
            let line = integrity.string(0)
            if line != "ok" { problems.append("SQLite integrity: \(line)") }
        }
        return problems
    }
}
