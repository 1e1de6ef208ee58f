import Foundation
import Testing

/// The PostgreSQL server `tools/test.sh` starts (tools/postgres-server.sh): each test makes
/// its own database. Without `VINTAGE_TEST_POSTGRES_URL` the shared-log tests are skipped,
/// saying so.
enum TestPostgres {
    static let environment = ProcessInfo.processInfo.environment
    static let url = environment["VINTAGE_TEST_POSTGRES_URL"]
    static let isAvailable: Bool = {
        if url == nil {
            FileHandle.standardError.write(
                Data(
                    """
                    warning: VINTAGE_TEST_POSTGRES_URL is unset: the shared-log (PostgreSQL) tests are SKIPPED. \
                    tools/test.sh starts a private server (tools/postgres-server.sh) and sets it.

                    """.utf8))
        }
        return url != nil
    }()
    static let skipReason: Comment = "VINTAGE_TEST_POSTGRES_URL is unset (tools/test.sh starts a PostgreSQL server): shared-log tests SKIPPED"

    /// A new, empty database on the server at `base` (the test server's URL by default); its URL.
    static func database(on base: String? = nil, psqlHost: String? = nil) throws -> String {
        let base = base ?? url!
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        try psql("CREATE DATABASE \(name)", host: psqlHost)
        return base.replacingOccurrences(of: "/postgres", with: "/\(name)", options: .backwards)
    }

    /// Runs SQL with psql as the superuser `vintage` on the test server (or the one at `host`).
    @discardableResult
    static func psql(_ sql: String, database: String = "postgres", host: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: environment["VINTAGE_TEST_PSQL"] ?? "/usr/bin/psql")
        process.arguments = [
            "-h", host ?? environment["VINTAGE_TEST_POSTGRES_DIR"]!, "-U", "vintage", "-d", database, "-qAt", "-v", "ON_ERROR_STOP=1", "-c", sql
        ]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw PSQLFailure(message: problem) }
        return text
    }

    /// The database name in a URL made by ``database(on:psqlHost:)``.
    static func name(of url: String) -> String { String(url.split(separator: "/").last!) }

    /// Runs tools/postgres-server.sh (start, stop, kill, restart) on `dir`.
    /// (Foundation's `Process` waits for the server it starts too: `system` waits for the script.)
    static func server(_ command: String, _ dir: String) throws {
        let status = system("'\(environment["VINTAGE_TEST_POSTGRES_SERVER"]!)' \(command) '\(dir)' >/dev/null")
        guard status == 0 else { throw PSQLFailure(message: "postgres-server.sh \(command) failed (status \(status))") }
    }

    /// The URL of the database `postgres` on a server started by ``server(_:_:)`` in `dir`.
    static func url(ofServerIn dir: String) -> String {
        "postgresql://vintage@\(dir.replacingOccurrences(of: "/", with: "%2F")):5432/postgres"
    }

    struct PSQLFailure: Error { var message: String }
}

/// Hosts sharing one log in PostgreSQL: separate store directories (each with its replica
/// and projection) on one database, driven through the real `vintage` binary.
@Suite(.enabled(if: TestPostgres.isAvailable, TestPostgres.skipReason))
struct SharedLogCLITests {
    /// A host: a store directory of its own on the shared log at `url`.
    struct Host {
        let v: VintageProcess
        let url: String
        init(_ url: String) throws {
            v = try VintageProcess()
            self.url = url
            let made = try v.run(["init", "--log", url])
            #expect(made.status == 0, "\(made.stderr)")
        }
        @discardableResult
        func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> VintageProcess.Result {
            try v.run(arguments, stdin: stdin, environment: environment)
        }
    }

    /// `vintage log` as CSV without the recording times (which differ between stores).
    static func logWithoutTimes(_ result: VintageProcess.Result) -> [String] {
        result.stdout.split(separator: "\n").map { line in
            let fields = line.split(separator: ",", maxSplits: 4, omittingEmptySubsequences: false)
            return fields.count == 5 ? [fields[0], fields[1], fields[2], fields[4]].joined(separator: ",") : String(line)
        }
    }

