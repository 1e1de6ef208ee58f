import Foundation

/// One vintage row of a generated series, field for field a `VintageRow` of the projection
/// (kept free of the Vintage modules so that every figure tool can use the generator).
public struct GeneratedRow: Sendable, Equatable {
    public var validTime: Int64
    public var releasedAt: Int64
    public var value: Double
    public var seq: Int64
    public var visibleFrom: Int64
    public var visibleUntil: Int64
    public var status: String?

    public init(
        validTime: Int64, releasedAt: Int64, value: Double, seq: Int64, visibleFrom: Int64,
        visibleUntil: Int64 = .max, status: String? = nil
    ) {
        self.validTime = validTime
        self.releasedAt = releasedAt
        self.value = value
        self.seq = seq
        self.visibleFrom = visibleFrom
        self.visibleUntil = visibleUntil
        self.status = status
    }
}

/// Monthly trade-like releases, as the folded rows of a store that logged them (the shape of
/// `tools/datagen trade`, generated in process).
///
/// `publishers` publishers (countries) each publish one release event a month, at midnight
/// UTC on their usual day (1st–15th, ±2 days) of the following month, giving the new month
/// of each of their `seriesPerPublisher` series and revising the two months before it: the
/// first revision always changes the figure, the second half the time (restating an unchanged
/// figure adds no vintage), so a point has 2–3 vintages. The month's releases are logged in
/// release-day order, with 0–20 other events (announcements, …) between them, so a series'
/// consecutive releases are some `publishers` seqs apart; one event is one seq for all its
/// rows. Figures have 4 significant digits (6.012e9): a level per series (1e6…1e11)
/// wandering as a log AR(1) (6 % monthly noise) with ±8 % seasonality; a revision moves the
/// previous vintage by about 0.4 %. Every release has status "preliminary". About one row in
/// 500 is corrected a few events later (a correction ends it and restates it with another
/// figure, visible from the correction's seq).
///
/// Rows come sorted by (validTime, releasedAt, visibleFrom), the order of series chunks.
public enum TradeLikeRows {
    public static let microsPerDay: Int64 = 86_400_000_000

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Midnight UTC on `day` of the month `index` months after January 1990, in microseconds.
    static func monthStart(_ index: Int, day: Int = 1) -> Int64 {
        let year = 1990 + (index >= 0 ? index / 12 : (index - 11) / 12)
        let month = ((index % 12) + 12) % 12 + 1
        return Int64(daysFromCivil(year: year, month: month, day: day)) * microsPerDay
    }

    /// `x` (positive) rounded to 4 significant digits, as the double a decimal parser gives
    /// for the printed figure: `k × 10^q` with `k` in 1000...9999.
    public static func fourDigits(_ x: Double) -> Double {
        var q = Int(floor(log10(x))) - 3
        var k = (x / pow(10, Double(q))).rounded()
        if k >= 10_000 { k = (k / 10).rounded(); q += 1 }
        return q >= 0 ? k * pow(10, Double(q)) : k / pow(10, Double(-q))
    }

    /// The next figure up or down by `units` in its 4th significant digit.
    static func nudged(_ x: Double, by units: Int) -> Double {
        let q = Int(floor(log10(x))) - 3
        let unit = q >= 0 ? pow(10, Double(q)) : 1 / pow(10, Double(-q))
        return fourDigits(x + Double(units) * unit)
    }

    /// The rows of `publishers × seriesPerPublisher` series over `months` months of
    /// releases (a point per month and series), one array per series, and the last seq.
    public static func generate(publishers: Int, seriesPerPublisher: Int, months: Int, seed: UInt64 = 7)
        -> (rows: [[GeneratedRow]], lastSeq: Int64)
    {
        var rng = SplitMix64(state: seed)
        let series = publishers * seriesPerPublisher
        let usualDay = (0..<publishers).map { _ in Int.random(in: 1...15, using: &rng) }
        let levels = (0..<series).map { _ in pow(10, Double.random(in: 6...11, using: &rng)) }
        var deviation = [Double](repeating: 0, count: series)
        // Per series, the latest vintage of the three most recent months (m-2, m-1, m).
        var latest = [[Double]](repeating: [], count: series)
        var rows = [[GeneratedRow]](repeating: [], count: series)
        var seq: Int64 = 1_000
        let status = "preliminary"
        for m in 0..<months {
            // The releases of month m, early in month m + 1, in release-day order.
            let days = usualDay.map { min(15, max(1, $0 + Int.random(in: -2...2, using: &rng))) }
            let order = (0..<publishers).sorted { (days[$0], $0) < (days[$1], $1) }
            for publisher in order {
                seq += 1 + (Int.random(in: 0..<publishers, using: &rng) < 20 ? Int64.random(in: 0...1, using: &rng) : 0)
                let releasedAt = monthStart(m + 1, day: days[publisher])
                for s in publisher * seriesPerPublisher..<(publisher + 1) * seriesPerPublisher {
                    deviation[s] = 0.9 * deviation[s] + 0.06 * rng.gaussian()
                    let seasonal = 0.08 * cos(2 * Double.pi * Double(m % 12) / 12)
                    let first = fourDigits(levels[s] * exp(deviation[s] + seasonal))
                    // Revisions of m-2 (half the time) and m-1 (always), then the new month.
                    for back in [2, 1] where m - back >= 0 {
                        let slot = latest[s].count - back
                        guard back == 1 || Bool.random(using: &rng) else { continue }
                        let old = latest[s][slot]
                        var revised = fourDigits(old * (1 + 0.004 * rng.gaussian()))
                        if revised == old { revised = nudged(old, by: Bool.random(using: &rng) ? 1 : -1) }
                        latest[s][slot] = revised
                        rows[s].append(
                            GeneratedRow(
                                validTime: monthStart(m - back), releasedAt: releasedAt, value: revised,
                                seq: seq, visibleFrom: seq, status: status))
                    }
                    latest[s].append(first)
                    if latest[s].count > 3 { latest[s].removeFirst() }
                    rows[s].append(
                        GeneratedRow(
                            validTime: monthStart(m), releasedAt: releasedAt, value: first,
                            seq: seq, visibleFrom: seq, status: status))
                }
            }
        }
        // Corrections, each a later event ending one row and restating it.
        for s in 0..<series {
            for i in rows[s].indices where Int.random(in: 0..<500, using: &rng) == 0 {
                let c = rows[s][i].seq + Int64(publishers) * Int64.random(in: 1...6, using: &rng)
                rows[s][i].visibleUntil = c
                var restated = rows[s][i]
                restated.value = nudged(restated.value, by: 1)
                restated.seq = c
                restated.visibleFrom = c
                restated.visibleUntil = .max
                rows[s].append(restated)
            }
            rows[s].sort { ($0.validTime, $0.releasedAt, $0.visibleFrom) < ($1.validTime, $1.releasedAt, $1.visibleFrom) }
        }
        return (rows, seq)
    }
}
