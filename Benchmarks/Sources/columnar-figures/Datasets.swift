import BenchmarkSupport
import Foundation

/// Days since 1970-01-01 of a proleptic Gregorian date.
func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
}

/// `x` rounded to `digits` significant decimal digits, as the double a parser would give
/// for the printed figure (65.8e9 and so on).
func roundedToSignificantDigits(_ x: Double, _ digits: Int) -> Double {
    var magnitude = 0
    var m = abs(x)
    while m >= 10 { m /= 10; magnitude += 1 }
    while m < 1 && m > 0 { m *= 10; magnitude -= 1 }
    let shift = digits - 1 - magnitude
    let mantissa = Int64((x * pow10(shift)).rounded())
    return Double("\(mantissa)e\(-shift)")!
}

func pow10(_ e: Int) -> Double {
    var r = 1.0
    if e >= 0 { for _ in 0..<e { r *= 10 } } else { for _ in 0..<(-e) { r /= 10 } }
    return r
}

/// One series as a valid-time column and a value column.
struct Series {
    var name: String
    var time: [Int64]
    var value: [Double]
}

enum Datasets {
    static let microsPerDay: Int64 = 86_400_000_000

    /// Monthly trade-like figures: midnight UTC on the first of each month from 1942-01
    /// (1,000 months), a level that wanders around a base (log AR(1), 3 % monthly noise,
    /// ±8 % seasonality), printed with `digits` significant digits like 65.8e9 or 20.5e9.
    static func monthlyTrade(seed: UInt64, base: Double, digits: Int, count: Int = 1000) -> Series {
        var rng = SplitMix64(state: seed)
        var logDeviation = 0.0
        var time: [Int64] = []
        var value: [Double] = []
        for i in 0..<count {
            let year = 1942 + i / 12, month = i % 12 + 1
            time.append(Int64(daysFromCivil(year: year, month: month, day: 1)) * microsPerDay)
            logDeviation = 0.9 * logDeviation + 0.03 * rng.gaussian()
            let seasonal = 0.08 * cos(2 * Double.pi * Double(month) / 12)
            value.append(roundedToSignificantDigits(base * exp(logDeviation + seasonal), digits))
        }
        return Series(name: "monthly trade, \(digits) significant digits, base \(base)", time: time, value: value)
    }

    /// A 10-second series: a random walk printed with 5 decimal places, starting at `start`,
    /// with normal steps of standard deviation `step`.
    static func tenSecondWalk(seed: UInt64, start: Double, step: Double, count: Int = 1000) -> Series {
        var rng = SplitMix64(state: seed)
        let t0: Int64 = 1_767_225_600_000_000  // 2026-01-01T00:00:00Z
        var units = Int64((start * 100_000).rounded())
        var time: [Int64] = []
        var value: [Double] = []
        for i in 0..<count {
            time.append(t0 + Int64(i) * 10_000_000)
            units += Int64((rng.gaussian() * step * 100_000).rounded())
            value.append(Double("\(units)e-5")!)
        }
        return Series(name: "10-second random walk, 5 decimals, start \(start), step sd \(step)", time: time, value: value)
    }
}