    /// Also: a host that loses its projection rebuilds it with `replay`.
    @Test func anAppendOnOneHostIsReadOnAnother() throws {
        let url = try TestPostgres.database()
        let a = try Host(url), b = try Host(url)
        defer { a.v.remove(); b.v.remove() }
        #expect(try a.run(["append", "-"], stdin: Sample.definitions + Sample.january).status == 0)
        // B has not appended: its first command copies the shared log into its replica.
        let query = try b.run(["query", "kr.exports.total", "--format", "csv"])
        #expect(query.status == 0, "\(query.stderr)")
        #expect(query.stdout.contains("65800000000"))
        let more =
            #"{"type":"observation","series":"kr.exports.total","period":"2026-02","value":60.1e9,"released_at":"2026-03-01T00:00:00Z"}"# + "\n"
        let appended = try b.run(["append", "-"], stdin: more)
        #expect(appended.status == 0, "\(appended.stderr)")
        #expect(try a.run(["log", "--format", "csv"]).stdout == b.run(["log", "--format", "csv"]).stdout)
        let verifyA = try a.run(["verify"]), verifyB = try b.run(["verify"])
        #expect(verifyA.status == 0 && verifyB.status == 0, "\(verifyA.stderr)\(verifyB.stderr)")
        #expect(verifyA.stdout == verifyB.stdout)
        #expect(verifyA.stdout.contains("log: shared, postgresql://vintage@"))
        let stats = try a.run(["stats", "--format", "json"])
        #expect(stats.stdout.contains(#""log":"postgresql://vintage@"#), "\(stats.stdout)")
        #expect(!FileManager.default.fileExists(atPath: a.v.store.appendingPathComponent("shared-log").path) == false)
        // The database holds the batches: one per append.
        #expect(try TestPostgres.psql("SELECT count(*), max(last_seq) FROM batches", database: TestPostgres.name(of: url)) == "2|5\n")
        // B loses its projection: `replay` rebuilds it from its replica of the shared log.
        let before = try b.run(["query", "--format", "csv"]).stdout
        try FileManager.default.removeItem(at: b.v.store.appendingPathComponent("projection"))
        let replayed = try b.run(["replay"])
        #expect(replayed.status == 0, "\(replayed.stderr)")
        #expect(try b.run(["query", "--format", "csv"]).stdout == before)
        #expect(try b.run(["verify"]).stdout == verifyA.stdout)
    }

