import VintageCore
import VintageFolds
import VintageProjection

/// A query of `vintage query` with its analytic options: the point view (range, vintage
/// selection, `--latest`) plus an aggregate, a bucket width, a fill, a group-by tag and a
/// transform. Created only through the validating initialiser, so every value is a
/// combination the executor can answer.
///
/// The combinations refused, each with a one-line ``AnalyticQueryError``:
/// - `--bucket`, `--group-by` and `--fill` need `--agg`; `--fill` needs `--bucket`, `--from`
///   and `--to` (and at most ``fillLimit`` buckets between them).
/// - `--latest` with `--agg`: an aggregate already summarises the range (`--agg last` is the
///   last point of each bucket or of the whole range).
/// - `--transform` with `--agg` needs `--bucket`: a whole-range aggregate has no previous or
///   year-earlier row.
/// - `--transform` with `--fill`: a filled bucket has no change of its own to show.
public struct AnalyticQuery: Hashable, Sendable {
    /// The point view: range, `--as-of`, `--at-seq`, `--first-release`, `--latest`.
    public let points: PointQuery
    /// `--agg`, if given.
    public let aggregate: Aggregate?
    /// `--bucket`, if given (only with an aggregate).
    public let bucket: Bucket?
    /// `--fill`, if given (only with an aggregate, a bucket and a closed range).
    public let fill: Fill?
    /// `--group-by`: the tag whose values group the series (only with an aggregate).
    public let groupBy: String?
    /// `--transform`, if given.
    public let transform: Transform?

    /// The earliest `--from` or `--to` an analytic query keeps (1 January of year −1, UTC);
    /// earlier bounds are raised to it.
    public static let earliestBound = Timestamp(CivilDate(year: -1, month: 1, day: 1)).microseconds
    /// The latest `--from` or `--to` an analytic query keeps (1 January 10001, UTC); later
    /// bounds are lowered to it.
    public static let latestBound = Timestamp(CivilDate(year: 10_001, month: 1, day: 1)).microseconds

    /// The most buckets `--fill` may emit in one query, over all its series or groups: every
    /// filled bucket becomes a row held in memory (about 200 bytes each on the way out).
    public static let fillLimit: Int64 = 1_000_000

    /// Refuses a `--fill` that would emit more than ``fillLimit`` buckets over `outputs`
    /// series (or groups) — checked once the query's series are known.
    public func checkFillLimit(outputs: Int) throws(AnalyticQueryError) {
        guard fill != nil, let bucket, let from = points.from, let to = points.to, outputs > 1 else { return }
        let (total, overflow) = bucket.count(from: from, to: to).multipliedReportingOverflow(by: Int64(outputs))
        if overflow || total > AnalyticQuery.fillLimit { throw .tooManyBuckets(count: overflow ? .max : total, limit: AnalyticQuery.fillLimit) }
    }

    /// Creates a query, refusing impossible combinations (see the type's documentation).
    public init(
        points: PointQuery = PointQuery(), aggregate: Aggregate? = nil, bucket: Bucket? = nil, fill: Fill? = nil,
        groupBy: String? = nil, transform: Transform? = nil
    ) throws(AnalyticQueryError) {
        var view = points
        if aggregate != nil || transform != nil {
            // No valid time lies outside years 0000–9999; bounds far beyond would overflow the
            // calendar arithmetic, so they are brought in without changing the answer.
            view.from = points.from.map { Swift.min(Swift.max($0, AnalyticQuery.earliestBound), AnalyticQuery.latestBound) }
            view.to = points.to.map { Swift.min(Swift.max($0, AnalyticQuery.earliestBound), AnalyticQuery.latestBound) }
        }
        if aggregate == nil {
            if bucket != nil { throw .needs(option: "--bucket", other: "--agg") }
            if groupBy != nil { throw .needs(option: "--group-by", other: "--agg") }
            if fill != nil { throw .needs(option: "--fill", other: "--agg") }
        } else {
            if points.latestOnly {
                throw .conflict(option: "--latest", other: "--agg", reason: "an aggregate summarises the whole range (use --agg last)")
            }
            if transform != nil && bucket == nil {
                throw .needs(option: "--transform with --agg", other: "--bucket (a whole-range aggregate has no earlier row to compare with)")
            }
        }
        if let fill {
            guard let bucket else { throw .needs(option: "--fill", other: "--bucket") }
            guard let from = view.from, let to = view.to else { throw .needs(option: "--fill", other: "--from and --to") }
            if transform != nil {
                throw .conflict(option: "--fill \(fill)", other: "--transform", reason: "a filled bucket has no change of its own")
            }
            let count = bucket.count(from: from, to: to)
            if count > AnalyticQuery.fillLimit { throw .tooManyBuckets(count: count, limit: AnalyticQuery.fillLimit) }
        }
        self.points = view
        self.aggregate = aggregate
        self.bucket = bucket
        self.fill = fill
        self.groupBy = groupBy
        self.transform = transform
    }

    /// Whether any analytic option is given; without one the query is the plain point query
    /// ``points`` and is answered by ``Projection/points(of:_:)`` as before.
    public var isAnalytic: Bool { aggregate != nil || transform != nil }
}
