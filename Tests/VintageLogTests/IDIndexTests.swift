import Testing
import VintageCore

@testable import VintageLog

/// Finding events by id in a format-2 log: given ids and events without figures through the
/// id index, derived ids of events with figures through their figures, ids whose 64-bit keys
/// collide, and derived ids named by corrections.
@Suite struct IDIndexTests {
    @Test func aDuplicateInsideAnAppendTakesNoSeq() throws {
        let f = try LogFixture()
        try f.append([Lines.defineTotal, Lines.observation(period: "2026-01", id: "a")].joined(separator: "\n"))
        let outcome = try f.append(
            [
                Lines.observation(period: "2026-02", id: "b"), Lines.observation(period: "2026-01", id: "a"),
                Lines.observation(period: "2026-03", id: "c"), Lines.observation(period: "2026-04", id: "d")
            ].joined(separator: "\n"))
        #expect(outcome.stored == 3 && outcome.duplicates == 1 && outcome.seqRange == 3...5)
        for (id, seq) in [("b", 3), ("c", 4), ("d", 5)] {
            #expect(try f.log.storedEvent(withID: EventID(id))?.seq == Int64(seq), "\(id)")
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
        #expect(try f.count("SELECT count(*) FROM event_ids WHERE id_key = \(key)") == 2)
        #expect(try f.append(Lines.observation(id: "y")).duplicates == 1)
        #expect(try f.rejection(Lines.observation(period: "2026-02", id: "y"))?.field == "id")
        try f.append(#"{"type":"retraction","target":"y"}"#)
        #expect(try f.count("SELECT target_seq FROM overrides") == 2)
    }

    @Test func derivedIdsAreNotStoredAndReadBack() throws {
        let f = try LogFixture()
        try f.append([Lines.defineTotal, Lines.observation(id: "given"), Lines.observation(period: "2026-02")].joined(separator: "\n"))
        // The series definition (no figures) and the given id are indexed; the derived id of
        // the observation is found through its figure.
        #expect(try f.count("SELECT count(*) FROM event_ids") == 2)
        let events = try f.events()
        #expect(events[0].id.rawValue.hasPrefix("ev-"))
        #expect(events[0].id == EventID(derivedFromContentHash: events[0].checksum))
        #expect(events[1].id.rawValue == "given")
        #expect(events[2].id == EventID(derivedFromContentHash: events[2].checksum))
        #expect(try f.log.storedEvent(withID: events[2].id)?.seq == 3)
    }

    @Test func aCorrectionNamingADerivedIdFindsItAndIndexesIt() throws {
        let f = try LogFixture()
        f.log.eventsPerBatch = 2
        try f.append(
            [
                Lines.defineTotal, Lines.observation(period: "2026-01"), Lines.observation(period: "2026-02"),
                Lines.observation(period: "2026-03")
            ].joined(separator: "\n"))
        let target = try f.events()[2]
        try f.append(
            #"{"type":"correction","target":"\#(target.id)","replacement":{"type":"observation","series":"kr.exports.total","period":"2026-02","value":1,"released_at":"2026-02-01T00:00:00Z"}}"#
        )
        #expect(try f.count("SELECT count(*) FROM event_ids WHERE seq = 3") == 1)
        #expect(try f.log.liveVintages().values.map(\.value).sorted() == [1, 65.8e9, 65.8e9])
        #expect(try f.log.verify().isIntact)
        // Re-appending the corrected original is a duplicate, not a new figure.
        #expect(try f.append(Lines.observation(period: "2026-02")).duplicates == 1)
    }

    @Test func aGivenIdOfTheDerivedFormIsComparedWithDerivedIds() throws {
        let f = try LogFixture()
        try f.append([Lines.defineTotal, Lines.observation(period: "2026-01")].joined(separator: "\n"))
        let derived = try f.events()[1].id
        let error = try #require(try f.rejection(Lines.observation(period: "2026-02", id: derived.rawValue)))
        #expect(error.field == "id")
        #expect(error.description.contains("seq 2"))
    }
}
