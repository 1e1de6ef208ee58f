import VintageCore

extension Projection {
    /// Hands the points `query` selects from `series` to `body` as runs in ascending valid
    /// time (see ``PointRun``); `query.latestOnly` is ignored. A run may come as a
    /// `.summary` only when `summarizing(firstTime, lastTime)` allowed it for the valid-time
    /// range of that run's points; otherwise every point comes as columns.
    ///
    /// This version selects through ``points(of:_:)`` and hands out one run of columns.
    public mutating func scanPoints(of series: SeriesID, _ query: PointQuery,
                                    summarizing: (_ firstTime: Int64, _ lastTime: Int64) -> Bool = { _, _ in false },
                                    _ body: (PointRun) -> Void) throws(ProjectionError) {
        var unbounded = query
        unbounded.latestOnly = false
        let points = try points(of: series, unbounded)
        guard !points.isEmpty else { return }
        let times = points.map(\.validTime)
        let values = points.map(\.value)
        times.withUnsafeBufferPointer { t in
            values.withUnsafeBufferPointer { v in body(.points(times: t, values: v)) }
        }
    }
}
