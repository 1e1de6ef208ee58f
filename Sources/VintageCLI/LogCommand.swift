import ArgumentParser
import Vintage
import VintageCore

/// `vintage log`: the raw events.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Print the raw events of the log with their seq, id and recording time.",
        discussion: "Example: vintage log --type correction --format json"
    )

    @ParentCommand var root: VintageCommand
    @OptionGroup var output: FormatOptions

    @Option(name: .customLong("from-seq"), help: ArgumentHelp("Start at this log position.", valueName: "n"))
    var fromSeq: Int64 = 1

    @Option(help: ArgumentHelp("Print at most this many events (default: all).", valueName: "n"))
    var limit: Int?

    @Option(help: ArgumentHelp("Only events of this type (\(EventType.allCases.map(\.rawValue).joined(separator: ", "))).", valueName: "type"))
    var type: EventType?

    func validate() throws {
        if fromSeq < 1 { throw ValidationError("--from-seq must be 1 or more") }
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        let store = try root.openStore()
        var table = RowTable(columns: ["seq", "id", "type", "recorded_at", "event"])
        for event in try store.events(fromSeq: fromSeq, limit: limit, type: type) {
            table.append([.integer(event.seq), .text(event.id.rawValue), .text(event.type.rawValue),
                          .time(event.recordedAt), .json(event.body)])
        }
        table.print(output.resolved)
    }
}

extension EventType: ExpressibleByArgument {}
