import CSQLite
import Foundation
import Testing

@Suite struct CommandLineTests {
    @Test func logPrintsEventsInEveryFormat() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        try v.write("events.ndjson", Sample.definitions + Sample.january)
        try v.run(["append", "events.ndjson"])
        let csv = try v.run(["log", "--format", "csv", "--type", "observation"])
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first == "seq,id,type,recorded_at,event")
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("3,jan-total,observation,"))
        let json = try v.run(["log", "--format", "json", "--from-seq", "4", "--limit", "1"])
        #expect(json.stdout.hasPrefix(#"{"seq":4,"id":"ev-"#))
        #expect(
            json.stdout.contains(
                #""event":{"type":"observation","series":"kr.exports.autos","period":"2026-01","value":6000000000,"released_at":"2026-02-01T00:00:00Z"}"#
            ))
        let table = try v.run(["log", "--format", "table", "--limit", "1"])
        #expect(table.stdout.hasPrefix("seq  id"))
    }

    @Test func outputIsCSVWhenStdoutIsNotATerminal() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        try v.write("defs.ndjson", Sample.definitions)
        try v.run(["append", "defs.ndjson"])
        #expect(try v.run(["log"]).stdout.hasPrefix("seq,id,type,recorded_at,event\n"))
    }

    @Test func usageErrorsExitWithStatusTwo() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        #expect(try v.run(["frobnicate"]).status == 2)
        #expect(try v.run(["log", "--limit", "many"]).status == 2)
        #expect(try v.run(["log", "--format", "xml"]).status == 2)
        #expect(try v.run(["log", "--type", "rumour"]).status == 2)
    }

    @Test func helpDescribesEveryCommand() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        let help = try v.run(["--help"])
        #expect(help.status == 0)
        for command in ["init", "append", "log", "verify", "demo"] { #expect(help.stdout.contains(command)) }
        let appendHelp = try v.run(["append", "--help"])
        #expect(appendHelp.status == 0)
        #expect(appendHelp.stdout.contains("atomically"))
    }

    @Test func readingAMissingStoreIsAUserError() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        let result = try v.run(["log"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no store at vintage-store"))
        #expect(!FileManager.default.fileExists(atPath: v.store.path))
    }

    @Test func initCreatesAnEmptyStoreOnce() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        #expect(try v.run(["init"]).stdout.contains("Store ready"))
        #expect(try v.run(["log"]).stdout == "seq,id,type,recorded_at,event\n")
        try v.write("defs.ndjson", Sample.definitions)
        try v.run(["append", "defs.ndjson"])
        let again = try v.run(["init"])
        #expect(again.status == 0)
        #expect(again.stdout.contains("already holds 2 events; nothing changed"))
    }

    @Test func verifyPassesOnAnIntactStoreAndFailsWithStatusThreeOnDamage() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        try v.write("events.ndjson", Sample.definitions + Sample.january)
        try v.run(["append", "events.ndjson"])
        let ok = try v.run(["verify"])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("ok: 4 events"))
        // Flip bytes in the middle of the database file, as a failing disk would.
        let path = v.store.appendingPathComponent("log.sqlite").path
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        let size = try handle.seekToEnd()
        for offset in stride(from: UInt64(16_384), to: size, by: 997) {
            try handle.seek(toOffset: offset)
            try handle.write(contentsOf: Data([0xFF, 0x00, 0x5A]))
        }
        try handle.close()
        let damaged = try v.run(["verify"])
        #expect(damaged.status == 3, "\(damaged.stdout) \(damaged.stderr)")
        #expect(!damaged.stderr.isEmpty)
    }

    @Test func aStoreFromANewerVersionIsRefusedWithStatusThree() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        try v.run(["init"])
        let path = v.store.appendingPathComponent("log.sqlite").path
        var db: OpaquePointer?
        try #require(sqlite3_open(path, &db) == SQLITE_OK)
        try #require(sqlite3_exec(db, "UPDATE store_meta SET value='7' WHERE key='format_version'", nil, nil, nil) == SQLITE_OK)
        sqlite3_close(db)
        let result = try v.run(["log"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("newer Vintage (store format 7"))
    }

    @Test func theDemoRunsEndToEnd() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        let result = try v.run(["--store", "demo-store", "demo"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("duplicates 9"))
        #expect(result.stdout.contains("rejected: line 1: field 'value'"))
        #expect(result.stdout.contains("ok: 11 events intact"))
        // The revision of January's total (65.8e9 first, 65.9e9 on 15 February) and the tariff timeline.
        let revisions = result.stdout.components(separatedBy: "(vintage revisions)\n").last ?? ""
        let january = revisions.split(separator: "\n").first { $0.hasPrefix("2026-01-01T00:00:00Z") }
        #expect(january?.split(separator: " ").prefix(5) == ["2026-01-01T00:00:00Z", "65800000000", "65900000000", "1", "100000000"])
        // Year on year as known on 10 February: (65.8 / 49.14 - 1) x 100 for the total.
        #expect(result.stdout.contains("kr.exports.total           2026-01-01T00:00:00Z  33.9031339031339"))
        let timeline = result.stdout.components(separatedBy: "(vintage announcements)\n").last ?? ""
        let cut = timeline.range(of: "US cuts tariffs")?.lowerBound, hike = timeline.range(of: "US raises tariffs")?.lowerBound
        #expect(cut != nil && hike != nil && cut! < hike!)
        #expect(try v.run(["--store", "demo-store", "demo"]).status == 1)
    }
}

