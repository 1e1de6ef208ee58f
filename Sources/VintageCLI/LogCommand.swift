import ArgumentParser
import Vintage
import VintageCore

/// `vintage log`: the raw events.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Print the raw events of the log with their seq, id and recording time.",
        discussion: """
            The log is the store's record of everything ever appended, in the order the store \
            learned it. Each row: seq (the log position 1, 2, 3, … that --at-seq and --from-seq \
            name), id, type, recorded_at (when this store appended it) and event (the event as \
            stored, canonical JSON without its id). Nothing is ever removed: a corrected or \
            retracted event stays, next to its correction or retraction.
            The output streams in constant memory, however long the log; `vintage log | head` \
            stops as soon as head has read its lines. A table takes its column widths from the \
            first 1,000 rows.
            Examples:
              vintage log --limit 10
              vintage log --type correction --format json
              vintage log --from-seq 5000 --format csv > tail.csv
            """
    )

    @ParentCommand var root: VintageCommand
    @OptionGroup var output: FormatOptions

    @Option(
        name: .customLong("from-seq"), parsing: .unconditional,
        help: ArgumentHelp("Start at this log position (seq).", valueName: "n"),
        transform: OptionValueReason.wholeNumber(atLeast: Int64(1), "a log position: the seq column of vintage log"))
    var fromSeq: Int64 = 1

    @Option(
        parsing: .unconditional, help: ArgumentHelp("Print at most this many events (default: all).", valueName: "n"),
        transform: OptionValueReason.wholeNumber(atLeast: 0, "how many events to print"))
    var limit: Int?

    @Option(help: ArgumentHelp("Only events of this type.", valueName: "type"))
    var type: EventType?

    func run() throws {
        let store = try root.openStore()
        // Row by row: a log of millions of events prints in constant memory, and
        // `vintage log | head` stops as soon as head has its lines.
        var rows = RowStream(columns: ["seq", "id", "type", "recorded_at", "event"], format: output.resolved)
        var printed = 0
        // JSON lines are written straight into the output buffer (see LogJSONLine).
        let jsonLines = output.resolved == .json
        var line = LogJSONLine()
        try store.forEachEventText(fromSeq: fromSeq, type: type) { seq, id, type, recordedAt, json in
            if let limit, printed >= limit { return false }
            if jsonLines {
                rows.withBuffer { line.append(seq: seq, id: id, type: type, recordedAt: recordedAt, json: json, to: &$0) }
            } else {
                rows.append([.integer(seq), .text(id.rawValue), .text(type.rawValue), .time(recordedAt), .json(Array(json))])
            }
            printed += 1
            return true
        }
        rows.finish()
    }
}

extension EventType: ExpressibleByArgument {}
