import VintageCore
import VintageFolds
import VintageProjection
import VintageTestSupport

@testable import VintageQuery

/// A random analytic scenario: a few series with tags and frequencies, their points on
/// one of several time grids (before 1970 too, with gaps), and a query over them.
struct Scenario {
    var series: [SelectedSeries]
    /// The points the query's vintage options select (latest, or first release).
    var points: [SeriesID: [VintagePoint]]
    /// Every vintage of every point: each point first released at or after its own time,
    /// often revised (sometimes to the same value) around its neighbours' first releases,
    /// now and then first released only after the next point was.
    var vintages: [SeriesID: [VintagePoint]]
    var query: AnalyticQuery

    static let buckets = ["1m", "15m", "1h", "6h", "1d", "3d", "7d", "1w", "1mo", "1q", "1y"]
    static let frequencies: [Frequency?] = [.daily, .weekly, .monthly, .quarterly, .annual, .irregular, nil]

    /// The scenario of `seed`, or nil when the drawn options form a combination the query
    /// refuses (those are checked by example elsewhere).
    static func make(seed: UInt64, fractionalValues: Bool = false) -> Scenario? {
        var rng = SplitMix64(state: seed)
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
        var vintages: [SeriesID: [VintagePoint]] = [:]
        // Vintages and --first-release come from a generator of their own, so that the rest
        // of a seed's scenario stays as it was before they were added.
        var revising = SplitMix64(state: seed ^ 0x2545_F491_4F6C_DD1D)
        for name in ["a", "b", "c", "d"].prefix(Int(rng.next() % 4) + 1) {
            var tags: [String: String] = [:]
            if !chance(4) { tags["g"] = pick(["x", "y"]) }
            let id = SeriesID(unchecked: name)
            series.append(SelectedSeries(id: id, metadata: SeriesMetadata(frequency: pick(frequencies), tags: tags)))
            var list: [VintagePoint] = []
            var k = Int(rng.next() % 5)
            let gapRate = pick([0, 3, 20]) as UInt64
            while k < length {
                let value =
                    fractionalValues
                    ? Double(Int64(bitPattern: rng.next() % (1 << 40)) - (1 << 39)) / 7.0
                    : Double(Int(rng.next() % 41) - 20) / 4  // exact sums
                list.append(point(grid(k), value, releasedAt: grid(k) + 1, seq: Int64(k + 1)))
                k += gapRate > 0 && chance(gapRate) ? Int(rng.next() % 30) + 1 : 1
            }
            points[id] = list
            vintages[id] = revised(list, fractionalValues: fractionalValues, &revising)
        }
        let firstRelease = revising.next() % 3 == 0
        for (id, all) in vintages {
            var chosen: [Int64: VintagePoint] = [:]
            for v in all {
                if let held = chosen[v.validTime], firstRelease ? held.releasedAt < v.releasedAt : held.releasedAt > v.releasedAt { continue }
                chosen[v.validTime] = v
            }
            points[id] = chosen.values.sorted { $0.validTime < $1.validTime }
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
        let view = PointQuery(from: from, to: to, firstRelease: firstRelease, latestOnly: aggregate == nil && chance(4))
        guard let query = try? AnalyticQuery(points: view, aggregate: aggregate, bucket: bucket, fill: fill, groupBy: groupBy, transform: transform)
        else {
            return nil
        }
        return Scenario(series: series, points: points, vintages: vintages, query: query)
    }

    /// Every vintage of the points `list` (each released just after its own time): half of
    /// them revised one to three times, at, just before or just after the first release of
    /// one of the next three points (or past the end), a revision sometimes re-publishing
    /// the value; one in eight first released only just after the next point.
    static func revised(_ list: [VintagePoint], fractionalValues: Bool, _ rng: inout SplitMix64) -> [VintagePoint] {
        var all: [VintagePoint] = []
        var seq: Int64 = 1_000_000
        func release(after k: Int, _ offset: Int64) -> Int64 {
            k < list.count ? list[k].validTime + offset : list[list.count - 1].validTime + Int64(k - list.count + 1) * 1_000 + offset
        }
        for (k, p) in list.enumerated() {
            var first = p
            if rng.next() % 8 == 0 && k + 1 < list.count { first.releasedAt = release(after: k + 1, 2) }
            all.append(first)
            guard rng.next() % 2 == 0 else { continue }
            var times: Set<Int64> = []
            for _ in 0..<Int(rng.next() % 3) + 1 {
                let r = release(after: k + 1 + Int(rng.next() % 3), Int64(rng.next() % 3))
                if r > first.releasedAt { times.insert(r) }
            }
            var value = p.value
            for r in times.sorted() {
                if rng.next() % 4 != 0 {
                    value =
                        fractionalValues ? Double(Int64(bitPattern: rng.next() % (1 << 40)) - (1 << 39)) / 7.0 : Double(Int(rng.next() % 41) - 20) / 4
                }
                seq += 1
                all.append(VintagePoint(validTime: p.validTime, value: value, releasedAt: r, seq: seq))
            }
        }
        return all
    }
}