    @Test func rejectedAppendWritesNothingAnywhere() throws {
        let url = try TestPostgres.database()
        let a = try Host(url)
        defer { a.v.remove() }
        #expect(try a.run(["append", "-"], stdin: Sample.definitions + Sample.january).status == 0)
        let conflicting =
            #"{"type":"observation","series":"kr.exports.total","period":"2026-01","value":1,"released_at":"2026-02-01T00:00:00Z"}"# + "\n"
        let rejected = try a.run(["append", "-"], stdin: Sample.definitions + conflicting)
        #expect(rejected.status == 1)
        #expect(rejected.stderr.split(separator: "\n").count == 1, "\(rejected.stderr)")
        #expect(try TestPostgres.psql("SELECT last_seq FROM log_head", database: TestPostgres.name(of: url)) == "4\n")
        // Re-appending the same events: duplicates, nothing stored.
        let again = try a.run(["append", "-"], stdin: Sample.definitions + Sample.january)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try TestPostgres.psql("SELECT count(*) FROM batches", database: TestPostgres.name(of: url)) == "1\n")
    }

    @Test func hostsAppendingAtOnceConverge() throws {
        let url = try TestPostgres.database()
        let hosts = try (0..<4).map { _ in try Host(url) }
        defer { for host in hosts { host.v.remove() } }
        let definitions = (0..<hosts.count).map { #"{"type":"series","series":"h\#($0)","unit":"USD"}"# }.joined(separator: "\n") + "\n"
        #expect(try hosts[0].run(["append", "-"], stdin: definitions).status == 0)
        let appends = 5, perAppend = 40
        let failures = Failures()
        let group = DispatchGroup()
        for (h, host) in hosts.enumerated() {
            for a in 0..<appends {
                let events =
                    (0..<perAppend).map { i in
                        #"{"type":"observation","series":"h\#(h)","period":"\#(1000 + a * perAppend + i)","value":\#(i),"released_at":"2026-01-01T00:00:00Z"}"#
                    }.joined(separator: "\n") + "\n"
                try host.v.write("a\(a).ndjson", events)
            }
            group.enter()
            Thread {
                for a in 0..<appends {
                    do {
                        let r = try host.run(["append", "a\(a).ndjson"])
                        if r.status != 0 { failures.add("host \(h) append \(a): \(r.stderr)") }
                    } catch { failures.add("\(error)") }
                }
                group.leave()
            }.start()
        }
        group.wait()
        #expect(failures.all.isEmpty, "\(failures.all)")
        let total = hosts.count + hosts.count * appends * perAppend
        let logs = try hosts.map { try $0.run(["log", "--format", "csv"]).stdout }
        #expect(Set(logs).count == 1)
        let seqs = logs[0].split(separator: "\n").dropFirst().compactMap { Int($0.split(separator: ",").first ?? "") }
        #expect(seqs == Array(1...total))
        for h in 0..<hosts.count {
            let answers = try hosts.map { try $0.run(["query", "h\(h)", "--format", "csv"]).stdout }
            #expect(Set(answers).count == 1)
            #expect(answers[0].split(separator: "\n").count == 1 + appends * perAppend)
        }
        let verifies = try hosts.map { try $0.run(["verify"]) }
        #expect(verifies.allSatisfy { $0.status == 0 }, "\(verifies.map(\.stderr))")
        #expect(Set(verifies.map(\.stdout)).count == 1)
    }

    @Test func embeddedAndSharedLogsGiveTheSameAnswers() throws {
        let url = try TestPostgres.database()
        let shared = try Host(url)
        let embedded = try VintageProcess()
        defer { shared.v.remove(); embedded.remove() }
        let correction =
            #"{"type":"correction","target":"jan-total","replacement":{"type":"observation","series":"kr.exports.total","period":"2026-01","value":65.9e9,"released_at":"2026-02-01T00:00:00Z"},"reason":"typo"}"#
            + "\n"
        let revision =
            #"{"type":"observation","series":"kr.exports.total","period":"2026-01","value":66.0e9,"released_at":"2026-03-01T00:00:00Z","status":"revised"}"#
            + "\n"
        let bad = #"{"type":"observation","series":"nope","period":"2026-01","value":1,"released_at":"2026-03-01T00:00:00Z"}"# + "\n"
        for input in [Sample.definitions, Sample.january, correction, Sample.january, bad, revision] {
            let e = try embedded.run(["append", "-"], stdin: input), s = try shared.run(["append", "-"], stdin: input)
            #expect(e.status == s.status)
            #expect(e.stdout == s.stdout)
            #expect(e.stderr == s.stderr)
        }
        #expect(
            Self.logWithoutTimes(try embedded.run(["log", "--format", "csv"])) == Self.logWithoutTimes(try shared.run(["log", "--format", "csv"])))
        for arguments in [
            ["query", "kr.exports.total", "--format", "csv"], ["history", "kr.exports.total", "2026-01", "--format", "csv"],
            ["revisions", "kr.exports.total", "--format", "csv"], ["series", "--format", "csv"]
        ] {
            let e = try embedded.run(arguments), s = try shared.run(arguments)
            #expect(e.status == 0 && s.status == 0, "\(arguments): \(e.stderr)\(s.stderr)")
            #expect(e.stdout == s.stdout, "\(arguments)")
        }
    }

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
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: TestPostgres.environment["VINTAGE_TEST_PSQL"] ?? "/usr/bin/psql")
        holder.arguments = [
            "-h", TestPostgres.environment["VINTAGE_TEST_POSTGRES_DIR"]!, "-U", "vintage", "-d", TestPostgres.name(of: url),
            "-c", "BEGIN; SELECT * FROM log_head FOR UPDATE; SELECT pg_sleep(4);"
        ]
        holder.standardOutput = FileHandle.nullDevice
        holder.standardError = FileHandle.nullDevice
        try holder.run()
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
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: TestPostgres.environment["VINTAGE_TEST_PSQL"] ?? "/usr/bin/psql")
        holder.arguments = [
            "-h", dir, "-U", "vintage", "-d", TestPostgres.name(of: url), "-c", "BEGIN; SELECT * FROM log_head FOR UPDATE; SELECT pg_sleep(60);"
        ]
        holder.standardOutput = Pipe()
        holder.standardError = Pipe()
        try holder.run()
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
}

extension SharedLogCLITests {
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

/// Failures collected from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ failure: String) { lock.lock(); list.append(failure); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return list }
}

