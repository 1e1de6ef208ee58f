import ArgumentParser
import Vintage

/// `vintage verify`: check the store's integrity.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the log's checksums and hash chain, every projection file, and the projection against the log.",
        discussion: """
            Prints one line per problem and exits with status 3 when anything is damaged; `vintage replay` repairs the projection. \
            On success prints the log's head as SEQ:HASH (the last event's chain link); record it elsewhere and check later with \
            --expect that the log still holds that history.
            """
    )

    @ParentCommand var root: VintageCommand

    @Option(
        help: ArgumentHelp(
            "A head printed by an earlier verify: check that the log still holds that event with that chain hash.", valueName: "seq:hash"))
    var expect: String?

    @OptionGroup var timing: TimingOptions

    func validate() throws {
        if let expect, LogHead(parsing: expect) == nil {
            throw ValidationError("--expect wants SEQ:HASH as verify prints it (a seq, a colon and 64 hexadecimal digits), not '\(expect)'")
        }
    }

    func run() throws {
        let store = try root.openStore()
        // The expected head is checked first, so that a mismatch never follows an "ok".
        let expected = expect.flatMap(LogHead.init(parsing:))
        if let expected {
            let found = try store.head(at: expected.seq)
            guard let found else {
                if try store.lastSeq() >= expected.seq {
                    Terminal.fail(
                        "the log holds no head at seq \(expected.seq), the expected head \(expected): no record batch ends there (a head printed by verify ends one; a head recorded before `vintage upgrade` does not match the converted log)",
                        status: 3)
                }
                Terminal.fail(
                    "the log holds no event seq \(expected.seq), the expected head \(expected): events were removed or the log was replaced",
                    status: 3)
            }
            guard found == expected else {
                Terminal.fail(
                    "the log's event seq \(expected.seq) has chain hash \(found), not the expected \(expected): the log was rewritten at or before seq \(expected.seq)",
                    status: 3)
            }
        }
        if let shared = SharedLog.name(inStore: store.directory) { print("log: shared, \(shared) (replica log.sqlite caught up to its end)") }
        try Self.check(store, logReport: nil, timing: timing.isOn)
        if let expected { print("ok: the log still holds the expected head \(expected)") }
    }

    /// Checks the log of `store`, printing every problem; exits with status 3 on damage.
    @discardableResult
    static func checkLog(_ store: Store) throws -> LogVerification {
        let progress = ProgressLine(label: "verifying")
        let report = try store.verifyLog { progress.update($0, of: $1) }
        progress.finish()
        if !report.isIntact { fail(store, report.problems) }
        return report
    }

    /// Verifies `store` (its log unless `logReport` is given), printing the outcome; exits
    /// with status 3 on damage.
    static func check(_ store: Store, logReport: LogVerification?, timing: Bool = false) throws {
        let progress = ProgressLine(label: "verifying")
        let clock = ContinuousClock()
        let start = clock.now
        let log = try logReport ?? store.verifyLog { progress.update($0, of: $1) }
        progress.finish()
        let logDone = clock.now
        let problems = log.problems + (log.isIntact ? try store.verifyProjection() : [])
        if timing {
            Terminal.writeError(
                "Time: log \(Seconds.text(logDone - start)) (\(log.eventsChecked) events), projection \(Seconds.text(clock.now - logDone))")
        }
        if problems.isEmpty {
            print(
                "ok: \(log.eventsChecked) events; checksums, hash chain, seq continuity and indexes intact; projection files intact and equal to a fresh fold of the log"
            )
            print("head: \(log.head.map { "\($0)" } ?? "none (the log is empty)")")
            return
        }
        fail(store, problems)
    }

    private static func fail(_ store: Store, _ problems: [String]) -> Never {
        for problem in problems { Terminal.writeError("damaged: " + problem) }
        Terminal.fail("\(store.directory) failed verification (\(problems.count) problem\(problems.count == 1 ? "" : "s"))", status: 3)
    }
}
