import CSQLite
import Foundation
import Testing

/// A writer that finds another process's lock waits `--wait SECONDS` (0: not at all), says
/// so on a terminal with the holder's pid, then fails with exit status 3.
@Suite struct LockWaitCLITests {
    /// A store with two series defined and January's figures ready to append.
    static func store() throws -> VintageProcess {
        let v = try VintageProcess()
        try v.write("defs.ndjson", Sample.definitions)
        try v.write("jan.ndjson", Sample.january)
        #expect(try v.run(["append", "defs.ndjson"]).status == 0)
        return v
    }

    /// Holds the log's write lock (an open `BEGIN IMMEDIATE`) from this process during `body`.
    static func holdingTheLog<T>(_ v: VintageProcess, _ body: () throws -> T) throws -> T {
        var db: OpaquePointer?
        #expect(sqlite3_open(v.store.appendingPathComponent("log.sqlite").path, &db) == SQLITE_OK)
        defer { sqlite3_close(db) }
        #expect(sqlite3_exec(db, "BEGIN IMMEDIATE", nil, nil, nil) == SQLITE_OK)
        defer { sqlite3_exec(db, "ROLLBACK", nil, nil, nil) }
        return try body()
    }

    /// Holds the projection's write lock (`flock` on projection/LOCK) during `body`.
    static func holdingTheProjection<T>(_ v: VintageProcess, _ body: () throws -> T) throws -> T {
        let fd = open(v.store.appendingPathComponent("projection/LOCK").path, O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        return try body()
    }

    /// Runs `vintage` with its standard streams on a terminal (util-linux `script`), and
    /// returns what the terminal showed and the exit status.
    static func onATerminal(_ v: VintageProcess, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let command = ([VintageProcess.executable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        return try v.runOnATerminal(command)
    }

    @Test func waitZeroFailsAtOnceWhileAnotherProcessAppends() throws {
        let v = try Self.store()
        defer { v.remove() }
        let result = try Self.holdingTheLog(v) { try v.run(["--wait", "0", "append", "jan.ndjson"]) }
        #expect(result.status == 3)
        #expect(
            result.stderr
                == "vintage: vintage-store/log.sqlite is locked by another writer (did not wait); try again (vintage --wait SECONDS waits longer)\n")
        // Not on a terminal: no waiting notice. And nothing was stored.
        #expect(try v.run(["log", "--format", "csv"]).stdout.split(separator: "\n").count == 3)
        #expect(try v.run(["--wait", "0", "append", "jan.ndjson"]).status == 0)
    }

    @Test func aBoundedWaitGivesUpWithStatusThree() throws {
        let v = try Self.store()
        defer { v.remove() }
        let result = try Self.holdingTheLog(v) { try v.run(["--wait", "0.3", "append", "jan.ndjson"]) }
        #expect(result.status == 3)
        #expect(result.stderr.contains("is locked by another writer (waited 300 ms)"))
        #expect(!result.stderr.contains("waiting for"))
    }

    @Test func onATerminalTheWaitIsAnnouncedWithTheHoldersPid() throws {
        let v = try Self.store()
        defer { v.remove() }
        let shown = try Self.holdingTheLog(v) { try Self.onATerminal(v, ["--wait", "0.2", "append", "jan.ndjson"]) }
        #expect(shown.status == 3)
        #expect(
            shown.output.contains(
                "vintage: waiting for process \(getpid()), which is writing to vintage-store/log.sqlite; giving up after 0.2 s (--wait SECONDS sets how long)\r\n"
            ), "\(shown.output)")
    }

    @Test func theProjectionLockIsWaitedForTheSameWay() throws {
        let v = try Self.store()
        defer { v.remove() }
        let result = try Self.holdingTheProjection(v) { try v.run(["--wait", "0", "replay"]) }
        #expect(result.status == 3)
        #expect(result.stderr.contains("vintage-store/projection/LOCK is locked by another writer (did not wait)"), "\(result.stderr)")
        let shown = try Self.holdingTheProjection(v) { try Self.onATerminal(v, ["--wait", "0.2", "snapshot", "create"]) }
        #expect(shown.status == 3)
        #expect(shown.output.contains("waiting for process \(getpid()), which is writing to vintage-store/projection/LOCK"), "\(shown.output)")
        #expect(try v.run(["--wait", "0", "replay"]).status == 0)
    }
}
