import VintageCore

extension SQLiteEventLog {
    /// Checks the whole log: seq continuity from 1, each event's checksum against its body,
    /// each body's canonical form, and the hash chain. Reports at most `limit` problems.
    public func verify() throws(LogError) -> LogVerification {
        try verify(limit: 20)
    }

    /// ``verify()`` with a cap on the number of problems reported.
    public func verify(limit: Int) throws(LogError) -> LogVerification {
        var problems: [String] = []
        var checked: Int64 = 0
        var expectedSeq: Int64 = 1
        var previousLink = HashChain.genesis
        func report(_ problem: String) -> Bool {
            problems.append(problem)
            return problems.count < limit
        }
        try guarded {
            let integrity = try db.prepare("PRAGMA quick_check", persistent: false)
            while try integrity.step() {
                let line = integrity.string(0)
                if line != "ok" { _ = report("SQLite integrity: \(line)") }
            }
            try forEachEvent(fromSeq: 0, type: nil) { event in
                checked += 1
                if event.seq != expectedSeq {
                    guard report("seq \(expectedSeq)\(event.seq > expectedSeq ? "–\(event.seq - 1)" : "") missing: the log jumps to seq \(event.seq)") else { return false }
                }
                if contentHash(of: event.body) != event.checksum {
                    guard report("seq \(event.seq) (id \(event.id)): checksum does not match the stored event") else { return false }
                }
                if let decoded = try? event.event() {
                    if decoded.canonicalJSON != event.body {
                        guard report("seq \(event.seq) (id \(event.id)): stored event is not in canonical form") else { return false }
                    }
                    if decoded.type != event.type {
                        guard report("seq \(event.seq) (id \(event.id)): type column says \(event.type), the event says \(decoded.type)") else { return false }
                    }
                } else {
                    guard report("seq \(event.seq) (id \(event.id)): stored event does not decode") else { return false }
                }
                let link = HashChain.link(previous: previousLink, seq: event.seq, recordedAt: event.recordedAt, id: event.id, checksum: event.checksum)
                if link != event.link {
                    guard report("seq \(event.seq) (id \(event.id)): hash chain broken (the event or one before it was changed, removed or reordered)") else { return false }
                }
                previousLink = event.link
                expectedSeq = event.seq + 1
                return true
            }
        }
        return LogVerification(eventsChecked: checked, problems: problems)
    }
}