@Suite struct ConcurrencyTests {
    @Test func twoAppendersAreSerializedAndNoEventIsLost() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        for name in ["a", "b"] {
            try v.write("\(name).err", "")
            var text = #"{"type":"series","series":"s.\#(name)"}"# + "\n"
            for day in 1...5_000 {
                text +=
                    #"{"type":"observation","series":"s.\#(name)","period":"\#(1000 + day)","value":\#(day),"released_at":"2026-01-01T00:00:00Z"}"#
                    + "\n"
            }
            try v.write("\(name).ndjson", text)
        }
        let processes = try ["a", "b"].map { name -> Process in
            let p = Process()
            p.executableURL = VintageProcess.executable
            p.arguments = ["append", "\(name).ndjson"]
            p.currentDirectoryURL = v.directory
            p.standardOutput = FileHandle.nullDevice
            p.standardError =
                FileHandle(forWritingAtPath: v.directory.appendingPathComponent("\(name).err").path)
                ?? FileHandle.nullDevice
            try p.run()
            return p
        }
        for (p, name) in zip(processes, ["a", "b"]) {
            p.waitUntilExit()
            let stderr = (try? String(contentsOf: v.directory.appendingPathComponent("\(name).err"), encoding: .utf8)) ?? ""
            #expect(p.terminationStatus == 0, "appender \(name): \(stderr)")
        }
        let log = try v.run(["log", "--format", "csv"]).stdout.split(separator: "\n").dropFirst()
        #expect(log.count == 10_002)
        let seqs = log.map { Int($0.split(separator: ",")[0])! }
        #expect(seqs.first == 1 && seqs.last == 10_002 && Set(seqs).count == 10_002, "seqs are not 1…10002 without gaps")
        #expect(try v.run(["verify"]).status == 0)
    }

    @Test func aStorePathThatIsAFileIsAUserError() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        try v.write("plain.txt", "hello")
        let result = try v.run(["--store", "plain.txt", "init"])
        #expect(result.status == 1)
        #expect(result.stderr == "vintage: cannot read plain.txt: it is not a directory\n")
    }
}

@Suite struct CrashSafetyTests {
    /// Kills `vintage append` with SIGKILL part-way through a large input: the log then holds
    /// either none or all of the input's events, and verifies as intact.
    @Test func anAppendKilledPartWayStoresAllOrNothing() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        try v.run(["init"])
        var text = #"{"type":"series","series":"crash.s"}"# + "\n"
        for n in 1...100_000 {
            let month = n / 9000 + 1  // 1…12: every (year, month) once
            text +=
                #"{"type":"observation","series":"crash.s","period":"\#(1000 + n % 9000)-\#(month < 10 ? "0" : "")\#(month)","value":\#(n),"released_at":"2026-01-01T00:00:00Z"}"#
                + "\n"
        }
        try v.write("big.ndjson", text)
        for delay in [0.05, 0.2, 0.5] {
            let p = Process()
            p.executableURL = VintageProcess.executable
            p.arguments = ["append", "big.ndjson"]
            p.currentDirectoryURL = v.directory
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let count = try v.run(["log", "--format", "csv"]).stdout.split(separator: "\n").count - 1
            #expect(count == 0 || count == 100_001, "after a kill at \(delay) s the log holds \(count) events")
            #expect(try v.run(["verify"]).status == 0)
        }
        // The input itself is good: an append left alone stores it (or finds it stored).
        let finished = try v.run(["append", "big.ndjson", "--format", "csv"])
        #expect(finished.status == 0, "\(finished.stderr)")
        #expect(try v.run(["log", "--format", "csv"]).stdout.split(separator: "\n").count == 100_002)
    }
}
