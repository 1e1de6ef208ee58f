import ArgumentParser
import Vintage

/// `vintage query`: points of one or more series, on all three time axes.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Print the points of series: latest vintages, or as known at a release time or log position.",
        discussion: """
        Without --as-of and --at-seq every point shows its latest vintage, corrections applied.
        Examples:
          vintage query kr.exports.total --from 2025-01 --to 2026-02
          vintage query --where country=KR --as-of 2026-02-10
          vintage query kr.exports.total --first-release
          vintage query us.tariff.kr --to 2026-03-02 --latest
        """
    )

    @ParentCommand var root: VintageCommand
    @OptionGroup var output: FormatOptions

    @Argument(help: ArgumentHelp("Series ids (default: every series, or those --where selects).", valueName: "series"))
    var series: [SeriesID] = []

    @Option(name: .customLong("where"), help: ArgumentHelp("Only series with this tag value; repeat to intersect.", valueName: "key=value"))
    var conditions: [TagCondition] = []

    @Option(help: ArgumentHelp("First valid time included: a period (2026, 2026-Q1, 2026-01, 2026-01-15) or a timestamp.", valueName: "time"))
    var from: ValidTimeArgument?

    @Option(help: ArgumentHelp("First valid time excluded (same forms as --from).", valueName: "time"))
    var to: ValidTimeArgument?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Only what had been released by then: a date (its end, UTC) or a timestamp (inclusive).", valueName: "time"))
    var asOf: AsOfArgument?

    @Option(name: .customLong("at-seq"), help: ArgumentHelp("The store as it stood after log event n (corrections logged later ignored).", valueName: "n"))
    var atSeq: Int64?

    @Flag(name: .customLong("first-release"), help: "Each point's first published value instead of its latest.")
    var firstRelease = false

    @Flag(help: "Only the last point in the range of each series.")
    var latest = false

    @Flag(help: "Print the in-process time of the query itself to stderr.")
    var timing = false

    @Option(name: .customLong("repeat"), help: ArgumentHelp("Run the query n times in this process; --timing then prints the first, median and fastest time.", valueName: "n"))
    var repetitions: Int = 1

    func validate() throws {
        if repetitions < 1 { throw ValidationError("--repeat must be 1 or more") }
        if let atSeq, atSeq < 1 { throw ValidationError("--at-seq must be 1 or more") }
    }

    func run() throws {
        let store = try root.openStore()
        let query = PointQuery(from: from?.microseconds, to: to?.microseconds, asOf: asOf?.microseconds, atSeq: atSeq,
                               firstRelease: firstRelease, latestOnly: latest)
        let clock = ContinuousClock()
        let filter = TagFilter(conditions.map(\.condition))
        var results: [SeriesPoints] = []
        var times: [Duration] = []
        for _ in 0..<repetitions {
            let start = clock.now
            results = try store.points(of: series, where: filter, query)
            times.append(clock.now - start)
        }
        var table = RowTable(columns: ["series", "time", "value", "released_at", "seq"])
        for result in results {
            for p in result.points {
                table.append([.text(result.series.rawValue), .time(Timestamp(microseconds: p.validTime)), .number(p.value),
                              .time(Timestamp(microseconds: p.releasedAt)), .integer(p.seq)])
            }
        }
        table.print(output.resolved)
        guard timing else { return }
        if repetitions == 1 {
            Terminal.writeError("Run Time: \(Seconds.text(times[0])) (query, in process)")
        } else {
            let sorted = times.sorted()
            Terminal.writeError("Run Time: first \(Seconds.text(times[0])), median \(Seconds.text(sorted[sorted.count / 2])), fastest \(Seconds.text(sorted[0])) of \(repetitions) (query, in process)")
        }
    }
}
