import Testing
import VintageCore
@testable import VintageLog

/// The id index: entries written under provisional seqs and moved when duplicates shift
/// later events, and ids whose 64-bit keys collide.
@Suite struct IDIndexTests {
    @Test func aDuplicateInsideABatchShiftsTheIndexEntriesOfLaterEvents() throws {
        let f = try LogFixture()
        try f.append([Lines.defineTotal, Lines.observation(period: "2026-01", id: "a")].joined(separator: "\n"))
        let outcome = try f.append([Lines.observation(period: "2026-02", id: "b"), Lines.observation(period: "2026-01", id: "a"),
                                    Lines.observation(period: "2026-03", id: "c"), Lines.observation(period: "2026-04", id: "d")].joined(separator: "\n"))
        #expect(outcome.stored == 3 && outcome.duplicates == 1 && outcome.seqRange == 3...5)
        for (id, seq) in [("b", 3), ("c", 4), ("d", 5)] {
            let key = try EventID(id).indexKey
            #expect(try f.count("SELECT seq FROM event_ids WHERE id_key = \(key)") == Int64(seq), "\(id)")
        }
        try f.append(#"{"type":"retraction","target":"c"}"#)
        #expect(try f.count("SELECT target_seq FROM overrides") == 4)
    }

    @Test func anIdWhoseKeyIsTakenByAnotherIdIsStoredBesideIt() throws {
        let f = try LogFixture()
        try f.append(Lines.defineTotal)
        // Simulate a 64-bit key collision: the key of id "y" already points at seq 1 (another id).
        let key = try EventID("y").indexKey
        try f.tamper("INSERT INTO event_ids(id_key, seq) VALUES(\(key), 1)")
        let first = try f.append(Lines.observation(id: "y"))
        #expect(first.stored == 1 && first.seqRange == 2...2)
        #expect(try f.count("SELECT seq FROM event_id_collisions WHERE id_key = \(key)") == 2)
        #expect(try f.append(Lines.observation(id: "y")).duplicates == 1)
        #expect(try f.rejection(Lines.observation(period: "2026-02", id: "y"))?.field == "id")
        try f.append(#"{"type":"retraction","target":"y"}"#)
        #expect(try f.count("SELECT target_seq FROM overrides") == 2)
    }

    @Test func derivedIdsAreStoredAsNullAndReadBack() throws {
        let f = try LogFixture()
        try f.append([Lines.defineTotal, Lines.observation(id: "given")].joined(separator: "\n"))
        #expect(try f.count("SELECT count(*) FROM events WHERE id IS NULL") == 1)
        let events = try f.events()
        #expect(events[0].id.rawValue.hasPrefix("ev-"))
        #expect(events[0].id == EventID(derivedFromContentHash: events[0].checksum))
        #expect(events[1].id.rawValue == "given")
    }
}
