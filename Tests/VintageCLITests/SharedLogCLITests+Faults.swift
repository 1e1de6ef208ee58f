import Foundation
import Testing

/// The shared log's faults: connection errors, another host's lock, a replica ahead of the
/// shared log, and the server stopped while an append waits or works.
extension SharedLogCLITests {
    @Test func connectionErrorsAreOneLineWithTheirStatus() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        func expectFailure(_ arguments: [String], status: Int32, mentioning text: String, environment: [String: String] = [:]) throws {
            let r = try v.run(arguments, environment: environment)
            #expect(r.status == status, "\(arguments): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
            #expect(r.stderr.contains(text), "\(r.stderr)")
            #expect(!r.stderr.contains("secret"), "\(r.stderr)")
        }
        let url = TestPostgres.url!
        let dir = TestPostgres.environment["VINTAGE_TEST_POSTGRES_DIR"]!
        try expectFailure(
            ["--store", "s1", "init", "--log", "postgresql://vintage@%2Fnonexistent%2Fsocket/postgres"], status: 3, mentioning: "unavailable")
        try expectFailure(
            ["--store", "s2", "init", "--log", url.replacingOccurrences(of: "/postgres", with: "/no_such_db", options: .backwards)],
            status: 1, mentioning: "no_such_db")
        let pwURL = "postgresql://vintage_pw@\(dir.replacingOccurrences(of: "/", with: "%2F"))/postgres"
        try expectFailure(["--store", "s3", "init", "--log", pwURL], status: 1, mentioning: "refused", environment: ["PGPASSWORD": "wrong"])
        try expectFailure(["--store", "s4", "init", "--log", "mysql://x@y/z"], status: 1, mentioning: "postgresql://")
        // The right password works, from PGPASSWORD and from a password file; the store never holds it.
        let good = try TestPostgres.database()
        let goodPW = good.replacingOccurrences(of: "postgresql://vintage@", with: "postgresql://vintage_pw@")
        #expect(try v.run(["--store", "s5", "init", "--log", goodPW], environment: ["PGPASSWORD": "secret"]).status == 0)
        try v.write("pgpass", "localhost:*:*:vintage_pw:secret\n")
        let viaFile = try v.run(["--store", "s5", "series"], environment: ["PGPASSFILE": v.directory.appendingPathComponent("pgpass").path])
        #expect(viaFile.status == 0, "\(viaFile.stderr)")
        let recorded = try String(contentsOf: v.directory.appendingPathComponent("s5/shared-log"), encoding: .utf8)
        #expect(!recorded.contains("secret"))
        // A log written by a newer Vintage is refused with status 3.
        try TestPostgres.psql("UPDATE store_meta SET value = '99' WHERE key = 'format_version'", database: TestPostgres.name(of: good))
        try expectFailure(["--store", "s5", "series"], status: 3, mentioning: "newer", environment: ["PGPASSWORD": "secret"])
        // A database without a log: a user error naming `init --log`.
        let empty = try TestPostgres.database()
        try v.write("s6-url", empty)
        #expect(try v.run(["--store", "s6", "init", "--log", empty]).status == 0)
        try TestPostgres.psql("DROP TABLE log_head, batches, store_meta", database: TestPostgres.name(of: empty))
        try expectFailure(["--store", "s6", "series"], status: 1, mentioning: "init --log")
    }

    @Test func anAppendWaitsForAnotherHostsAppendAtMostWaitSeconds() throws {
        let url = try TestPostgres.database()
        let a = try Host(url)
        defer { a.v.remove() }
        #expect(try a.run(["append", "-"], stdin: Sample.definitions).status == 0)
        // Another session holds the head row (as a long append of another host would).
        let holder = try TestPostgres.holdHeadRow(
            socketDirectory: TestPostgres.environment["VINTAGE_TEST_POSTGRES_DIR"]!, database: TestPostgres.name(of: url), seconds: 4)
        Thread.sleep(forTimeInterval: 1)
        let waited = try a.run(["--wait", "0.5", "append", "-"], stdin: Sample.january)
        #expect(waited.status == 3, "\(waited.stderr)")
        #expect(waited.stderr.contains("locked by another writer (waited 500 ms)"), "\(waited.stderr)")
        holder.waitUntilExit()
        let later = try a.run(["append", "-"], stdin: Sample.january)
        #expect(later.status == 0, "\(later.stderr)")
        #expect(try TestPostgres.psql("SELECT last_seq FROM log_head", database: TestPostgres.name(of: url)) == "4\n")
    }

    @Test func aReplicaAheadOfTheSharedLogIsRebuilt() throws {
        let url = try TestPostgres.database()
        let a = try Host(url)
        defer { a.v.remove() }
        #expect(try a.run(["append", "-"], stdin: Sample.definitions).status == 0)
        #expect(try a.run(["append", "-"], stdin: Sample.january).status == 0)
        // The shared log loses its last batch (as a crash between the two commits would leave the replica ahead).
        try TestPostgres.psql(
            "DELETE FROM batches WHERE first_seq = 3; UPDATE log_head SET last_seq = 2, link = (SELECT link FROM batches WHERE last_seq = 2)",
            database: TestPostgres.name(of: url))
        let log = try a.run(["log", "--format", "csv"])
        #expect(log.status == 0, "\(log.stderr)")
        #expect(log.stdout.split(separator: "\n").count == 3)
        let verify = try a.run(["verify"])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(try a.run(["append", "-"], stdin: Sample.january).status == 0)
        #expect(try a.run(["query", "kr.exports.autos", "--format", "csv"]).stdout.contains("6000000000"))
    }

    /// The server stopped (`pg_ctl stop -m immediate`) while an append waits on the shared
    /// log: one line, status 3, nothing written; after a restart everything verifies and the
    /// next append works. A private server: stopping the shared one would fail other tests.
    @Test func serverStoppedMidAppend() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vintage-pg-\(UUID().uuidString.prefix(8))").path
        try TestPostgres.server("start", dir)
        defer { try? TestPostgres.server("stop", dir) }
        let url = try TestPostgres.database(on: TestPostgres.url(ofServerIn: dir), psqlHost: dir)
        let a = try Host(url)
        defer { a.v.remove() }
        #expect(try a.run(["append", "-"], stdin: Sample.definitions).status == 0)
        // Another session holds the head row: the append waits inside its transaction.
        let holder = try TestPostgres.holdHeadRow(socketDirectory: dir, database: TestPostgres.name(of: url), seconds: 60)
        Thread.sleep(forTimeInterval: 1)
        let appending = Thread.detachNewThreadResult { try? a.run(["append", "-"], stdin: Sample.january) }
        Thread.sleep(forTimeInterval: 2)
        try TestPostgres.server("kill", dir)
        let failed = appending.wait()!
        holder.waitUntilExit()
        #expect(failed.status == 3, "\(failed.stderr)")
        #expect(failed.stderr.split(separator: "\n").count == 1, "\(failed.stderr)")
        try TestPostgres.server("restart", dir)
        #expect(try TestPostgres.psql("SELECT last_seq FROM log_head", database: TestPostgres.name(of: url), host: dir) == "2\n")
        let verify = try a.run(["verify"])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(try a.run(["log", "--format", "csv"]).stdout.split(separator: "\n").count == 3)
        let again = try a.run(["append", "-"], stdin: Sample.january)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try a.run(["verify"]).status == 0)
        #expect(try TestPostgres.psql("SELECT last_seq FROM log_head", database: TestPostgres.name(of: url), host: dir) == "4\n")
    }

    /// The server stopped while a large append works (its transaction idle on the server): the
    /// append ends — status 3 with one line, or 0 when it committed first — never hangs, and
    /// after a restart the shared log and the replica agree and verify.
    @Test func serverStoppedWhileALargeAppendWorks() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vintage-pg-\(UUID().uuidString.prefix(8))").path
        try TestPostgres.server("start", dir)
        defer { try? TestPostgres.server("stop", dir) }
        let url = try TestPostgres.database(on: TestPostgres.url(ofServerIn: dir), psqlHost: dir)
        let a = try Host(url)
        defer { a.v.remove() }
        var text = ""
        for s in 0..<8 {
            text += #"{"type":"series","series":"big\#(s)"}"# + "\n"
            for i in 0..<8_000 {
                text +=
                    #"{"type":"observation","series":"big\#(s)","period":"\#(1000 + i)","value":\#(i),"released_at":"2026-01-01T00:00:00Z"}"# + "\n"
            }
        }
        try a.v.write("big.ndjson", text)
        let appending = Thread.detachNewThreadResult { try? a.run(["append", "big.ndjson"]) }
        Thread.sleep(forTimeInterval: 0.5)
        try TestPostgres.server("kill", dir)
        let ended = appending.wait()!
        #expect(ended.status == 3 || ended.status == 0, "\(ended.stderr)")
        if ended.status == 3 { #expect(ended.stderr.split(separator: "\n").count == 1, "\(ended.stderr)") }
        try TestPostgres.server("restart", dir)
        let shared = try TestPostgres.psql("SELECT last_seq FROM log_head", database: TestPostgres.name(of: url), host: dir)
        #expect(shared == (ended.status == 0 ? "64008\n" : "0\n"))
        let verify = try a.run(["verify"])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        let again = try a.run(["append", "big.ndjson"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try TestPostgres.psql("SELECT last_seq FROM log_head", database: TestPostgres.name(of: url), host: dir) == "64008\n")
    }
}