extension Thread {
    /// Runs `body` on a new thread; ``ThreadResult/wait()`` returns what it returned.
    static func detachNewThreadResult<T>(_ body: @escaping @Sendable () -> T) -> ThreadResult<T> {
        let result = ThreadResult<T>()
        Thread { result.set(body()) }.start()
        return result
    }
}

final class ThreadResult<T>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var value: T?
    func set(_ v: T) { value = v; done.signal() }
    func wait() -> T { done.wait(); return value! }
}

/// `vintage follow`: one line per batch another host appends, and a clean stop on SIGTERM.
@Suite(.enabled(if: TestPostgres.isAvailable, TestPostgres.skipReason))
struct FollowCLITests {
    @Test func followPrintsEachBatchAndStopsOnSIGTERM() throws {
        let url = try TestPostgres.database()
        let a = try SharedLogCLITests.Host(url), b = try SharedLogCLITests.Host(url)
        defer { a.v.remove(); b.v.remove() }
        #expect(try a.run(["append", "-"], stdin: Sample.definitions).status == 0)
        let follow = Process()
        follow.executableURL = VintageProcess.executable
        follow.arguments = ["--store", b.v.store.path, "follow", "--poll", "0.2"]
        let out = Pipe()
        follow.standardOutput = out
        follow.standardError = FileHandle.nullDevice
        try follow.run()
        var lines: [String] = []
        var buffer = Data()
        func readLine() -> String? {
            while !buffer.contains(UInt8(ascii: "\n")) {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { return nil }
                buffer.append(chunk)
            }
            let end = buffer.firstIndex(of: UInt8(ascii: "\n"))!
            defer { buffer = Data(buffer[(end + 1)...]) }
            return String(decoding: buffer[..<end], as: UTF8.self)
        }
        // The batch appended before it started, then each new one.
        if let line = readLine() { lines.append(line) }
        #expect(try a.run(["append", "-"], stdin: Sample.january).status == 0)
        if let line = readLine() { lines.append(line) }
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("applied seqs 1-2 (2 events, recorded 20") == true, "\(lines)")
        #expect(lines.last?.hasPrefix("applied seqs 3-4 (2 events, recorded 20") == true, "\(lines)")
        // While it runs, reads on its host answer locally: they need no new connection.
        let database = TestPostgres.name(of: url)
        try TestPostgres.psql("ALTER DATABASE \(database) ALLOW_CONNECTIONS false")
        defer { _ = try? TestPostgres.psql("ALTER DATABASE \(database) ALLOW_CONNECTIONS true") }
        let local = try b.run(["query", "kr.exports.autos", "--format", "csv"])
        #expect(local.status == 0, "\(local.stderr)")
        #expect(local.stdout.contains("6000000000"))
        #expect(try b.run(["follow"]).stderr.contains("already"))
        kill(follow.processIdentifier, SIGTERM)
        follow.waitUntilExit()
        #expect(follow.terminationStatus == 0)
        // Without it they ask the shared log first, which now refuses connections.
        let asking = try b.run(["query", "kr.exports.autos", "--format", "csv"])
        #expect(asking.status == 3, "\(asking.stderr)")
    }

    @Test func followRefusesAnEmbeddedStore() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        #expect(try v.run(["init"]).status == 0)
        let r = try v.run(["follow"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("embedded store"))
    }
}

/// `vintage` links no PostgreSQL client: SwiftNIO and Foundation would slow every command's
/// start-up (issue 11's budget); stores on a shared log are handed to `vintage-postgres`.
@Suite struct SharedLogLinkingTests {
    @Test func vintageLinksNeitherFoundationNorNIO() throws {
        let ldd = Process()
        ldd.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        ldd.arguments = [VintageProcess.executable.path]
        let out = Pipe()
        ldd.standardOutput = out
        try ldd.run()
        let libraries = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ldd.waitUntilExit()
        #expect(libraries.contains("libswiftCore"))
        #expect(!libraries.contains("libFoundation.so"), "\(libraries)")
        #expect(!libraries.contains("ICU"), "\(libraries)")
        let sibling = VintageProcess.executable.deletingLastPathComponent().appendingPathComponent("vintage-postgres")
        #expect(FileManager.default.isExecutableFile(atPath: sibling.path))
    }
}
