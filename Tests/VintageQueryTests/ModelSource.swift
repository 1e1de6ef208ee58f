import VintageCore
import VintageFolds
import VintageProjection
import VintageTestSupport

@testable import VintageQuery

/// A plain stand-in for the projection: per series, its selected points (already one per
/// valid time, in order), or every vintage. A scan hands the points of the range out as a
/// random mixture of column runs and — where the engine's `summarizing` predicate allows —
/// summaries built here, over randomly cut "chunks".
struct ModelSource: SeriesPointSource {
    var series: [SeriesID: [VintagePoint]]
    /// Per series, every vintage (in any order): a series here has its points selected by
    /// the query's `asOf` and `firstRelease` instead of taken from ``series``.
    var vintages: [SeriesID: [VintagePoint]] = [:]
    var rng: SplitMix64
    /// Whether scans may hand out summaries at all.
    var summaries = true
    /// How many summaries scans handed out (to check that the mixture is really mixed).
    var summariesHandedOut = 0

    init(series: [SeriesID: [VintagePoint]], seed: UInt64, vintages: [SeriesID: [VintagePoint]] = [:]) {
        self.series = series
        self.vintages = vintages
        self.rng = SplitMix64(state: seed)
    }

    /// The points of `id` in the query's valid-time range: from ``vintages``, per valid time
    /// the latest (or first) vintage released by `asOf`; else ``series`` (whose vintage
    /// options are the projection's business and are not modelled).
    func inRange(_ id: SeriesID, _ query: PointQuery) -> [VintagePoint] {
        var selected = series[id] ?? []
        if let all = vintages[id] {
            var chosen: [Int64: VintagePoint] = [:]
            for v in all where v.releasedAt <= query.asOf ?? .max {
                if let held = chosen[v.validTime], query.firstRelease ? held.releasedAt < v.releasedAt : held.releasedAt > v.releasedAt { continue }
                chosen[v.validTime] = v
            }
            selected = chosen.values.sorted { $0.validTime < $1.validTime }
        }
        return selected.filter { p in
            (query.from.map { p.validTime >= $0 } ?? true) && (query.to.map { p.validTime < $0 } ?? true)
        }
    }

    mutating func points(of id: SeriesID, _ query: PointQuery) throws(ProjectionError) -> [VintagePoint] {
        let points = inRange(id, query)
        if query.latestOnly, let last = points.last { return [last] }
        return points
    }

    mutating func scanPoints(
        of id: SeriesID, _ query: PointQuery, summarizing: (Int64, Int64) -> Bool,
        _ body: (PointRun) -> Void
    ) throws(ProjectionError) {
        let points = inRange(id, query)
        var i = 0
        while i < points.count {
            // A chunk of 1 to 40 points (sometimes far more).
            let size = rng.next() % 8 == 0 ? Int(rng.next() % 400) + 1 : Int(rng.next() % 40) + 1
            let chunk = Array(points[i..<min(i + size, points.count)])
            i += chunk.count
            if summaries, rng.next() % 2 == 0, summarizing(chunk[0].validTime, chunk[chunk.count - 1].validTime) {
                summariesHandedOut += 1
                body(.summary(ModelSource.summary(of: chunk)))
                continue
            }
            // The chunk's columns, sometimes in several runs.
            var j = 0
            while j < chunk.count {
                let part = rng.next() % 3 == 0 ? Int(rng.next() % UInt64(chunk.count - j)) + 1 : chunk.count - j
                let times = chunk[j..<j + part].map(\.validTime)
                let values = chunk[j..<j + part].map(\.value)
                times.withUnsafeBufferPointer { t in values.withUnsafeBufferPointer { v in body(.points(times: t, values: v)) } }
                j += part
            }
        }
    }

    /// The summary of a chunk's points, computed in the plainest way.
    static func summary(of chunk: [VintagePoint]) -> PointSummary {
        let values = chunk.map(\.value)
        return PointSummary(
            count: chunk.count, sum: DecimalSum(values), min: values.min()!, max: values.max()!,
            firstTime: chunk[0].validTime, firstValue: chunk[0].value,
            lastTime: chunk[chunk.count - 1].validTime, lastValue: chunk[chunk.count - 1].value)
    }
}
