import VintageCore

extension SQLiteEventLog {
    /// How many of the last events an append checks before building on them.
    static let checkedTailEvents: Int64 = 8

    /// Checks the events an append builds on — the last ``checkedTailEvents`` up to
    /// `lastSeq`: seq continuity, each body against its checksum, and the chain links between
    /// them (from the genesis link when they start the log). A damaged tail refuses the
    /// append, so that the chain is never extended over a changed event.
    func checkTail(endingAt lastSeq: Int64) throws {
        guard lastSeq > 0 else { return }
        let first = max(1, lastSeq - Self.checkedTailEvents)
        var previousLink: [UInt8]? = first == 1 ? HashChain.genesis : nil
        var expected = first
        try forEachEvent(fromSeq: first, type: nil) { event in
            guard event.seq <= lastSeq else { return false }
            func damaged(_ problem: String) -> LogError {
                .damaged(path: path, reason: "seq \(event.seq) (id \(event.id)): \(problem); nothing was written (`vintage verify` reports every problem)")
            }
            if event.seq != expected { throw damaged("the log jumps there from seq \(expected - 1)") }
            if !event.body.withUnsafeBytes({ SHA256.digest(of: $0) }).matches(event.checksum) { throw damaged("checksum does not match the stored event") }
            if let previousLink,
               !HashChain.digest(previous: previousLink, seq: event.seq, recordedAt: event.recordedAt, id: event.id, checksum: event.checksum).matches(event.link) {
                throw damaged("hash chain broken (the event or one before it was changed)")
            }
            previousLink = event.link
            expected += 1
            return true
        }
        if expected <= lastSeq {
            throw LogError.damaged(path: path, reason: "seq \(expected) missing below the last seq \(lastSeq); nothing was written")
        }
    }
}
