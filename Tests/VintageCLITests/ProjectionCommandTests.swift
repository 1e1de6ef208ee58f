import Foundation
import Testing

/// End-to-end tests of the commands that read the projection: query, history, series,
/// replay, snapshot, stats and verify, through the built `vintage` binary.
@Suite struct ProjectionCommandTests {
    static let revisionsAndCorrection = """
        {"type":"observation","series":"kr.exports.total","period":"2026-01","value":65.9e9,"released_at":"2026-02-15T00:00:00Z","status":"revised"}
        {"type":"observation","id":"dec-total","series":"kr.exports.total","period":"2025-12","value":70e9,"released_at":"2026-01-01T00:00:00Z"}
        {"type":"correction","target":"jan-total","reason":"typo","replacement":{"type":"observation","series":"kr.exports.total","period":"2026-01","value":65.7e9,"released_at":"2026-02-01T00:00:00Z","source":"MOTIE"}}

        """

    /// A store with definitions, January figures (seq 3–4), a revision (5), December (6) and
    /// a correction of January's first release (7).
    func makeStore() throws -> VintageProcess {
        let v = try VintageProcess()
        try v.write("events.ndjson", Sample.definitions + Sample.january + Self.revisionsAndCorrection)
        #expect(try v.run(["append", "events.ndjson"]).status == 0)
        return v
    }

