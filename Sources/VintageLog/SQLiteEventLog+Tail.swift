import VintageCore

extension SQLiteEventLog {
    /// How many of the last batches an append checks before building on them.
    static let checkedTailBatches = 2

    /// Checks the batches an append builds on — the last ``checkedTailBatches`` up to
    /// `lastSeq`: that they follow each other, that their bytes decode, and that their links
    /// follow from the link before them and their bytes. A damaged tail refuses the append, so
    /// that the chain is never extended over a changed batch.
    func checkTail(endingAt lastSeq: Int64) throws {
        guard lastSeq > 0 else { return }
        var rows: [(first: Int64, last: Int64, recordedAt: Timestamp, body: [UInt8], digest: [UInt8], link: [UInt8])] = []
        let s = try db.prepare(
            "SELECT first_seq, last_seq, recorded_at, body, digest, link FROM batches ORDER BY first_seq DESC LIMIT \(Self.checkedTailBatches)",
            persistent: false)
        while try s.step() {
            rows.append((s.int64(0), s.int64(1), Timestamp(microseconds: s.int64(2)), s.bytes(3), s.bytes(4), s.bytes(5)))
        }
        rows.reverse()
        guard let oldest = rows.first else { return }
        func damaged(_ first: Int64, _ last: Int64, _ problem: String) -> LogError {
            .damaged(path: path, reason: "seqs \(first)–\(last): \(problem); nothing was written (`vintage verify` reports every problem)")
        }
        var previous = oldest.first == 1 ? BatchChain.genesis : try link(ofBatchEndingAt: oldest.first - 1)
        var expected = oldest.first
        for row in rows {
            if row.first != expected { throw damaged(row.first, row.last, "the log jumps there from seq \(expected - 1)") }
            do {
                _ = try row.body.withUnsafeBytes { bytes throws(LogError) in try openBatch(firstSeq: row.first, lastSeq: row.last, bytes: bytes) }
            } catch {
                throw damaged(row.first, row.last, "its bytes do not decode")
            }
            let link = row.body.withUnsafeBytes {
                BatchChain.link(previous: previous, firstSeq: row.first, lastSeq: row.last, recordedAt: row.recordedAt, digest: row.digest, body: $0)
            }
            if link != row.link { throw damaged(row.first, row.last, "hash chain broken (the batch or one before it was changed)") }
            previous = link
            expected = row.last + 1
        }
        if expected - 1 != lastSeq { throw damaged(oldest.first, expected - 1, "the last batch does not end at the last seq \(lastSeq)") }
    }
}
