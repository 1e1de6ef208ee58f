import VintageCore
import VintageProjection
@testable import VintageQuery

/// A random analytic scenario: a few series with tags and frequencies, their points on
/// one of several time grids (before 1970 too, with gaps), and a query over them.
struct Scenario {
    var series: [SelectedSeries]
    var points: [SeriesID: [VintagePoint]]
    var query: AnalyticQuery

    static let buckets = ["1m", "15m", "1h", "6h", "1d", "3d", "7d", "1w", "1mo", "1q", "1y"]
    static let frequencies: [Frequency?] = [.daily, .weekly, .monthly, .quarterly, .annual, .irregular, nil]

    /// The scenario of `seed`, or nil when the drawn options form a combination the query
    /// refuses (those are checked by example elsewhere).
    static func make(seed: UInt64, fractionalValues: Bool = false) -> Scenario? {
        var rng = SplitMix(state: seed)
        func pick<T>(_ options: [T]) -> T { options[Int(rng.next() % UInt64(options.count))] }
        func chance(_ n: UInt64) -> Bool { rng.next() % n == 0 }

        // A grid shared by the series (so group-by sees equal valid times across series).
        let day = Timestamp.microsecondsPerDay
        let baseYear = pick([1960, 1968, 1969, 1970, 1999, 2019, 2020, 2023, 2024, 2026])
        let origin = CivilDate(year: baseYear, month: pick([1, 2, 3, 12]), day: pick([1, 15, 28, 29])).dayNumber * day
        let grid: (Int) -> Int64
        switch rng.next() % 6 {
        case 0: let step = pick([10, 60, 3_600, 86_400]) * Int64(Timestamp.microsecondsPerSecond); grid = { origin + Int64($0) * step }
        case 1: grid = { Bucket.monthStart(Bucket.monthIndex(of: origin) + Int64($0)) }
        case 2: grid = { Bucket.monthStart(Bucket.monthIndex(of: origin) + 3 * Int64($0)) }
        case 3: grid = { Bucket.isoWeek.start(of: origin) + Int64($0) * 7 * day }
        case 4: grid = { origin + Int64($0) * day }  // daily, across 29 February in leap years
        default: grid = { origin + Int64($0) * 7_919 * Int64(Timestamp.microsecondsPerSecond) }  // irregular-looking
        }
        let length = Int(rng.next() % 500)
        var series: [SelectedSeries] = []
        var points: [SeriesID: [VintagePoint]] = [:]
        for name in ["a", "b", "c", "d"].prefix(Int(rng.next() % 4) + 1) {
            var tags: [String: String] = [:]
            if !chance(4) { tags["g"] = pick(["x", "y"]) }
            let id = SeriesID(unchecked: name)
            series.append(SelectedSeries(id: id, metadata: SeriesMetadata(frequency: pick(frequencies), tags: tags)))
            var list: [VintagePoint] = []
            var k = Int(rng.next() % 5)
            let gapRate = pick([0, 3, 20]) as UInt64
            while k < length {
                let value = fractionalValues ? Double(Int64(bitPattern: rng.next() % (1 << 40)) - (1 << 39)) / 7.0
                                             : Double(Int(rng.next() % 41) - 20) / 4  // exact sums
                list.append(point(grid(k), value, releasedAt: grid(k) + 1, seq: Int64(k + 1)))
                k += gapRate > 0 && chance(gapRate) ? Int(rng.next() % 30) + 1 : 1
            }
            points[id] = list
        }
        // The query.
        let span = max(grid(length) - grid(0), 1)
        func bound() -> Int64? { chance(3) ? nil : grid(0) - span / 4 + Int64(rng.next() % UInt64(span + span / 2)) }
        var from = bound(), to = bound()
        if let f = from, let t = to, f > t, !chance(8) { (from, to) = (t, f) }
        let aggregate: Aggregate? = chance(4) ? nil : pick(Aggregate.allCases)
        let bucket = aggregate == nil || chance(4) ? nil : try! Bucket(parsing: pick(buckets))
        let groupBy = aggregate != nil && chance(3) ? "g" : nil
        let transform: Transform? = chance(2) ? nil : pick(Transform.allCases)
        var fill: Fill? = bucket != nil && transform == nil && chance(2) ? pick(Fill.allCases) : nil
        if let f = from, let t = to, let bucket, fill != nil, bucket.count(from: f, to: t) > 20_000 { fill = nil }
        let view = PointQuery(from: from, to: to, latestOnly: aggregate == nil && chance(4))
        guard let query = try? AnalyticQuery(points: view, aggregate: aggregate, bucket: bucket, fill: fill, groupBy: groupBy, transform: transform) else {
            return nil
        }
        return Scenario(series: series, points: points, query: query)
    }
}
