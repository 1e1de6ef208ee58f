import Testing
import VintageBatch
import VintageCore
import VintageTestSupport

@testable import VintageLog

/// `verify` finds every edit of a format-2 log: bytes of a batch, a forged batch with a
/// recomputed digest, a dropped, reordered or re-timed batch.
@Suite struct TamperDetectionTests {
    /// Three appends, so three batches: seqs 1–2, 3–4 and 5.
    func seeded() throws -> LogFixture {
        let f = try LogFixture()
        try f.append([Lines.defineTotal, Lines.observation(period: "2026-01")].joined(separator: "\n"), at: 1_000_000)
        try f.append([Lines.observation(period: "2026-02"), Lines.observation(period: "2026-03")].joined(separator: "\n"), at: 2_000_000)
        try f.append(Lines.observation(period: "2026-04"), at: 3_000_000)
        #expect(try f.count("SELECT count(*) FROM batches") == 3)
        #expect(try f.log.verify().isIntact)
        return f
    }

    @Test func theLogRefusesUpdatesAndDeletes() throws {
        let f = try seeded()
        #expect(throws: LogFixture.TamperError.self) { try f.tamper("UPDATE batches SET body = x'00' WHERE first_seq = 3") }
        #expect(throws: LogFixture.TamperError.self) { try f.tamper("DELETE FROM batches WHERE first_seq = 3") }
        #expect(try f.log.verify().isIntact)
    }

    @Test func everyEditedByteOfABatchIsFound() throws {
        let f = try seeded()
        let size = Int(try f.count("SELECT length(body) FROM batches WHERE first_seq = 3"))
        for position in 0..<size {
            try f.editBatch(startingAt: 3) { $0[position] ^= 0x20 }
            let report = try f.log.verify()
            #expect(report.problems.contains { $0.contains("seqs 3–4") }, "byte \(position)")
            try f.editBatch(startingAt: 3) { $0[position] ^= 0x20 }
        }
        #expect(try f.log.verify().isIntact)
    }

    @Test func aForgedBatchWithARecomputedDigestBreaksTheChain() throws {
        let f = try seeded()
        let forged = try prepared([Lines.observation(period: "2026-02", value: "1"), Lines.observation(period: "2026-03")].joined(separator: "\n"))
        var digest = BatchChain.Digest()
        for e in forged { digest.add(checksum: e.checksum, explicitID: nil) }
        try f.editBatch(startingAt: 3, digest: digest.finalize()) { $0 = RecordBatchEncoder.encode(forged) }
        let report = try f.log.verify()
        #expect(report.problems.contains { $0.contains("seqs 3–4") && $0.contains("hash chain") })
        #expect(!report.problems.contains { $0.contains("digest") })
    }

    @Test func anEditedDigestIsFound() throws {
        let f = try seeded()
        try f.tamper("DROP TRIGGER batches_are_append_only_update; UPDATE batches SET digest = zeroblob(32) WHERE first_seq = 3;")
        let report = try f.log.verify()
        #expect(report.problems.contains { $0.contains("seqs 3–4") && $0.contains("digest") })
        #expect(report.problems.contains { $0.contains("seqs 3–4") && $0.contains("hash chain") })
    }

    @Test func aDeletedBatchIsReported() throws {
        let f = try seeded()
        try f.tamper("DROP TRIGGER batches_are_append_only_delete; DELETE FROM batches WHERE first_seq = 3;")
        let report = try f.log.verify()
        #expect(report.problems.contains { $0.contains("seq 3–4 missing") })
        #expect(report.problems.contains { $0.contains("seqs 5–5") && $0.contains("hash chain") })
    }

    @Test func reorderedBatchesAreReported() throws {
        let f = try seeded()
        try f.tamper(
            """
            DROP TRIGGER batches_are_append_only_update;
            UPDATE batches SET first_seq = -3, last_seq = -3 WHERE first_seq = 5;
            UPDATE batches SET first_seq = 4, last_seq = 5 WHERE first_seq = 3;
            UPDATE batches SET first_seq = 3, last_seq = 3 WHERE first_seq = -3;
            """)
        #expect(try f.log.verify().problems.contains { $0.contains("hash chain") })
    }

    @Test func aDuplicatedBatchIsReported() throws {
        let f = try seeded()
        try f.tamper(
            "INSERT INTO batches(first_seq, last_seq, recorded_at, body, digest, link) SELECT 6, 6, recorded_at, body, digest, link FROM batches WHERE first_seq = 5"
        )
        #expect(try f.log.verify().problems.contains { $0.contains("seqs 6–6") && $0.contains("hash chain") })
    }

    @Test func aChangedRecordingTimeBreaksTheChain() throws {
        let f = try seeded()
        try f.tamper("DROP TRIGGER batches_are_append_only_update; UPDATE batches SET recorded_at = 7 WHERE first_seq = 5;")
        #expect(try f.log.verify().problems.contains { $0.contains("seqs 5–5") && $0.contains("hash chain") })
    }
}

/// `verify` compares the small index tables with a fresh fold of the events.
@Suite struct IndexVerificationTests {
    func seeded() throws -> LogFixture {
        let f = try LogFixture()
        try f.append(
            [
                Lines.defineTotal, Lines.observation(period: "2026-01", id: "jan"), Lines.observation(period: "2026-02"),
                #"{"type":"correction","target":"jan","replacement":{"type":"observation","series":"kr.exports.total","period":"2026-01","value":1,"released_at":"2026-02-01T00:00:00Z"}}"#,
                Lines.observation(period: "2026-01", value: "1", id: "restated")
            ].joined(separator: "\n"))
        #expect(try f.log.verify().isIntact)
        return f
    }

    @Test func aLostBatchListEntryIsReported() throws {
        let f = try seeded()
        try f.tamper("DELETE FROM series_batch_lists")
        #expect(try f.log.verify().problems.contains { $0.contains("index table series_batch_lists") })
    }

    @Test func aWrongFigureCountIsReported() throws {
        let f = try seeded()
        try f.tamper("UPDATE series SET figures = 1")
        #expect(try f.log.verify().problems.contains { $0.contains("index table series") && $0.contains("figures") })
    }

    @Test func aWrongLatestReleaseTimeIsReported() throws {
        let f = try seeded()
        try f.tamper("UPDATE series SET last_released = 0")
        #expect(try f.log.verify().problems.contains { $0.contains("index table series") && $0.contains("release times") })
    }

    @Test func aLostIdIndexEntryIsReported() throws {
        let f = try seeded()
        try f.tamper("DELETE FROM event_ids WHERE seq = 2")
        #expect(try f.log.verify().problems.contains { $0.contains("index table event_ids") && $0.contains("1 event(s) not indexed") })
    }

    @Test func aLostOverrideIsReported() throws {
        let f = try seeded()
        try f.tamper("DELETE FROM overrides")
        #expect(try f.log.verify().problems.contains { $0.contains("index table overrides") })
    }

    @Test func aChangedDefinitionCountIsReported() throws {
        let f = try seeded()
        try f.tamper("UPDATE series SET definitions = 0")
        #expect(try f.log.verify().problems.contains { $0.contains("index table series") })
    }
}
