import ArgumentParser
import Vintage

/// `vintage verify`: check the store's integrity.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the log's checksums and hash chain, every projection file, and the projection against the log.",
        discussion: "Prints one line per problem and exits with status 3 when anything is damaged; `vintage replay` repairs the projection."
    )

    @ParentCommand var root: VintageCommand

    func run() throws {
        try Self.check(try root.openStore())
    }

    /// Verifies `store`, printing the outcome; exits with status 3 on damage.
    static func check(_ store: Store) throws {
        let progress = ProgressLine(label: "verifying")
        let report = try store.verify { progress.update($0, of: $1) }
        progress.finish()
        if report.isIntact {
            print("ok: \(report.log.eventsChecked) events; checksums, hash chain, seq continuity and indexes intact; projection files intact and equal to a fresh fold of the log")
            return
        }
        for problem in report.problems { Terminal.writeError("damaged: " + problem) }
        Terminal.fail("\(store.directory) failed verification (\(report.problems.count) problem\(report.problems.count == 1 ? "" : "s"))", status: 3)
    }
}
