import ArgumentParser
import Vintage

/// `vintage verify`: check the store's integrity.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the log's checksums, hash chain, seq continuity and indexes.",
        discussion: "Prints one line per problem and exits with status 3 when anything is damaged."
    )

    @ParentCommand var root: VintageCommand

    func run() throws {
        let store = try root.openStore()
        let progress = ProgressLine(label: "verifying")
        let report = try store.verify { progress.update($0, of: $1) }
        progress.finish()
        if report.isIntact {
            print("ok: \(report.log.eventsChecked) events; checksums, hash chain, seq continuity and indexes intact")
            return
        }
        for problem in report.problems { Terminal.writeError("damaged: " + problem) }
        Terminal.fail("\(store.directory) failed verification (\(report.problems.count) problem\(report.problems.count == 1 ? "" : "s"))", status: 3)
    }
}
