import ArgumentParser
import Vintage

/// `vintage replay`: rebuild the projection from the log.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Rebuild the projection from the log, then print how fast it went.",
        discussion: """
        Use it after damage to the projection (verify reports it) or a format change; queries \
        afterwards answer exactly as before. Snapshots are kept.
        """
    )

    @ParentCommand var root: VintageCommand

    @Flag(help: "Verify the store (log and the rebuilt projection) afterwards.")
    var verify = false

    func run() throws {
        let store = try root.openStore()
        let progress = ProgressLine(label: "replaying")
        let outcome = try store.replay { progress.update($0, of: $1) }
        progress.finish()
        print("replayed \(outcome.events) events (\(outcome.observations) observations) into \(outcome.series) series in \(Seconds.text(outcome.duration)): \(Int(outcome.eventsPerSecond.rounded())) events/s, \(Int(outcome.observationsPerSecond.rounded())) observations/s")
        if verify { try VerifyCommand.check(store) }
    }
}
