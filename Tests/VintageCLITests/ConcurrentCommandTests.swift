import Foundation
import Testing

/// Several `vintage` processes at once — writers, readers, a replay and snapshots — on one
/// store: no command reports a false error, no event is lost, seqs stay gapless.
@Suite struct ConcurrentCommandTests {
    static let writers = 3
    static let appendsPerWriter = 4
    static let eventsPerAppend = 150

    /// One append's events: yearly periods of one series, none shared with another append.
    static func batch(writer: Int, append: Int) -> String {
        (0..<eventsPerAppend).map { i in
            let year = 1000 + append * eventsPerAppend + i
            return
                #"{"type":"observation","id":"w\#(writer)-\#(year)","series":"w\#(writer)","period":"\#(year)","value":\#(year),"released_at":"2026-01-01T00:00:00Z"}"#
        }.joined(separator: "\n") + "\n"
    }

    @Test func writersReadersReplayAndSnapshotsAtOnce() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        let definitions = (0..<Self.writers).map { #"{"type":"series","series":"w\#($0)","unit":"USD"}"# }.joined(separator: "\n") + "\n"
        #expect(try v.run(["append", "-"], stdin: definitions).status == 0)
        for w in 0..<Self.writers {
            for a in 0..<Self.appendsPerWriter { try v.write("w\(w)-\(a).ndjson", Self.batch(writer: w, append: a)) }
        }
        let tally = Tally()
        let group = DispatchGroup()
        func spawn(_ body: @escaping @Sendable () -> Void) {
            group.enter()
            Thread {
                body(); group.leave()
            }.start()
        }
        for w in 0..<Self.writers {
            spawn {
                for a in 0..<Self.appendsPerWriter { tally.run(v, ["append", "w\(w)-\(a).ndjson"]) }
                tally.locked { $0.writersDone += 1 }
            }
        }
        for r in 0..<2 {
            spawn {
                var runs = 0
                while tally.locked({ $0.writersDone }) < Self.writers || runs < 2 {
                    tally.run(v, r == 0 ? ["query", "w0", "--latest"] : ["series"])
                    runs += 1
                }
            }
        }
        spawn {
            for k in 0..<2 {
                for arguments in [["replay"], ["snapshot", "create", "--name", "s\(k)"], ["snapshot", "list"]] { tally.run(v, arguments) }
            }
        }
        group.wait()
        let failures = tally.locked { $0.failures }
        #expect(failures.isEmpty, "\(failures)")
        let total = Self.writers + Self.writers * Self.appendsPerWriter * Self.eventsPerAppend
        let log = try v.run(["log", "--format", "csv"])
        let seqs = log.stdout.split(separator: "\n").dropFirst().compactMap { Int($0.split(separator: ",").first ?? "") }
        #expect(seqs == Array(1...total))
        let verify = try v.run(["verify"])
        #expect(verify.status == 0, "\(verify.stderr)")
        print("concurrency: \(tally.locked { $0.operations }) operations at once, \(failures.count) errors")
    }
}

/// What the concurrent commands did, shared by their threads.
final class Tally: @unchecked Sendable {
    struct State {
        var failures: [String] = []
        var operations = 0
        var writersDone = 0
    }
    private let lock = NSLock()
    private var state = State()

    func locked<T>(_ body: (inout State) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&state)
    }

    /// Runs `vintage` with `arguments` in `v`, counting it and noting any failure.
    func run(_ v: VintageProcess, _ arguments: [String]) {
        let result = (try? v.run(arguments)) ?? VintageProcess.Result(status: -1, stdout: "", stderr: "did not start")
        locked {
            $0.operations += 1
            if result.status != 0 { $0.failures.append("\(arguments.joined(separator: " ")): exit \(result.status): \(result.stderr)") }
        }
    }
}
