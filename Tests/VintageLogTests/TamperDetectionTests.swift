import Testing
import VintageCore
@testable import VintageLog

@Suite struct TamperDetectionTests {
    func seeded() throws -> LogFixture {
        let f = try LogFixture()
        try f.append([Lines.defineTotal, Lines.observation(period: "2026-01"), Lines.observation(period: "2026-02"),
                      Lines.observation(period: "2026-03")].joined(separator: "\n"))
        #expect(try f.log.verify().isIntact)
        return f
    }

    @Test func theLogRefusesUpdatesAndDeletes() throws {
        let f = try seeded()
        #expect(throws: LogFixture.TamperError.self) { try f.tamper("UPDATE events SET body = '{}' WHERE seq = 2") }
        #expect(throws: LogFixture.TamperError.self) { try f.tamper("DELETE FROM events WHERE seq = 2") }
        #expect(try f.log.verify().isIntact)
    }

    @Test func anEditedEventFailsItsChecksum() throws {
        let f = try seeded()
        try f.tamper("""
            DROP TRIGGER events_are_append_only_update;
            UPDATE events SET body = replace(body, '65800000000', '75800000000') WHERE seq = 2;
            """)
        let report = try f.log.verify()
        #expect(!report.isIntact)
        #expect(report.problems.contains { $0.contains("seq 2") && $0.contains("checksum") })
    }

    @Test func anEditWithARecomputedChecksumBreaksTheChain() throws {
        let f = try seeded()
        let forged = #"{"type":"observation","series":"kr.exports.total","period":"2026-01","value":1,"released_at":"2026-02-01T00:00:00Z"}"#
        let checksum = contentHash(of: Array(forged.utf8)).map { String(format: "%02x", $0) }.joined()
        try f.tamper("""
            DROP TRIGGER events_are_append_only_update;
            UPDATE events SET body = '\(forged)', checksum = x'\(checksum)' WHERE seq = 2;
            """)
        let report = try f.log.verify()
        #expect(report.problems.contains { $0.contains("seq 2") && $0.contains("hash chain") })
    }

    @Test func aDeletedEventIsReported() throws {
        let f = try seeded()
        try f.tamper("DROP TRIGGER events_are_append_only_delete; DELETE FROM events WHERE seq = 3;")
        let report = try f.log.verify()
        #expect(report.problems.contains { $0.contains("seq 3") && $0.contains("missing") })
        #expect(report.problems.contains { $0.contains("seq 4") && $0.contains("hash chain") })
    }

    @Test func reorderedEventsAreReported() throws {
        let f = try seeded()
        try f.tamper("""
            DROP TRIGGER events_are_append_only_update;
            UPDATE events SET seq = -2 WHERE seq = 2;
            UPDATE events SET seq = 2 WHERE seq = 3;
            UPDATE events SET seq = 3 WHERE seq = -2;
            """)
        let report = try f.log.verify()
        #expect(report.problems.contains { $0.contains("hash chain") })
    }

    @Test func aChangedRecordingTimeBreaksTheChain() throws {
        let f = try seeded()
        try f.tamper("DROP TRIGGER events_are_append_only_update; UPDATE events SET recorded_at = 7 WHERE seq = 4;")
        #expect(try f.log.verify().problems.contains { $0.contains("seq 4") })
    }
}

@Suite struct IndexVerificationTests {
    func seeded() throws -> LogFixture {
        let f = try LogFixture()
        try f.append([Lines.defineTotal, Lines.observation(period: "2026-01", id: "jan"), Lines.observation(period: "2026-02"),
                      #"{"type":"correction","target":"jan","replacement":{"type":"observation","series":"kr.exports.total","period":"2026-01","value":1,"released_at":"2026-02-01T00:00:00Z"}}"#,
                      Lines.observation(period: "2026-01", value: "1", id: "restated")].joined(separator: "\n"))
        #expect(try f.log.verify().isIntact)
        return f
    }

    @Test func aLostVintageIsReported() throws {
        let f = try seeded()
        try f.tamper("DELETE FROM vintages WHERE period = (SELECT max(period) FROM vintages)")
        #expect(try f.log.verify().problems.contains { $0.contains("index table vintages") })
    }

    @Test func aWrongReferenceCountIsReported() throws {
        let f = try seeded()
        try f.tamper("UPDATE vintages SET refs = 1 WHERE refs = 2")
        #expect(try f.log.verify().problems.contains { $0.contains("index table vintages") })
    }

    @Test func aLostIdIndexEntryIsReported() throws {
        let f = try seeded()
        try f.tamper("DELETE FROM event_ids WHERE seq = 3")
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
