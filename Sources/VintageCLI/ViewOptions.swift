import ArgumentParser
import Vintage

/// The options that choose a view of the store on all three time axes — valid time
/// (`--from`, `--to`), release time (`--as-of`) and log position (`--at-seq`) — shared by
/// the commands that read vintages or announcements.
struct ViewOptions: ParsableArguments {
    @Option(help: ArgumentHelp("First valid time included: a period (2026, 2026-Q1, 2026-01, 2026-01-15) or a timestamp.", valueName: "time"))
    var from: ValidTimeArgument?

    @Option(help: ArgumentHelp("First valid time excluded (same forms as --from).", valueName: "time"))
    var to: ValidTimeArgument?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Only what had been released by then: a date (its end, UTC) or a timestamp (inclusive).", valueName: "time"))
    var asOf: AsOfArgument?

    @Option(name: .customLong("at-seq"), help: ArgumentHelp("The store as it stood after log event n (corrections logged later ignored).", valueName: "n"))
    var atSeq: Int64?

    func validate() throws {
        if let atSeq, atSeq < 1 { throw ValidationError("--at-seq must be 1 or more") }
    }

    /// The view as a point query (latest vintages, every point).
    var pointQuery: PointQuery {
        PointQuery(from: from?.microseconds, to: to?.microseconds, asOf: asOf?.microseconds, atSeq: atSeq)
    }
}
