import Foundation
import Testing

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
