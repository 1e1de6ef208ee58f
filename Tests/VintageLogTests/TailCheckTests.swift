import Testing
import VintageCore
import VintageSQLite

@testable import VintageLog

/// An append checks the events it builds on, and a whole read (a replay) checks every
/// checksum and link as it goes: neither builds on, nor serves, a changed event.
@Suite struct TailCheckTests {
    /// Two appends: batches 1–2 and 3–4.
    func seeded() throws -> LogFixture {
        let f = try LogFixture()
        try f.append([Lines.defineTotal, Lines.observation(period: "2026-01")].joined(separator: "\n"))
        try f.append([Lines.observation(period: "2026-02"), Lines.observation(period: "2026-03")].joined(separator: "\n"))
        return f
    }

    static let next = Lines.observation(period: "2026-04")

    @Test func anAppendOntoAnEditedLastBatchIsRefused() throws {
        let f = try seeded()
        try f.editBatch(startingAt: 3) { $0[$0.count / 2] ^= 1 }
        #expect {
            _ = try f.append(Self.next)
        } throws: { error in
            guard case LogError.damaged(_, let reason) = error else { return false }
            return reason.contains("seqs 3–4") && reason.contains("nothing was written")
        }
        #expect(try f.count("SELECT max(last_seq) FROM batches") == 4)
    }

    @Test func anAppendOntoABrokenLinkIsRefused() throws {
        let f = try seeded()
        try f.tamper(
            """
            DROP TRIGGER batches_are_append_only_update;
            UPDATE batches SET link = zeroblob(32) WHERE first_seq = 1;
            """)
        #expect {
            _ = try f.append(Self.next)
        } throws: { error in
            guard case LogError.damaged(_, let reason) = error else { return false }
            return reason.contains("hash chain")
        }
        #expect(try f.events().count == 4)
    }

    @Test func anAppendOntoAnIntactLogGoesOn() throws {
        let f = try seeded()
        #expect(try f.append(Self.next).stored == 1)
        #expect(try f.log.verify().isIntact)
    }

    @Test func theCheckedReadStopsAtAChangedEvent() throws {
        let f = try seeded()
        var seen: [Int64] = []
        try f.log.forEachCheckedEventBody(fromSeq: 1) { seq, _, _, _ in seen.append(seq) }
        #expect(seen == [1, 2, 3, 4])
        // A range read checks its first link against the event before it.
        seen = []
        try f.log.forEachCheckedEventBody(fromSeq: 3, throughSeq: 4) { seq, _, _, _ in seen.append(seq) }
        #expect(seen == [3, 4])
        // A range starting inside a batch reads from that batch on.
        seen = []
        try f.log.forEachCheckedEventBody(fromSeq: 2, throughSeq: 3) { seq, _, _, _ in seen.append(seq) }
        #expect(seen == [2, 3])
        try f.editBatch(startingAt: 3) { $0[$0.count - 1] ^= 1 }
        seen = []
        #expect {
            try f.log.forEachCheckedEventBody(fromSeq: 1) { seq, _, _, _ in seen.append(seq) }
        } throws: { error in
            guard case LogError.damaged(_, let reason) = error else { return false }
            return reason.contains("seqs 3–4") && reason.contains("hash chain")
        }
        #expect(seen == [1, 2])
    }

    @Test func theHeadNamesTheLastLinkAndParsesBack() throws {
        let f = try seeded()
        let report = try f.log.verify()
        let head = try #require(report.head)
        #expect(head.seq == 4)
        #expect(head == (try f.log.head(at: 4)))
        // Only the end of a batch has a head.
        #expect(try f.log.head(at: 3) == nil)
        #expect(LogHead(parsing: head.description) == head)
        #expect(head.description.count == 2 + 64)
        #expect(try f.log.head(at: 5) == nil)
        #expect(LogHead(parsing: "4:abc") == nil)
        #expect(LogHead(parsing: "x:" + String(repeating: "0", count: 64)) == nil)
        #expect(LogHead(parsing: "4:" + String(repeating: "g", count: 64)) == nil)
    }

    @Test func errorsNameTheFileNotTheStatement() {
        let full = SQLiteError(code: 13, message: "database or disk is full", context: "/s/log.sqlite")
        #expect(full.description == "/s/log.sqlite: no space left on device; free some space and run the command again")
        let readOnly = SQLiteError(code: 8, message: "attempt to write a readonly database", context: "/s/log.sqlite")
        #expect(readOnly.description == "/s/log.sqlite: the store is read-only")
    }
}
