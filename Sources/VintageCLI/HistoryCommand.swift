import ArgumentParser
import Vintage

/// `vintage history`: every vintage of one point.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Print every vintage of one point, with release time, seq, status and any correction.",
        discussion: """
            Corrected vintages show the corrected value, the original value and the correction's id; \
            retracted vintages are not listed.
            Example: vintage history kr.exports.total 2026-01
            """
    )

    @ParentCommand var root: VintageCommand
    @OptionGroup var output: FormatOptions

    @Argument(help: ArgumentHelp("The series id.", valueName: "series"))
    var series: SeriesID

    @Argument(
        help: ArgumentHelp("The point's period (2026-01, 2026-Q1, 2026-01-15, a timestamp…).", valueName: "period"),
        transform: ValidTimeArgument.init(parsing:))
    var period: ValidTimeArgument

    @Option(
        name: .customLong("at-seq"), parsing: .unconditional,
        help: ArgumentHelp("The point as the store stood after log event n (its seq in `vintage log`).", valueName: "n"),
        transform: OptionValueReason.wholeNumber(atLeast: Int64(1), "a log position: the seq column of vintage log"))
    var atSeq: Int64?

    @OptionGroup var timing: TimingOptions

    func run() throws {
        let store = try root.openStore()
        let (entries, times) = try QueryTiming.measure { try store.history(of: series, validTime: period.microseconds, atSeq: atSeq) }
        var table = RowTable(columns: ["series", "time", "released_at", "seq", "status", "value", "original_value", "correction"])
        for e in entries {
            table.append([
                .text(series.rawValue), .time(Timestamp(microseconds: period.microseconds)),
                .time(Timestamp(microseconds: e.releasedAt)), .integer(e.seq),
                e.status.map(Cell.text) ?? .empty, .number(e.value),
                e.correction?.originalValue.map(Cell.number) ?? .empty,
                e.correction.map { .text($0.correction.rawValue) } ?? .empty
            ])
        }
        table.print(output.resolved)
        if timing.isOn { QueryTiming.report(times) }
    }
}
