import ArgumentParser
import Vintage

/// `vintage revisions`: how much each period of a series was revised.
struct RevisionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revisions",
        abstract: "Print how each period of a series was revised: first release, latest value, number and size of revisions.",
        discussion: """
            A revision is the publisher releasing a new figure for a period it had already \
            published; every release is a vintage. Per period in the range: the first released \
            value and when, the latest value and the release that set it, how many later vintages \
            changed the value (revisions: a re-publication of the same value, as in one file per \
            vintage, is no revision and does not move latest_released_at), the total revision \
            (latest - first) and that in percent of |first| \
            (revision_pct; empty when the first value is 0).
            A last summary row, without a time, gives the mean absolute revision over the \
            periods (columns periods and mean_abs_revision). With --format json it is the last \
            line and also holds "summary":true: `jq 'select(.summary)'` picks it, \
            `jq 'select(.summary | not)'` the periods.
            Corrections of our own record are applied (they are not revisions); retracted \
            vintages are left out. --as-of counts only vintages released by then; --at-seq views \
            the store as it stood after that log event.
            Examples:
              vintage revisions kr.exports.total
              vintage revisions kr.exports.total --from 2025-01 --as-of 2026-02-10
            """
    )

    @ParentCommand var root: VintageCommand
    @OptionGroup var output: FormatOptions

    @Argument(help: ArgumentHelp("The series id.", valueName: "series"))
    var series: SeriesID

    @OptionGroup var view: ViewOptions

    @OptionGroup var timing: TimingOptions

    func run() throws {
        let store = try root.openStore()
        let (result, times) = try QueryTiming.measure { try store.revisions(of: series, view.pointQuery) }
        let format = output.resolved
        // In json the summary line also says `"summary":true`, so that programs can tell it apart.
        var table = RowTable(
            columns: [
                "series", "time", "first_value", "first_released_at", "latest_value", "latest_released_at",
                "revisions", "revision", "revision_pct", "periods", "mean_abs_revision"
            ] + (format == .json ? ["summary"] : []))
        for p in result.periods {
            table.append(
                [
                    .text(series.rawValue), .time(Timestamp(microseconds: p.validTime)),
                    .number(p.firstValue), .time(Timestamp(microseconds: p.firstReleasedAt)),
                    .number(p.latestValue), .time(Timestamp(microseconds: p.latestReleasedAt)),
                    .integer(Int64(p.revisions)), Cell.finite(p.revision), Cell.finite(p.revisionPercent), .empty, .empty
                ]
                    + (format == .json ? [.empty] : []))
        }
        table.append(
            [
                .text(series.rawValue), .empty, .empty, .empty, .empty, .empty, .empty, .empty, .empty,
                .integer(Int64(result.periods.count)), Cell.finite(result.meanAbsoluteRevision)
            ]
                + (format == .json ? [.json(Array("true".utf8))] : []))
        table.print(format)
        if timing.isOn { QueryTiming.report(times) }
    }
}
