import VintageCore
import VintageFolds
import VintageProjection

/// Where an analytic query reads a series' selected points: the projection, or in tests a
/// plain model of it.
public protocol SeriesPointSource {
    /// The points `query` selects from `series`, with release time and seq, in valid-time
    /// order (only the last with `latestOnly`).
    mutating func points(of series: SeriesID, _ query: PointQuery) throws(ProjectionError) -> [VintagePoint]

    /// Hands the points `query` selects from `series` to `body` as runs in ascending valid
    /// time, as ``Projection/scanPoints(of:_:summarizing:_:)`` does: a run may come as a
    /// summary only when `summarizing(firstTime, lastTime)` allows it for that run's range.
    mutating func scanPoints(
        of series: SeriesID, _ query: PointQuery,
        summarizing: (_ firstTime: Int64, _ lastTime: Int64) -> Bool,
        _ body: (PointRun) -> Void) throws(ProjectionError)
}

extension Projection: SeriesPointSource {}
