import Vintage
// The view's default value, `PointQuery()`, must name its module (see Sources/Vintage/Exports.swift).
import VintageFolds

/// What to chart of a store: series, a view on the three time axes, optionally an aggregate
/// per bucket or a transform, which vintages to draw, whether to mark announcements, and the
/// resolution the chart is drawn at. Created only through the validating initialiser.
public struct ChartRequest: Hashable, Sendable {
    /// The series, each its own colour, in this order (at least one).
    public let series: [SeriesID]
    /// The view: `from`, `to`, `asOf`, `atSeq`, `firstRelease` (`latestOnly` is ignored).
    public let view: PointQuery
    /// `--agg` and `--bucket`: each line is the aggregate per bucket instead of the points.
    public let aggregate: Aggregate?
    /// The bucket of ``aggregate``.
    public let bucket: Bucket?
    /// `--transform`: each line is the change of the points (or buckets).
    public let transform: Transform?
    /// Which vintages of each point to draw.
    public let vintages: VintageSelection
    /// Whether announcements taking effect (or made) in the chart's time range are marked.
    public let announcements: Bool
    /// The title; nil for the series' name (one series) or ids.
    public let title: String?
    /// How many columns (pixels, or braille dots) the plot is drawn in: a series with many
    /// more points than this is read as the least and greatest value per column.
    public let columns: Int

    /// The most points a revision fan (`vintages: .all`) draws from.
    public static let fanPointLimit = 100_000

    /// Creates a request, refusing combinations a chart cannot draw:
    /// - no series;
    /// - `--agg` without `--bucket` (a whole-range aggregate is one number), or the query's own
    ///   rules (see `AnalyticQuery`);
    /// - `--vintages all` or `first+latest` with `--first-release`, `--transform` or `--agg`
    ///   (the fan shows the vintages themselves).
    public init(
        series: [SeriesID], view: PointQuery = PointQuery(), aggregate: Aggregate? = nil, bucket: Bucket? = nil,
        transform: Transform? = nil, vintages: VintageSelection = .latest, announcements: Bool = false,
        title: String? = nil, columns: Int = 700
    ) throws(ChartRequestError) {
        if series.isEmpty { throw ChartRequestError("name at least one series to chart") }
        if aggregate != nil && bucket == nil {
            throw ChartRequestError("--agg needs --bucket in a chart (a whole-range aggregate is a single number)")
        }
        do {
            _ = try AnalyticQuery(points: view, aggregate: aggregate, bucket: bucket, transform: transform)
        } catch {
            throw ChartRequestError(error.description)
        }
        if vintages != .latest {
            let other = view.firstRelease ? "--first-release" : transform != nil ? "--transform" : aggregate != nil ? "--agg" : nil
            if let other {
                throw ChartRequestError("--vintages \(vintages) does not combine with \(other): it draws the vintages of the points themselves")
            }
        }
        var unique: [SeriesID] = []
        for id in series where !unique.contains(id) { unique.append(id) }
        var view = view
        view.latestOnly = false
        self.series = unique
        self.view = view
        self.aggregate = aggregate
        self.bucket = bucket
        self.transform = transform
        self.vintages = vintages
        self.announcements = announcements
        self.title = title
        self.columns = max(10, columns)
    }

    /// The analytic query of one line, when the request has an aggregate or a transform.
    var analyticQuery: AnalyticQuery? {
        guard aggregate != nil || transform != nil else { return nil }
        return try? AnalyticQuery(points: view, aggregate: aggregate, bucket: bucket, transform: transform)
    }
}
