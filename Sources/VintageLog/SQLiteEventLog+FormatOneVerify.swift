import VintageCore

extension SQLiteEventLog {
    /// ``verify(limit:progress:)`` of a format-1 log: each event's checksum, canonical form
    /// and per-event link, and the index tables of format 1.
    func formatOneVerify(limit: Int, progress: ((Int64) -> Void)?) throws(LogError) -> LogVerification {
        var problems: [String] = []
        var checked: Int64 = 0
        var expectedSeq: Int64 = 1
        var previousLink = HashChain.genesis
        var fold = LogIndexFold()
        func report(_ problem: String) -> Bool {
            problems.append(problem)
            return problems.count < limit
        }
        try guarded {
            for problem in try integrityProblems() { _ = report(problem) }
            try formatOneForEachEvent(fromSeq: 0, type: nil) { event in
                checked += 1
                if checked & 0xFFFF == 0 { progress?(checked) }
                if event.seq != expectedSeq {
                    guard report("seq \(expectedSeq)\(event.seq > expectedSeq ? "–\(event.seq - 1)" : "") missing: the log jumps to seq \(event.seq)")
                    else { return false }
                }
                if contentHash(of: event.body) != event.checksum {
                    guard report("seq \(event.seq) (id \(event.id)): checksum does not match the stored event") else { return false }
                }
                if let decoded = try? event.event() {
                    try fold.apply(decoded, id: event.id, seq: event.seq) { seq in
                        try formatOneLookUpEvent(at: seq).map { (try $0.event(), $0.id) }
                    }
                    if decoded.canonicalJSON != event.body {
                        guard report("seq \(event.seq) (id \(event.id)): stored event is not in canonical form") else { return false }
                    }
                    if decoded.type != event.type {
                        guard report("seq \(event.seq) (id \(event.id)): type column says \(event.type), the event says \(decoded.type)") else {
                            return false
                        }
                    }
                } else {
                    guard report("seq \(event.seq) (id \(event.id)): stored event does not decode") else { return false }
                }
                let link = HashChain.link(
                    previous: previousLink, seq: event.seq, recordedAt: event.recordedAt, id: event.id, checksum: event.checksum)
                if link != event.link {
                    guard
                        report("seq \(event.seq) (id \(event.id)): hash chain broken (the event or one before it was changed, removed or reordered)")
                    else { return false }
                }
                previousLink = event.link
                expectedSeq = event.seq + 1
                return true
            }
            if problems.isEmpty {
                for problem in try formatOneIndexDisagreements(with: fold) { _ = report(problem) }
            }
        }
        let head = checked > 0 ? LogHead(seq: expectedSeq - 1, link: previousLink) : nil
        return LogVerification(eventsChecked: checked, problems: problems, head: head)
    }
}

extension SQLiteEventLog {
    /// How the index tables differ from what the fold of the events says they must hold.
    func formatOneIndexDisagreements(with fold: LogIndexFold) throws -> [String] {
        var problems: [String] = []
        var definitions: [String: Int64] = [:]
        var seriesNames: [Int64: String] = [:]
        let series = try db.prepare("SELECT series_no, id, definitions FROM series", persistent: false)
        while try series.step() {
            seriesNames[series.int64(0)] = series.string(1)
            definitions[series.string(1)] = series.int64(2)
        }
        if definitions != fold.definitions {
            problems.append("index table series disagrees with the log (series definitions counted differently)")
        }
        var vintages: [VintageKey: (value: Double, refs: Int64)] = [:]
        let rows = try db.prepare("SELECT series_no, period, released_at, value, refs FROM vintages", persistent: false)
        while try rows.step() {
            let key = VintageKey(series: seriesNames[rows.int64(0)] ?? "?", period: rows.int64(1), releasedAt: rows.int64(2))
            vintages[key] = (rows.double(3), rows.int64(4))
        }
        let expected = fold.vintages
        let differing = Set(vintages.keys).union(expected.keys).filter { key in
            guard let a = vintages[key], let b = expected[key] else { return true }
            return a.value != b.value || a.refs != b.refs
        }
        if let first = differing.min() {
            problems.append(
                "index table vintages disagrees with the log in \(differing.count) vintage(s), e.g. \(first.series) at \(Timestamp(microseconds: first.period)) released \(Timestamp(microseconds: first.releasedAt))"
            )
        }
        var overrides: [Int64: Int64] = [:]
        let overrideRows = try db.prepare("SELECT target_seq, by_seq FROM overrides", persistent: false)
        while try overrideRows.step() { overrides[overrideRows.int64(0)] = overrideRows.int64(1) }
        if overrides != fold.overrides {
            problems.append("index table overrides disagrees with the log (latest corrections and retractions)")
        }
        // The frequencies, when the table is maintained through the end of the log (else the
        // next append rebuilds it).
        if try db.scalarText("SELECT name FROM sqlite_master WHERE type='table' AND name='series_frequencies'") != nil,
            try db.scalarText("SELECT value FROM store_meta WHERE key='\(SeriesFrequencies.throughKey)'") == String(fold.idKeys.count)
        {
            var frequencies: [String: [Int64: String]] = [:]
            let rows = try db.prepare("SELECT series, owner, frequency FROM series_frequencies", persistent: false)
            while try rows.step() { frequencies[rows.string(0), default: [:]][rows.int64(1)] = rows.string(2) }
            if frequencies != fold.frequencies {
                problems.append("index table series_frequencies disagrees with the log (frequencies of series definitions)")
            }
        }
        // Every event indexed exactly once, under its own id's key.
        var covered = [Bool](repeating: false, count: fold.idKeys.count + 1)
        var wrong = 0
        for table in ["event_ids", "event_id_collisions"] {
            let entries = try db.prepare("SELECT id_key, seq FROM \(table)", persistent: false)
            while try entries.step() {
                let seq = Int(entries.int64(1))
                if seq >= 1, seq <= fold.idKeys.count, fold.idKeys[seq - 1] == entries.int64(0), !covered[seq] {
                    covered[seq] = true
                } else {
                    wrong += 1
                }
            }
        }
        let missing = covered.dropFirst().filter { !$0 }.count
        if wrong > 0 || missing > 0 {
            problems.append("index table event_ids disagrees with the log (\(missing) event(s) not indexed, \(wrong) wrong entries)")
        }
        return problems
    }
}
