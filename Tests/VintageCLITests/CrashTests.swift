import Foundation
import Testing

/// Kills `vintage` (SIGKILL) at random moments of appends (with compactions), replays and
/// snapshot commands, and checks after each kill: the append is all or nothing, `verify`
/// passes, and queries answer as a fresh replay of the log does. `tools/crash-test N` runs
/// the same for as many kills as wanted.
@Suite struct CrashTests {
    static let kills = 8

    /// One append: 300 events of one series (its head overflows, so the catch-up compacts),
    /// the last a correction of the append's first event.
    static func batch(_ k: Int) -> String {
        var lines = (0..<299).map { i in
            #"{"type":"observation","id":"b\#(k)-\#(i)","series":"s\#(k % 3)","period":"\#(1000 + (k / 3) * 300 + i)","value":\#(k * 1000 + i),"released_at":"2026-01-01T00:00:00Z"}"#
        }
        lines.append(
            #"{"type":"correction","target":"b\#(k)-0","replacement":{"type":"observation","series":"s\#(k % 3)","period":"\#(1000 + (k / 3) * 300)","value":-\#(k),"released_at":"2026-01-01T00:00:00Z"}}"#
        )
        return lines.joined(separator: "\n") + "\n"
    }

    /// The number of events in the log.
    static func eventCount(_ v: VintageProcess) throws -> Int {
        try v.run(["log", "--format", "csv"]).stdout.split(separator: "\n").count - 1
    }

    @Test func killsAtRandomMomentsLoseNothingAndLeaveNothingHalfDone() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        #expect(
            try v.run(["append", "-"], stdin: (0..<3).map { #"{"type":"series","series":"s\#($0)","unit":"USD"}"# }.joined(separator: "\n")).status
                == 0)
        var rng = SystemRandomNumberGenerator()
        var batches = 0
        var snapshots: [String] = []
        var survived = 0
        for kill in 0..<Self.kills {
            let before = try Self.eventCount(v)
            var arguments: [String]
            var batch = 0
            switch kill % 4 {
            case 0, 2:
                batch = batches
                batches += 1
                try v.write("b\(batch).ndjson", Self.batch(batch))
                arguments = ["append", "b\(batch).ndjson"]
            case 1:
                arguments = ["replay"]
            default:
                if let doomed = snapshots.first, Bool.random(using: &rng) {
                    snapshots.removeFirst()
                    arguments = ["snapshot", "delete", doomed]
                } else {
                    snapshots.append("k\(kill)")
                    arguments = ["snapshot", "create", "--name", "k\(kill)"]
                }
            }
            let delay = Double.random(in: 0..<0.4, using: &rng)
            let killed = try v.runKilled(arguments, after: delay)
            if killed { survived += 1 }
            let context =
                "kill \(kill): \(arguments.joined(separator: " ")) killed after \(Int(delay * 1000)) ms (\(killed ? "while running" : "after it ended"))"
            let after = try Self.eventCount(v)
            #expect(after == before || (arguments[0] == "append" && after == before + 300), "\(context): \(before) -> \(after) events")
            let verify = try v.run(["verify"])
            #expect(verify.status == 0, "\(context): \(verify.stderr)")
            let answers = try v.run(["query", "--format", "csv"])
            #expect(answers.status == 0, "\(context): \(answers.stderr)")
            // The same store rebuilt from its log answers the same.
            let copy = try VintageProcess()
            defer { copy.remove() }
            try FileManager.default.removeItem(at: copy.directory)
            try FileManager.default.copyItem(at: v.directory, to: copy.directory)
            #expect(try copy.run(["replay"]).status == 0)
            #expect(try copy.run(["query", "--format", "csv"]).stdout == answers.stdout, "\(context)")
            // A killed snapshot command leaves the snapshot whole or absent.
            let listed = try v.run(["snapshot", "list", "--format", "csv"])
            #expect(listed.status == 0 && listed.stderr.isEmpty, "\(context): \(listed.stderr)")
            let names = listed.stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
            snapshots = names
        }
        print("crash test: \(survived) of \(Self.kills) kills hit a running command; every one recovered")
    }
}

extension VintageProcess {
    /// Runs `vintage` and sends it SIGKILL after `delay` seconds; true when it was still
    /// running then.
    func runKilled(_ arguments: [String], after delay: Double) throws -> Bool {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "VINTAGE_STORE")
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: delay)
        let running = process.isRunning
        if running { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return running && process.terminationReason == .uncaughtSignal
    }
}
