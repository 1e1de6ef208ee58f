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
    /// the number of events checked every 65,536 events or so.
    ///
    /// The batches are read in order a window at a time; the batches of a window are checked
    /// on every core (``BatchCheck``), then taken in order: seq continuity, chain links and
    /// the index fold, which depend on the batches before.
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
        /// Takes the next batch, checked: false once `limit` problems are reported.
        func take(_ row: CopiedBatchRow, _ check: BatchCheck) throws -> Bool {
            let seqs = "seqs \(row.firstSeq)–\(row.lastSeq)"
            if row.firstSeq != expectedSeq {
                let problem =
                    row.firstSeq > expectedSeq
                    ? "seq \(expectedSeq)\(row.firstSeq - 1 > expectedSeq ? "–\(row.firstSeq - 1)" : "") missing: the log jumps to seq \(row.firstSeq)"
                    : "\(seqs): the batch overlaps the one before it (which ends at seq \(expectedSeq - 1))"
                guard report(problem) else { return false }
            }
            let link = BatchChain.link(
                previous: previousLink, firstSeq: row.firstSeq, lastSeq: row.lastSeq, recordedAt: row.recordedAt,
                digest: row.digest, bodyHash: check.bodyHash)
            if link != row.link {
                guard report("\(seqs): hash chain broken (the batch or one before it was changed, removed or reordered)") else { return false }
            }
            previousLink = row.link
            expectedSeq = max(expectedSeq, row.lastSeq + 1)
            let before = checked
            if let reason = check.undecodable {
                checked += row.lastSeq - row.firstSeq + 1
                if before >> 16 != checked >> 16 { progress?(checked) }
                return report(reason)
            }
            checked += check.eventCount
            if before >> 16 != checked >> 16 { progress?(checked) }
            for problem in check.eventProblems {
                guard report(problem) else { return false }
            }
            var next = 0
            for i in 0..<Int(check.eventCount) {
                let seq = row.firstSeq + Int64(i)
                guard next < check.applied.count, check.applied[next].index == i else {
                    fold.noteID(key: check.idKeys[i], seq: seq)
                    continue
                }
                let applied = check.applied[next]
                next += 1
                try fold.apply(applied.event, id: applied.id, seq: seq) { seq in
                    try self.batch(holding: seq).flatMap { b in b.index(of: seq).map { (b.values[$0], b.events[$0].id) } }
                }
            }
            for (series, figures) in check.figures {
                fold.addFigures(series: series, count: figures.count, lastReleased: figures.lastReleased)
            }
            indexedIDs.formUnion(check.indexedIDs)
            for (series, range) in check.releaseRanges { postings[series, default: [:]][row.firstSeq] = range }
            if !check.digestMatches {
                guard report("\(seqs): the batch's digest does not match its events") else { return false }
            }
            return true
        }
        var window: [CopiedBatchRow] = []
        var windowBytes = 0
        /// Checks the window's batches and takes them: false once `limit` problems are reported.
        func settleWindow() throws -> Bool {
            defer {
                window.removeAll(keepingCapacity: true)
                windowBytes = 0
            }
            for (row, check) in zip(window, BatchCheck.checks(of: window)) {
                guard try take(row, check) else { return false }
            }
            return true
        }
        try guarded {
            for problem in try integrityProblems() { _ = report(problem) }
            var going = true
            try forEachBatchRow(fromSeq: 1) { row in
                window.append(CopiedBatchRow(row))
                windowBytes += row.body.count
                guard window.count >= Self.verifyWindowBatches || windowBytes >= Self.verifyWindowBytes else { return true }
                going = try settleWindow()
                return going
            }
            if going, !window.isEmpty { _ = try settleWindow() }
            if problems.isEmpty {
                for problem in try indexDisagreements(with: fold, postings: postings, ids: indexedIDs) { _ = report(problem) }
            }
        }
        let head = checked > 0 ? LogHead(seq: expectedSeq - 1, link: previousLink) : nil
        return LogVerification(eventsChecked: checked, problems: problems, head: head)
    }

    /// The most batches `verify` checks at once.
    static var verifyWindowBatches: Int { 4 * BatchCheck.coreCount }
    /// The most stored bytes of the batches `verify` checks at once (a window holds at least one).
    static let verifyWindowBytes = 8 << 20
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
