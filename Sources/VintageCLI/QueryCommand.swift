import ArgumentParser
import Vintage

/// `vintage query`: points of one or more series on all three time axes, or aggregates,
/// calendar buckets, gap fill, group-by and transforms of them.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Print the points of series, or aggregates of them: latest vintages, or as known at a release time or log position.",
        discussion: """
            Without --as-of and --at-seq every point shows its latest vintage, corrections applied.
            Every option combines with --as-of, --at-seq and --first-release.
            --first-release --transform gives each change as first published (real-time data): \
            the base as it was known when the row's point was first released.
            Examples:
              vintage query kr.exports.total --from 2025-01 --to 2026-02
              vintage query --where country=KR --as-of 2026-02-10
              vintage query kr.exports.total --first-release
              vintage query us.tariff.kr --to 2026-03-02 --latest
              vintage query kr.exports.total --transform yoy --as-of 2026-02-10
              vintage query --where country=KR --group-by product --agg sum --bucket 1y
              vintage query us.tariff.kr --agg last --bucket 1mo --fill prev \\
                  --from 2025-10 --to 2026-04
            """
    )

    @ParentCommand var root: VintageCommand
    @OptionGroup var output: FormatOptions

    @Argument(help: ArgumentHelp("Series ids (default: every series, or those --where selects).", valueName: "series"))
    var series: [SeriesID] = []

    @Option(name: .customLong("where"), help: ArgumentHelp("Only series with this tag value; repeat to intersect.", valueName: "key=value"))
    var conditions: [TagCondition] = []

    @OptionGroup var view: ViewOptions

    @OptionGroup var analytics: AnalyticOptions

    @Flag(help: "Only the last point in the range of each series.")
    var latest = false

    @Option(
        help: ArgumentHelp(
            "With --bucket, --from and --to: emit empty buckets too, carrying the last value forward (prev) or interpolating between two non-empty buckets (linear); filled rows have count 0.",
            valueName: "prev|linear"),
        transform: OptionValueReason.choice(Fill.self))
    var fill: Fill?

    @Option(
        name: .customLong("group-by"),
        help: ArgumentHelp(
            "With --agg: aggregate across the selected series per value of this tag (series without it form the group with the empty name).",
            valueName: "tag"))
    var groupBy: String?

    @OptionGroup var timing: TimingOptions

    @Option(
        name: .customLong("repeat"),
        help: ArgumentHelp("Run the query n times in this process; --timing then prints the first, median and fastest time.", valueName: "n"))
    var repetitions: Int = 1

    func validate() throws {
        if repetitions < 1 { throw ValidationError("--repeat must be 1 or more") }
        _ = try analyticQuery()
    }

    /// The query the options describe; an impossible combination is a usage error.
    func analyticQuery() throws -> AnalyticQuery {
        var points = view.pointQuery
        points.firstRelease = analytics.firstRelease
        points.latestOnly = latest
        do {
            return try AnalyticQuery(
                points: points, aggregate: analytics.aggregate, bucket: analytics.bucket, fill: fill, groupBy: groupBy,
                transform: analytics.transform)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let store = try root.openStore()
        try Self.run(
            in: store, series: series, where: TagFilter(conditions.map(\.condition)), try analyticQuery(),
            format: output.resolved, timing: timing.isOn, repetitions: repetitions)
    }

    /// Runs `query` on `store` and prints its rows: the work of ``run()``, shared with
    /// ``QueryShortcut`` (the same command line recognised without argument-parser).
    static func run(
        in store: Store, series: [SeriesID], where filter: TagFilter, _ query: AnalyticQuery,
        format: OutputFormat, timing: Bool, repetitions: Int
    ) throws {
        let (result, times) = try QueryTiming.measure(repetitions: repetitions) {
            try store.query(series, where: filter, query)
        }
        switch result {
        case let .points(rows):
            // Rows are formatted and written one by one (see RowStream), never held as text.
            var table = RowStream(columns: ["series", "time", "value", "released_at", "seq"], format: format)
            for result in rows {
                for p in result.points {
                    table.append([
                        .text(result.series.rawValue), .time(Timestamp(microseconds: p.validTime)), .number(p.value),
                        .time(Timestamp(microseconds: p.releasedAt)), .integer(p.seq)
                    ])
                }
            }
            table.finish()
        case let .aggregates(rows):
            let bucketed = query.bucket != nil
            var table = RowStream(
                columns: [query.groupBy == nil ? "series" : "group"] + (bucketed ? ["time"] : []) + ["value", "count"],
                format: format)
            for row in rows.flatMap(\.rows) {
                var cells: [Cell]
                switch row.key {
                case let .series(id): cells = [.text(id.rawValue)]
                case let .group(name): cells = [.text(name)]
                }
                if bucketed { cells.append(row.time.map { .time(Timestamp(microseconds: $0)) } ?? .empty) }
                cells += [.number(row.value), .integer(Int64(row.count))]
                table.append(cells)
            }
            table.finish()
        }
        if timing { QueryTiming.report(times) }
    }
}
