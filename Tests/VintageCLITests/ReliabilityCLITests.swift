import CSQLite
import Foundation
import Testing

/// Issue 12 through the built binary: what `vintage` says about a store is true — a lost log,
/// a tampered log, a read-only store, a committed append, hostile text and endless input.
@Suite struct ReliabilityCLITests {
    func makeStore() throws -> VintageProcess {
        let v = try VintageProcess()
        try v.write("events.ndjson", Sample.definitions + Sample.january)
        let appended = try v.run(["append", "events.ndjson"])
        #expect(appended.status == 0, "\(appended.stderr)")
        return v
    }

    /// Runs SQL on the store's log as an outsider would.
    func tamper(_ v: VintageProcess, _ sql: String) throws {
        var db: OpaquePointer?
        try #require(sqlite3_open(v.store.appendingPathComponent("log.sqlite").path, &db) == SQLITE_OK)
        defer { sqlite3_close(db) }
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, sql, nil, nil, &message)
        try #require(rc == SQLITE_OK, "\(message.map { String(cString: $0) } ?? "")")
    }

    /// Flips one byte in the middle of the stored bytes of the batch starting at `firstSeq`,
    /// as an outsider editing the file would.
    func flipByte(_ v: VintageProcess, batchStartingAt firstSeq: Int64) throws {
        var db: OpaquePointer?
        try #require(sqlite3_open(v.store.appendingPathComponent("log.sqlite").path, &db) == SQLITE_OK)
        defer { sqlite3_close(db) }
        sqlite3_exec(db, "DROP TRIGGER batches_are_append_only_update", nil, nil, nil)
        var read: OpaquePointer?
        sqlite3_prepare_v2(db, "SELECT body FROM batches WHERE first_seq = \(firstSeq)", -1, &read, nil)
        try #require(sqlite3_step(read) == SQLITE_ROW)
        var body = Array(UnsafeRawBufferPointer(start: sqlite3_column_blob(read, 0), count: Int(sqlite3_column_bytes(read, 0))))
        sqlite3_finalize(read)
        body[body.count / 2] ^= 0x01
        var write: OpaquePointer?
        sqlite3_prepare_v2(db, "UPDATE batches SET body = ? WHERE first_seq = \(firstSeq)", -1, &write, nil)
        defer { sqlite3_finalize(write) }
        sqlite3_bind_blob(write, 1, body, Int32(body.count), unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        try #require(sqlite3_step(write) == SQLITE_DONE)
    }

    static let february = """
        {"type":"observation","series":"kr.exports.total","period":"2026-02","value":60e9,"released_at":"2026-03-01T00:00:00Z"}

        """

    @Test func anAppendWhoseProjectionCannotFollowStillSucceeds() throws {
        let v = try makeStore()
        defer { v.remove() }
        let lock = v.store.appendingPathComponent("projection/LOCK")
        try? FileManager.default.removeItem(at: lock)
        try FileManager.default.createDirectory(at: lock, withIntermediateDirectories: false)
        try v.write("feb.ndjson", Self.february)
        let appended = try v.run(["append", "feb.ndjson"])
        #expect(appended.status == 0, "\(appended.stderr)")
        #expect(appended.stdout == "stored,duplicates,first_seq,last_seq\n1,0,5,5\n")
        #expect(appended.stderr.contains("the events are stored"))
        try FileManager.default.removeItem(at: lock)
        let query = try v.run(["query", "kr.exports.total"])
        #expect(query.stdout.contains("2026-02-01T00:00:00Z,60000000000"))
        #expect(try v.run(["verify"]).status == 0)
    }

    @Test func anEmptiedOrDeletedLogRefusesEveryCommand() throws {
        for deleted in [false, true] {
            let v = try makeStore()
            defer { v.remove() }
            let log = v.store.appendingPathComponent("log.sqlite")
            if deleted { try FileManager.default.removeItem(at: log) } else { try Data().write(to: log) }
            try v.write("feb.ndjson", Self.february)
            let append = try v.run(["append", "feb.ndjson"])
            #expect(append.status == 3)
            #expect(append.stderr.contains("the log is \(deleted ? "missing" : "empty") but the projection reflects 4 events"), "\(append.stderr)")
            #expect(append.stderr.split(separator: "\n").count == 1)
            let size = try? FileManager.default.attributesOfItem(atPath: log.path)[.size] as? Int
            #expect(size == (deleted ? nil : 0))
            let verify = try v.run(["verify"])
            #expect(verify.status == 3)
            #expect(!verify.stderr.contains("no store"))
            #expect(try v.run(["replay"]).status == 3)
            #expect(try v.run(["query"]).status == 3)
        }
    }

    @Test func replayRefusesToDropWhatOnlyTheProjectionHoldsUnlessForced() throws {
        let v = try makeStore()
        defer { v.remove() }
        let log = v.store.appendingPathComponent("log.sqlite")
        let copy = v.directory.appendingPathComponent("old.sqlite")
        try FileManager.default.copyItem(at: log, to: copy)
        try v.write("feb.ndjson", Self.february)
        #expect(try v.run(["append", "feb.ndjson"]).status == 0)
        try FileManager.default.removeItem(at: log)
        try FileManager.default.copyItem(at: copy, to: log)
        let append = try v.run(["append", "feb.ndjson"])
        #expect(append.status == 3)
        #expect(append.stderr.contains("the projection reflects 5 events but the log holds only 4"), "\(append.stderr)")
        let replay = try v.run(["replay"])
        #expect(replay.status == 3)
        #expect(replay.stderr.contains("would drop events 5–5"), "\(replay.stderr)")
        #expect(try v.run(["query", "kr.exports.total"]).status == 3)
        let forced = try v.run(["replay", "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stderr.contains("dropped events 5–5 (1 event)"))
        #expect(try v.run(["verify"]).status == 0)
    }

    @Test func replayChecksEveryEventAndInstallsNothingOnAMismatch() throws {
        let v = try makeStore()
        defer { v.remove() }
        let manifest = v.store.appendingPathComponent("projection/MANIFEST")
        let before = try Data(contentsOf: manifest)
        try flipByte(v, batchStartingAt: 1)
        for arguments in [["replay"], ["replay", "--verify"]] {
            let replay = try v.run(arguments)
            #expect(replay.status == 3)
            #expect(replay.stderr.contains("seqs 1–4"), "\(replay.stderr)")
            #expect(try Data(contentsOf: manifest) == before)
        }
        let query = try v.run(["query", "kr.exports.total"])
        #expect(!query.stdout.contains("95800000000"))
    }

    @Test func anAppendOntoADamagedTailIsRefused() throws {
        let v = try makeStore()
        defer { v.remove() }
        try flipByte(v, batchStartingAt: 1)
        let append = try v.run(["append", "-"], stdin: Self.february)
        #expect(append.status == 3)
        #expect(append.stderr.contains("seqs 1–4") && append.stderr.contains("nothing was written"), "\(append.stderr)")
    }

    @Test func verifyPrintsTheHeadAndExpectChecksIt() throws {
        let v = try makeStore()
        defer { v.remove() }
        let log = v.store.appendingPathComponent("log.sqlite")
        let copy = v.directory.appendingPathComponent("old.sqlite")
        try FileManager.default.copyItem(at: log, to: copy)
        #expect(try v.run(["append", "-"], stdin: Self.february).status == 0)
        let verify = try v.run(["verify"])
        let head = try #require(verify.stdout.split(separator: "\n").first { $0.hasPrefix("head: 5:") }).dropFirst("head: ".count)
        #expect(head.count == 2 + 64)
        #expect(try v.run(["verify", "--expect", String(head)]).status == 0)
        #expect(try v.run(["append", "-"], stdin: Self.february.replacingOccurrences(of: "2026-02", with: "2026-03")).status == 0)
        #expect(try v.run(["verify", "--expect", String(head)]).status == 0, "a later head still holds the earlier one")
        // An earlier prefix swapped in, with its projection rebuilt: verify alone passes.
        try FileManager.default.removeItem(at: log)
        try FileManager.default.copyItem(at: copy, to: log)
        #expect(try v.run(["replay", "--force"]).status == 0)
        #expect(try v.run(["verify"]).status == 0)
        let expect = try v.run(["verify", "--expect", String(head)])
        #expect(expect.status == 3)
        #expect(expect.stderr.contains("no event seq 5"))
        #expect(!expect.stdout.contains("ok"), "a failed --expect never prints ok first: \(expect.stdout)")
        let wrong = try v.run(["verify", "--expect", "4:" + String(repeating: "0", count: 64)])
        #expect(wrong.status == 3)
        #expect(wrong.stderr.contains("rewritten"))
        #expect(wrong.stdout.isEmpty)
        #expect(try v.run(["verify", "--expect", "4:zz"]).status == 2)
    }

    @Test func aReadOnlyStoreCanBeReadAndRefusesWritesInOneLine() throws {
        let v = try makeStore()
        defer { v.remove() }
        let asRoot = getuid() == 0
        if !asRoot { try run("/bin/chmod", ["-R", "a-w", v.store.path]) }
        defer { if !asRoot { try? run("/bin/chmod", ["-R", "u+w", v.store.path]) } }
        let expected = try v.run(["query", "kr.exports.total"]).stdout
        func unprivileged(_ arguments: [String], stdin: String? = nil) throws -> VintageProcess.Result {
            guard asRoot else { return try v.run(arguments, stdin: stdin) }
            return try v.run(["--store", v.store.path] + arguments, stdin: stdin, asUser: 65534)
        }
        let query = try unprivileged(["query", "kr.exports.total"])
        #expect(query.status == 0, "\(query.stderr)")
        #expect(query.stdout == expected)
        let verify = try unprivileged(["verify"])
        #expect(verify.status == 0, "\(verify.stderr)")
        let append = try unprivileged(["append", "-"], stdin: Self.february)
        #expect(append.status != 0)
        #expect(append.stderr.contains("the store is read-only"), "\(append.stderr)")
        #expect(!append.stderr.contains("PRAGMA") && !append.stderr.contains("running"))
        #expect(append.stderr.split(separator: "\n").count == 1)
    }

    @Test func jsonHasNoInfinityAndTablesEscapeControlCharacters() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        try v.write(
            "big.ndjson",
            """
            {"type":"series","series":"big","name":"\\u001b[2Jcleared","unit":"USD"}
            {"type":"observation","series":"big","period":"2026-01","value":1.7e308,"released_at":"2026-02-01T00:00:00Z"}
            {"type":"observation","series":"big","period":"2026-02","value":1.7e308,"released_at":"2026-03-01T00:00:00Z"}

            """)
        #expect(try v.run(["append", "big.ndjson"]).status == 0)
        let json = try v.run(["query", "big", "--agg", "sum", "--format", "json"])
        #expect(json.status == 0)
        #expect(!json.stdout.contains("inf"), "\(json.stdout)")
        #expect(json.stdout.contains(#""value":null"#))
        let table = try v.run(["series", "--format", "table"])
        #expect(!table.stdout.contains("\u{1b}"))
        #expect(table.stdout.contains(#"\u{1b}[2Jcleared"#))
    }

    @Test func snapshotLeftoversAreCleanedAndADamagedSnapshotIsListedAsSuch() throws {
        let v = try makeStore()
        defer { v.remove() }
        #expect(try v.run(["snapshot", "create", "--name", "a"]).status == 0)
        #expect(try v.run(["snapshot", "create", "--name", "b"]).status == 0)
        let snapshots = v.store.appendingPathComponent("projection/snapshots")
        for leftover in [".tmp-c-123", ".deleting-d-456"] {
            try FileManager.default.createDirectory(at: snapshots.appendingPathComponent(leftover), withIntermediateDirectories: false)
        }
        try Data([1, 2, 3]).write(to: snapshots.appendingPathComponent("b/MANIFEST"))
        let list = try v.run(["snapshot", "list"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("\na,4,"))
        #expect(list.stdout.contains("\nb,,,,\n"))
        #expect(list.stderr.contains("snapshot 'b' is damaged"))
        #expect(try v.run(["append", "-"], stdin: Self.february).status == 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: snapshots.path).filter { $0.hasPrefix(".") }
        #expect(left.isEmpty)
    }

    @Test func anEndlessLineIsAnErrorNamingIt() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        // 65 MiB of zero bytes without a line break (a sparse file: nothing is written).
        let path = v.directory.appendingPathComponent("zeros").path
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 65 << 20)
        try handle.close()
        let append = try v.run(["append", "zeros"])
        #expect(append.status == 1)
        #expect(append.stderr.contains("line 1: longer than 64 MiB"), "\(append.stderr)")
    }

    /// A file is read in blocks: line numbers run on across blocks, a byte order mark and a
    /// last line without a line feed are read as before, and a bad line stops the append.
    @Test func aFileReadInBlocksKeepsLineNumbersAndAtomicity() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        var lines = [#"{"type":"series","series":"s","unit":"USD"}"#]
        for i in 1..<20_000 {
            lines.append(
                #"{"type":"observation","series":"s","period":"\#(1000 + i / 12)-\#(String(format: "%02d", 1 + i % 12))","value":\#(i),"released_at":"2026-01-01T00:00:00Z"}"#
            )
        }
        var bad = lines
        bad[14_999] = #"{"type":"observation","series":"s","period":"2026-01","value":"x","released_at":"2026-01-01T00:00:00Z"}"#
        try v.write("bad.ndjson", bad.joined(separator: "\n") + "\n")
        let refused = try v.run(["append", "bad.ndjson"])
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("vintage: line 15000: field 'value'"), "\(refused.stderr)")
        try v.write("good.ndjson", "\u{FEFF}" + lines.joined(separator: "\r\n"))
        let stored = try v.run(["append", "good.ndjson"])
        #expect(stored.stdout == "stored,duplicates,first_seq,last_seq\n20000,0,1,20000\n", "\(stored.stderr)")
    }

    @Test func aFillOverManySeriesIsCappedPerQuery() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        var lines = ""
        for s in 0..<10 {
            lines += #"{"type":"series","series":"s\#(s)","unit":"USD","tags":{"group":"g1"}}"# + "\n"
            lines += #"{"type":"observation","series":"s\#(s)","period":"2020-01-01","value":1,"released_at":"2026-02-01T00:00:00Z"}"# + "\n"
        }
        try v.write("ten.ndjson", lines)
        #expect(try v.run(["append", "ten.ndjson"]).status == 0)
        // The audit's query: 3.65 million days per series is refused before anything is read.
        let audit = try v.run(["query", "--where", "group=g1", "--agg", "sum", "--bucket", "1d", "--fill", "prev", "--from", "0001", "--to", "9999"])
        #expect(audit.status != 0)
        #expect(audit.stderr.contains("--fill would emit 365"), "\(audit.stderr)")
        // 730,485 days are allowed for one series, not for ten.
        let arguments = ["--agg", "sum", "--bucket", "1d", "--fill", "prev", "--from", "0001", "--to", "2001"]
        #expect(try v.run(["query", "s0"] + arguments).status == 0)
        let query = try v.run(["query", "--where", "group=g1"] + arguments)
        #expect(query.status == 1)
        #expect(query.stderr.contains("--fill would emit 7304850 buckets"), "\(query.stderr)")
        #expect(query.stderr.split(separator: "\n").count == 1)
    }

    private func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
    }
}
