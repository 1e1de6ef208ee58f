import VintageCore
import VintageFolds
import VintageProjection

extension SeriesPointSource {
    /// The vintage of the point at `validTime` of `series` that was the latest at release
    /// time `knownAt` in the view `query`: among the vintages `query` admits (visible at its
    /// `atSeq` or now, released by its `asOf`), the latest released at or before `knownAt`;
    /// nil when none had been released by then. The range, `firstRelease` and `latestOnly`
    /// of `query` are ignored.
    ///
    /// This is the base of a transform with `--first-release`: the base as it was known when
    /// the row's point was first released.
    mutating func vintage(of series: SeriesID, at validTime: Int64, knownAt: Int64, in query: PointQuery) throws(ProjectionError) -> VintagePoint? {
        var view = query
        view.from = validTime
        view.to = validTime == .max ? nil : validTime + 1
        view.asOf = Swift.min(query.asOf ?? .max, knownAt)
        view.firstRelease = false
        view.latestOnly = false
        return try points(of: series, view).first { $0.validTime == validTime }
    }
}
