import ArgumentParser
import Vintage

// The analytic options (`--agg`, `--fill`, `--transform`, `--bucket`) as typed values:
// parsed by argument-parser, refused in one line that names the value and what the option
// takes (see ``OptionValueReason/choice(_:)`` and ``OptionValueReason/bucketWidth``).

extension Aggregate: ExpressibleByArgument {}

extension Fill: ExpressibleByArgument {}

extension Transform: ExpressibleByArgument {}

extension Bucket: ExpressibleByArgument {
    public init?(argument: String) {
        guard let bucket = try? Bucket(parsing: argument) else { return nil }
        self = bucket
    }
}

/// The options that shape the points `query` and `chart` show: first releases instead of
/// latest vintages, a change instead of the level, an aggregate per calendar bucket.
struct AnalyticOptions: ParsableArguments {
    @Flag(name: .customLong("first-release"), help: "Each point's first published value instead of its latest.")
    var firstRelease = false

    @Option(
        help: ArgumentHelp(
            "yoy: % change from the same period a year earlier; pop: % change from the previous point; diff: change from the previous point. On the vintage --as-of/--at-seq select; with --first-release, the change as first published: the base as known when the row's point was first released (a row whose base was not yet published is left out). With --agg --bucket: on the buckets.",
            valueName: "yoy|pop|diff"),
        transform: OptionValueReason.choice(Transform.self))
    var transform: Transform?

    @Option(
        name: .customLong("agg"),
        help: ArgumentHelp(
            "Aggregate the points of each series (or group): count, sum, avg, min, max, first or last; for the whole range, or per --bucket (a chart needs --bucket).",
            valueName: "f"),
        transform: OptionValueReason.choice(Aggregate.self))
    var aggregate: Aggregate?

    @Option(
        help: ArgumentHelp(
            "With --agg: calendar buckets in UTC — 1h, 1d, 1w (ISO weeks), 1mo, 1q, 1y, or multiples Nm, Nh, Nd (aligned to the Unix epoch). Empty buckets are left out.",
            valueName: "width"),
        transform: OptionValueReason.bucketWidth)
    var bucket: Bucket?
}