    @Test func queryShowsLatestVintagesAsOfAndAtSeq() throws {
        let v = try makeStore()
        defer { v.remove() }
        let latest = try v.run(["query", "kr.exports.total"])
        #expect(
            latest.stdout == """
                series,time,value,released_at,seq
                kr.exports.total,2025-12-01T00:00:00Z,70000000000,2026-01-01T00:00:00Z,6
                kr.exports.total,2026-01-01T00:00:00Z,65900000000,2026-02-15T00:00:00Z,5

                """)
        // A date means the end of that day; the correction replaces the first release there too.
        let asOf = try v.run(["query", "kr.exports.total", "--from", "2026-01", "--as-of", "2026-02-10"])
        #expect(asOf.stdout.hasSuffix("kr.exports.total,2026-01-01T00:00:00Z,65700000000,2026-02-01T00:00:00Z,7\n"))
        let before = try v.run(["query", "kr.exports.total", "--from", "2026-M01", "--at-seq", "4"])
        #expect(before.stdout.hasSuffix("kr.exports.total,2026-01-01T00:00:00Z,65800000000,2026-02-01T00:00:00Z,3\n"))
        let first = try v.run(["query", "kr.exports.total", "--first-release", "--to", "2026-02", "--latest", "--format", "json"])
        #expect(
            first.stdout
                == #"{"series":"kr.exports.total","time":"2026-01-01T00:00:00Z","value":65700000000,"released_at":"2026-02-01T00:00:00Z","seq":7}"#
                + "\n")
        let tagged = try v.run(["query", "--where", "country=KR", "--to", "2026-01"])
        #expect(tagged.stdout.split(separator: "\n").count == 2)
        let timed = try v.run(["query", "kr.exports.autos", "--timing"])
        #expect(timed.stderr.hasPrefix("Run Time: "))
    }

    @Test func queryRejectionsAreOneLine() throws {
        let v = try makeStore()
        defer { v.remove() }
        let beyond = try v.run(["query", "kr.exports.total", "--at-seq", "99"])
        #expect(beyond.status == 1)
        #expect(beyond.stderr == "vintage: --at-seq 99 is beyond the end of the log (last seq 7)\n")
        let unknown = try v.run(["query", "kr.exports.totl"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "vintage: unknown series 'kr.exports.totl' (did you mean 'kr.exports.total'?)\n")
        #expect(try v.run(["query", "--from", "January"]).status == 2)
        #expect(try v.run(["query", "--as-of", "2026-13"]).status == 2)
        #expect(try v.run(["query", "--where", "country"]).status == 2)
    }

    @Test func historyListsVintagesWithTheCorrection() throws {
        let v = try makeStore()
        defer { v.remove() }
        let history = try v.run(["history", "kr.exports.total", "2026-01"])
        #expect(
            history.stdout == """
                series,time,released_at,seq,status,value,original_value,correction
                kr.exports.total,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z,7,,65700000000,65800000000,ev-\(history.stdout.components(separatedBy: ",ev-").last!.prefix(32))
                kr.exports.total,2026-01-01T00:00:00Z,2026-02-15T00:00:00Z,5,revised,65900000000,,

                """)
        let before = try v.run(["history", "kr.exports.total", "2026-01", "--at-seq", "3"])
        #expect(before.stdout.hasSuffix("2026-02-01T00:00:00Z,3,,65800000000,,\n"))
    }

    @Test func seriesAndStatsCount() throws {
        let v = try makeStore()
        defer { v.remove() }
        let series = try v.run(["series", "--where", "country=KR"])
        #expect(series.stdout == "series,name,unit,frequency,tags,points,vintages\nkr.exports.total,,USD,monthly,country=KR,2,3\n")
        let stats = try v.run(["stats", "--format", "json"])
        #expect(stats.stdout.hasPrefix(#"{"events":7,"series":2,"points":3,"vintages":4,"log_bytes":"#))
    }

    @Test func replaySnapshotsAndVerifyKeepAnswers() throws {
        let v = try makeStore()
        defer { v.remove() }
        let before = try v.run(["query"]).stdout
        #expect(try v.run(["snapshot", "create", "--name", "before"]).status == 0)
        let replay = try v.run(["replay", "--verify"])
        #expect(replay.status == 0)
        #expect(replay.stdout.contains("events/s"))
        #expect(try v.run(["query"]).stdout == before)
        try v.write(
            "more.ndjson",
            """
            {"type":"observation","series":"kr.exports.autos","period":"2026-02","value":5e9,"released_at":"2026-03-01T00:00:00Z"}

            """)
        #expect(try v.run(["append", "more.ndjson"]).status == 0)
        let after = try v.run(["query"]).stdout
        #expect(try v.run(["snapshot", "restore", "before"]).status == 0)
        // The restored snapshot caught up with the event logged after it.
        #expect(try v.run(["query"]).stdout == after)
        #expect(try v.run(["snapshot", "list"]).stdout.hasPrefix("name,seq,created_at,files,bytes\nbefore,7,"))
        #expect(try v.run(["snapshot", "restore", "nope"]).status == 1)
        #expect(try v.run(["snapshot", "create", "--name", "before"]).status == 1)
        #expect(try v.run(["snapshot", "delete", "before"]).status == 0)
        #expect(try v.run(["verify"]).status == 0)
    }

    @Test func damagedChunkIsReportedAndRepairedByReplay() throws {
        let v = try makeStore()
        defer { v.remove() }
        #expect(try v.run(["replay"]).status == 0)
        let chunks = v.store.appendingPathComponent("projection/chunks")
        // A replay packs the chunks into segment files: damage every chunk in them.
        let files = try FileManager.default.contentsOfDirectory(atPath: chunks.path).filter { $0.hasSuffix(".vtch") || $0.hasSuffix(".vseg") }
        #expect(!files.isEmpty)
        for name in files {
            let path = chunks.appendingPathComponent(name).path
            var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            for i in stride(from: 8, to: bytes.count, by: 16) { bytes[i] ^= 0xFF }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        let query = try v.run(["query", "kr.exports.total"])
        #expect(query.status == 3)
        #expect(query.stderr.contains("CRC-32C"))
        #expect(query.stderr.split(separator: "\n").count == 1)
        let verify = try v.run(["verify"])
        #expect(verify.status == 3)
        #expect(try v.run(["replay"]).status == 0)
        #expect(try v.run(["verify"]).status == 0)
        #expect(try v.run(["query", "kr.exports.total"]).stdout.contains("65900000000"))
    }

    @Test func damagedManifestIsReportedAndRepairedByReplay() throws {
        let v = try makeStore()
        defer { v.remove() }
        let manifest = v.store.appendingPathComponent("projection/MANIFEST")
        var bytes = try [UInt8](Data(contentsOf: manifest))
        bytes[bytes.count / 2] ^= 0x55
        try Data(bytes).write(to: manifest)
        let query = try v.run(["query"])
        #expect(query.status == 3)
        #expect(query.stderr.split(separator: "\n").count == 1)
        #expect(query.stderr.contains("MANIFEST"))
        #expect(try v.run(["verify"]).status == 3)
        #expect(try v.run(["replay"]).status == 0)
        #expect(try v.run(["verify"]).status == 0)
        #expect(try v.run(["query", "kr.exports.total"]).stdout.contains("65900000000"))
    }

    @Test func crashBetweenLogCommitAndProjectionIsRepairedOnNextOpen() throws {
        let v = try makeStore()
        defer { v.remove() }
        try v.write(
            "late.ndjson",
            """
            {"type":"observation","series":"kr.exports.autos","period":"2026-02","value":5.5e9,"released_at":"2026-03-01T00:00:00Z"}
            {"type":"retraction","target":"dec-total","reason":"duplicate entry"}

            """)
        let crashed = try v.run(["append", "late.ndjson"], environment: ["VINTAGE_TEST_CRASH_AFTER_LOG_COMMIT": "1"])
        #expect(crashed.status != 0)
        // The log holds the events; the next command catches the projection up.
        let query = try v.run(["query"])
        #expect(query.status == 0)
        #expect(query.stdout.contains("kr.exports.autos,2026-02-01T00:00:00Z,5500000000,2026-03-01T00:00:00Z,8"))
        #expect(!query.stdout.contains("2025-12-01"))
        #expect(try v.run(["verify"]).status == 0)
    }
}
