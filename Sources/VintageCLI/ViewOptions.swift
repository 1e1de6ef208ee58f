import ArgumentParser
import Vintage

/// The options that choose a view of the store on all three time axes — valid time
/// (`--from`, `--to`), release time (`--as-of`) and log position (`--at-seq`) — shared by
/// the commands that read vintages or announcements.
struct ViewOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "First valid time included: a period (2026, 2026-Q1, 2026-01, 2026-01-15), meaning its start, or a timestamp.", valueName: "time"),
        transform: ValidTimeArgument.init(parsing:))
    var from: ValidTimeArgument?

    @Option(
        help: ArgumentHelp("First valid time excluded (same forms as --from).", valueName: "time"),
        transform: ValidTimeArgument.init(parsing:))
    var to: ValidTimeArgument?

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "Only what had been released by then: a date or period (2016-07-29, 2016-07, 2016-Q3, 2016), meaning the end of its last day UTC, or a timestamp (inclusive).",
            valueName: "time"),
        transform: AsOfArgument.init(parsing:))
    var asOf: AsOfArgument?

    @Option(
        name: .customLong("at-seq"), parsing: .unconditional,
        help: ArgumentHelp(
            "The store as it stood after log event n (its seq in `vintage log`); corrections logged later are ignored.", valueName: "n"),
        transform: OptionValueReason.wholeNumber(atLeast: Int64(1), "a log position: the seq column of vintage log"))
    var atSeq: Int64?

    /// The view as a point query (latest vintages, every point).
    var pointQuery: PointQuery {
        PointQuery(from: from?.microseconds, to: to?.microseconds, asOf: asOf?.microseconds, atSeq: atSeq)
    }
}
