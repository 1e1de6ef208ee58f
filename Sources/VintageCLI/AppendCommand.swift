import ArgumentParser
import Vintage

/// `vintage append`: append NDJSON events atomically.
struct AppendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append",
        abstract: "Append events from an NDJSON file (or standard input) atomically.",
        discussion: """
            One JSON event per line (or a JSON array of events): series, observation, release, \
            announcement, correction, retraction (see "Events" in the README). Either every event is stored or, \
            when any line is bad, none is and the error names the line and field.
            Events already in the log (same id and content) are counted as duplicates.

            Example: vintage append releases.ndjson
                     curl … | vintage append -
            """
    )

    @ParentCommand var root: VintageCommand
    @OptionGroup var output: FormatOptions

    @Argument(help: ArgumentHelp("The NDJSON file to append, or - for standard input.", valueName: "file"))
    var file: String = "-"

    @OptionGroup var timing: TimingOptions

    func validate() throws {
        if file == "-" && Terminal.stdinIsTerminal {
            throw ValidationError("give a file to append, or pipe events into standard input (vintage append -)")
        }
    }

    func run() throws {
        let store = try root.openStore(create: true)
        let clock = ContinuousClock()
        let start = clock.now
        var phases: [(AppendPhase, Duration)] = []
        let progress = ProgressLine(label: "appending")
        let outcome = try store.append(contentsOf: file, phases: timing.isOn ? { phases.append(($0, $1)) } : nil) {
            progress.update(Int64($0 >> 20), of: Int64(max(1, $1 >> 20)), unit: "MB")
        }
        progress.finish()
        for warning in outcome.warnings { Terminal.writeError("warning: \(warning)") }
        if let lag = store.projectionLag {
            Terminal.writeError("vintage: the events are stored, but the projection could not follow (\(lag)) and catches up on the next command")
        }
        if timing.isOn {
            let total = clock.now - start
            let rate = Double(outcome.stored + outcome.duplicates) / Seconds.of(total)
            Terminal.writeError("Time: \(Seconds.text(total)) (\(TimingOptions.text(of: phases))); \(Int(rate)) events/s")
        }
        let format = output.resolved
        if format == .table {
            let range = outcome.seqRange.map { $0.lowerBound == $0.upperBound ? "seq \($0.lowerBound)" : "seq \($0.lowerBound)–\($0.upperBound)" }
            print(
                "Stored \(outcome.stored) event\(outcome.stored == 1 ? "" : "s")\(range.map { " (\($0))" } ?? ""); \(outcome.duplicates) duplicate\(outcome.duplicates == 1 ? "" : "s")"
            )
            return
        }
        var table = RowTable(columns: ["stored", "duplicates", "first_seq", "last_seq"])
        table.append([
            .integer(Int64(outcome.stored)), .integer(Int64(outcome.duplicates)),
            outcome.seqRange.map { .integer($0.lowerBound) } ?? .empty,
            outcome.seqRange.map { .integer($0.upperBound) } ?? .empty
        ])
        table.print(format)
    }
}
