import CSQLite
import Foundation
import Testing

/// A store written by Vintage 0.11 (log format 1) is read as it is, refuses appends with a
/// pointer to `vintage upgrade`, and upgrades to format 2 with every event, id, seq and
/// recording time unchanged.
@Suite struct UpgradeCLITests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/format1")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: fixture.appendingPathComponent(name), encoding: .utf8)
    }

    /// A working directory whose default store holds the format-1 fixture's log.
    static func formatOneStore() throws -> VintageProcess {
        let v = try VintageProcess()
        try FileManager.default.createDirectory(at: v.store, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: fixture.appendingPathComponent("log.sqlite"), to: v.store.appendingPathComponent("log.sqlite"))
        return v
    }

    @Test func aFormatOneStoreIsReadRefusesAppendsAndUpgrades() throws {
        let v = try Self.formatOneStore()
        defer { v.remove() }
        let log = try Self.text("log.ndjson"), query = try Self.text("query-total.csv")
        #expect(try v.run(["log", "--format", "json"]).stdout == log)
        #expect(try v.run(["query", "kr.exports.total", "--format", "csv"]).stdout == query)
        #expect(try v.run(["verify"]).status == 0)
        #expect(try v.run(["stats", "--format", "json"]).stdout.contains(#""log_format":1"#))

        try v.write(
            "more.ndjson", #"{"type":"observation","series":"kr.exports.total","period":"2026-04","value":1,"released_at":"2026-05-01T00:00:00Z"}"#)
        let refused = try v.run(["append", "more.ndjson"])
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("store format 1") && refused.stderr.contains("vintage upgrade"), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(try v.run(["log", "--format", "json"]).stdout == log)

        let upgraded = try v.run(["upgrade"])
        #expect(upgraded.status == 0, "\(upgraded.stderr)")
        #expect(upgraded.stdout.hasPrefix("upgraded 13 events from store format 1 to 4: log "), "\(upgraded.stdout)")
        #expect(!FileManager.default.fileExists(atPath: v.store.appendingPathComponent("log.sqlite.upgrading").path))
        #expect(try v.run(["log", "--format", "json"]).stdout == log)
        #expect(try v.run(["query", "kr.exports.total", "--format", "csv"]).stdout == query)
        #expect(try v.run(["stats", "--format", "json"]).stdout.contains(#""log_format":4"#))
        let verified = try v.run(["verify"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")

        #expect(try v.run(["append", "more.ndjson"]).status == 0)
        #expect(try v.run(["log", "--format", "json"]).stdout.hasPrefix(log))
        let again = try v.run(["upgrade"])
        #expect(again.status == 0 && again.stdout.contains("already in store format 4"), "\(again.stdout)")
    }

    @Test func aFailedUpgradeLeavesTheOldLogInPlace() throws {
        let v = try Self.formatOneStore()
        defer { v.remove() }
        // A directory where the new log is to be written: the conversion cannot start.
        try FileManager.default.createDirectory(at: v.store.appendingPathComponent("log.sqlite.upgrading"), withIntermediateDirectories: true)
        let failed = try v.run(["upgrade"])
        #expect(failed.status != 0)
        #expect(failed.stderr.split(separator: "\n").count == 1, "\(failed.stderr)")
        #expect(try v.run(["log", "--format", "json"]).stdout == (try Self.text("log.ndjson")))
        #expect(try v.run(["stats", "--format", "json"]).stdout.contains(#""log_format":1"#))
    }

    @Test func anUpgradeWaitsForAWriterAndChangesNothingWhenItGivesUp() throws {
        let v = try Self.formatOneStore()
        defer { v.remove() }
        // Another process (an older Vintage appending, or a second upgrade) holds the write lock.
        var db: OpaquePointer?
        try #require(sqlite3_open(v.store.appendingPathComponent("log.sqlite").path, &db) == SQLITE_OK)
        try #require(sqlite3_exec(db, "BEGIN IMMEDIATE", nil, nil, nil) == SQLITE_OK)
        let refused = try v.run(["--wait", "0", "upgrade"])
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("locked by another writer"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: v.store.appendingPathComponent("log.sqlite.upgrading").path))
        sqlite3_exec(db, "ROLLBACK", nil, nil, nil)
        sqlite3_close(db)
        #expect(try v.run(["stats", "--format", "json"]).stdout.contains(#""log_format":1"#))
        #expect(try v.run(["upgrade"]).status == 0)
        #expect(try v.run(["log", "--format", "json"]).stdout == (try Self.text("log.ndjson")))
    }

    @Test func headsRecordedBeforeTheUpgradeNoLongerMatch() throws {
        let v = try Self.formatOneStore()
        defer { v.remove() }
        let before = try v.run(["verify"]).stdout
        let head = try #require(before.split(separator: "\n").first { $0.hasPrefix("head: ") }?.dropFirst(6))
        let upgraded = try v.run(["upgrade"])
        #expect(upgraded.stderr.contains("heads recorded before the upgrade no longer match"), "\(upgraded.stderr)")
        let old = try v.run(["verify", "--expect", String(head)])
        #expect(old.status == 3 && old.stderr.contains("rewritten"), "\(old.stderr)")
        // Seq 5 is inside the converted log's only batch: no head ends there.
        let inside = try v.run(["verify", "--expect", "5:" + String(repeating: "0", count: 64)])
        #expect(inside.status == 3 && inside.stderr.contains("no record batch ends there"), "\(inside.stderr)")
        let now = try v.run(["verify"]).stdout
        let newHead = try #require(now.split(separator: "\n").first { $0.hasPrefix("head: ") }?.dropFirst(6))
        #expect(newHead.hasPrefix("13:") && newHead != head)
        #expect(try v.run(["verify", "--expect", String(newHead)]).status == 0)
    }

    @Test func theFixtureIsTheStoreItsInputsMake() throws {
        // The fixture's inputs, appended to a new store, give the same events (the ids and
        // bodies; recording times differ): format 2 stores what format 1 stored.
        let v = try VintageProcess()
        defer { v.remove() }
        try v.write("a.ndjson", try Self.text("a.ndjson"))
        try v.write("b.ndjson", try Self.text("b.ndjson"))
        #expect(try v.run(["append", "a.ndjson"]).status == 0)
        #expect(try v.run(["append", "b.ndjson"]).status == 0)
        func withoutTimes(_ text: String) -> [String] {
            text.split(separator: "\n").map { String($0).replacing(/"recorded_at":"[^"]*"/, with: "") }
        }
        #expect(withoutTimes(try v.run(["log", "--format", "json"]).stdout) == withoutTimes(try Self.text("log.ndjson")))
    }
}
