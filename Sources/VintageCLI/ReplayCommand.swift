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

    @Flag(help: "Verify the log first (nothing is replaced when it is damaged), and the rebuilt projection afterwards.")
    var verify = false

    @Flag(help: "Rebuild even when the projection reflects more events than the log holds (a lost log); those events are dropped.")
    var force = false

    @OptionGroup var timing: TimingOptions

    func run() throws {
        let store = try root.openStore()
        let logReport = verify ? try VerifyCommand.checkLog(store) : nil
        let progress = ProgressLine(label: "replaying")
        var phases: [(ReplayPhase, Duration)] = []
        let outcome = try store.replay(force: force, phases: timing.isOn ? { phases.append(($0, $1)) } : nil) { progress.update($0, of: $1) }
        progress.finish()
        if outcome.droppedEvents > 0 {
            Terminal.writeError(
                "vintage: dropped events \(outcome.events + 1)–\(outcome.events + outcome.droppedEvents) (\(outcome.droppedEvents) event\(outcome.droppedEvents == 1 ? "" : "s")) that only the projection reflected; the log holds \(outcome.events)"
            )
        }
        if timing.isOn {
            Terminal.writeError("Time: \(Seconds.text(outcome.duration)) (\(TimingOptions.text(of: phases)))")
        }
        print(
            "replayed \(outcome.events) events (\(outcome.observations) observations) into \(outcome.series) series in \(Seconds.text(outcome.duration)): \(Int(outcome.eventsPerSecond.rounded())) events/s, \(Int(outcome.observationsPerSecond.rounded())) observations/s"
        )
        if verify { try VerifyCommand.check(store, logReport: logReport) }
    }
}
