import CSQLite
import Foundation
import Testing

/// A store of format 3 (Vintage 0.13 and 0.14) is read and appended to as it is, its new
/// batches without entropy-coded columns (chunk format version 3), so that those versions keep
/// reading it; `vintage upgrade` marks it format 4 without rewriting anything, and from then
/// on its batches may be entropy-coded.
@Suite struct UpgradeFormatThreeCLITests {
    /// Observations whose values are a random walk of mostly small steps: residuals an
    /// entropy code takes in fewer bits than a fixed width.
    static func observations(series: String, from start: Int, count: Int) -> String {
        var rng = UInt64(truncatingIfNeeded: 0x9E37_79B9 &* (start + 1))
        var value = 1_000_000
        var lines: [String] = []
        for i in start..<(start + count) {
            rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let r = Int(rng >> 33) % 1000
            value += r < 700 ? (r % 3) - 1 : r < 950 ? (r % 41) - 20 : (r % 4001) - 2000
            let day = DateComponents(
                calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"), year: 1990, month: 1, day: 1 + i)
            let date = Calendar(identifier: .gregorian).date(from: day)!
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "UTC")
            f.dateFormat = "yyyy-MM-dd"
            lines.append(
                #"{"type":"observation","series":"\#(series)","period":"\#(f.string(from: date))","value":\#(value),"released_at":"2026-01-01T00:00:00Z"}"#
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The chunk format versions of the columns in the log's batches (each chunk starts with
    /// `VTCH` and its version byte).
    static func chunkVersions(_ v: VintageProcess) throws -> Set<UInt8> {
        var db: OpaquePointer?
        try #require(sqlite3_open_v2(v.store.appendingPathComponent("log.sqlite").path, &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK)
        defer { sqlite3_close(db) }
        var statement: OpaquePointer?
        try #require(sqlite3_prepare_v2(db, "SELECT body FROM batches", -1, &statement, nil) == SQLITE_OK)
        defer { sqlite3_finalize(statement) }
        var versions: Set<UInt8> = []
        while sqlite3_step(statement) == SQLITE_ROW {
            let bytes = [UInt8](UnsafeRawBufferPointer(start: sqlite3_column_blob(statement, 0), count: Int(sqlite3_column_bytes(statement, 0))))
            for i in 0..<(bytes.count - 5) where bytes[i] == 0x56 && bytes[i + 1] == 0x54 && bytes[i + 2] == 0x43 && bytes[i + 3] == 0x48 {
                versions.insert(bytes[i + 4])
            }
        }
        return versions
    }

    static func setFormat(_ v: VintageProcess, _ format: Int) throws {
        var db: OpaquePointer?
        try #require(sqlite3_open(v.store.appendingPathComponent("log.sqlite").path, &db) == SQLITE_OK)
        defer { sqlite3_close(db) }
        try #require(sqlite3_exec(db, "UPDATE store_meta SET value='\(format)' WHERE key='format_version'", nil, nil, nil) == SQLITE_OK)
    }

    @Test func aFormatThreeStoreIsAppendedToWithoutEntropyCodingUntilUpgraded() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        try v.write("series.ndjson", #"{"type":"series","series":"walk","name":"Walk","unit":"index","frequency":"daily"}"# + "\n")
        try v.write("a.ndjson", Self.observations(series: "walk", from: 0, count: 3000))
        try v.write("b.ndjson", Self.observations(series: "walk", from: 3000, count: 3000))
        #expect(try v.run(["init"]).status == 0)
        #expect(try v.run(["append", "series.ndjson"]).status == 0)
        try Self.setFormat(v, 3)
        #expect(try v.run(["stats", "--format", "json"]).stdout.contains(#""log_format":3"#))

        let appended = try v.run(["append", "a.ndjson"])
        #expect(appended.status == 0, "\(appended.stderr)")
        #expect(try Self.chunkVersions(v) == [2])
        #expect(try v.run(["verify"]).status == 0)

        let upgraded = try v.run(["upgrade"])
        #expect(upgraded.status == 0, "\(upgraded.stderr)")
        #expect(upgraded.stdout.hasPrefix("marked the log of 3001 events store format 4 (from 3): nothing rewritten"), "\(upgraded.stdout)")
        #expect(try v.run(["stats", "--format", "json"]).stdout.contains(#""log_format":4"#))
        #expect(try Self.chunkVersions(v) == [2])
        #expect(try v.run(["append", "b.ndjson"]).status == 0)
        #expect(try Self.chunkVersions(v).contains(3))
        #expect(try v.run(["verify"]).status == 0)
        let again = try v.run(["upgrade"])
        #expect(again.status == 0 && again.stdout.contains("already in store format 4"), "\(again.stdout)")

        // Every figure reads back: the store answers as one rebuilt from its log.
        let query = try v.run(["query", "walk", "--format", "csv"]).stdout
        #expect(query.split(separator: "\n").count == 6001)
        #expect(try v.run(["replay"]).status == 0)
        #expect(try v.run(["query", "walk", "--format", "csv"]).stdout == query)
    }
}
