import PropertyBased

@testable import VintageColumnar

/// Random and adversarial column contents for the round-trip properties.
enum Columns {
    static let microsPerSecond: Int64 = 1_000_000
    static let microsPerDay: Int64 = 86_400_000_000

    /// `Int64` columns of many shapes: empty, one row, constant, regular and gapped
    /// timestamps, calendar months, unsorted, extremes near `Int64.min/max`, runs, noise.
    static func int64s(maxCount: Int = 600) -> Generator<[Int64], Shrink.None<[Int64]>> {
        Generator { rng in
            let n = Int.random(in: 0...maxCount, using: &rng)
            let shape = Int.random(in: 0...12, using: &rng)
            switch shape {
            case 0: return []
            case 1: return [Int64.random(in: .min ... .max, using: &rng)]
            case 2: return Array(repeating: Int64.random(in: .min ... .max, using: &rng), count: n)
            case 3:  // regular timestamps, sometimes with gaps
                let step = [microsPerSecond * 10, microsPerDay, microsPerSecond][Int.random(in: 0...2, using: &rng)]
                var t = Int64.random(in: 0...(1 << 52), using: &rng)
                return (0..<n).map { _ in
                    t += Int.random(in: 0...20, using: &rng) == 0 ? step * Int64.random(in: 2...9, using: &rng) : step
                    return t
                }
            case 4: return calendarMonths(count: n, startYear: Int.random(in: 1900...2100, using: &rng))
            case 5: return (0..<n).map { _ in Int64.random(in: .min ... .max, using: &rng) }
            case 6:  // extremes
                let pool: [Int64] = [.min, .max, .min + 1, .max - 1, 0, -1, 1]
                return (0..<n).map { _ in pool.randomElement(using: &rng)! }
            case 7:  // runs
                var out: [Int64] = []
                while out.count < n {
                    let v = Int64.random(in: -5...5, using: &rng) * 1_000_000_007
                    out += repeatElement(v, count: Swift.min(Int.random(in: 1...50, using: &rng), n - out.count))
                }
                return out
            case 8:  // monotone sequence numbers
                var s = Int64.random(in: 0...1_000_000, using: &rng)
                return (0..<n).map { _ in
                    s += Int64.random(in: 1...3, using: &rng); return s
                }
            case 9:  // small noise around a large base, with a common divisor
                let base = Int64.random(in: -(1 << 60)...(1 << 60), using: &rng)
                return (0..<n).map { _ in base + 1000 * Int64.random(in: -5000...5000, using: &rng) }
            case 10:  // descending with wrap-around differences
                var t = Int64.max - Int64.random(in: 0...1000, using: &rng)
                return (0..<n).map { _ in
                    t = t &- Int64.random(in: 0...(1 << 62), using: &rng); return t
                }
            case 12:  // a random walk whose steps need a random number of bits (delta blocks of every width)
                let half = Int64(1) << Int64(Int.random(in: 0...61, using: &rng))
                var v = Int64.random(in: -(1 << 40)...(1 << 40), using: &rng)
                return (0..<n).map { _ in
                    v = v &+ Int64.random(in: -half...half, using: &rng); return v
                }
            default:  // unsorted timestamps
                return (0..<n).map { _ in Int64.random(in: 0...(1 << 42), using: &rng) * microsPerSecond }
            }
        }
    }

    /// Midnight UTC on the first of consecutive months, in microseconds.
    static func calendarMonths(count: Int, startYear: Int) -> [Int64] {
        (0..<count).map { i in
            let year = startYear + i / 12, month = i % 12 + 1
            return Int64(daysFromCivil(year: year, month: month, day: 1)) * microsPerDay
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static let powers: [Double] = (0...12).map { e in (0..<e).reduce(1.0) { x, _ in x * 10 } }

    /// A decimal with `digits` fraction digits, as the nearest double (what a parser yields).
    static func decimal(_ units: Int64, digits: Int) -> Double {
        Double("\(units)e-\(digits)")!
    }

    /// `Double` columns of many shapes: decimals with 0–12 fraction digits, random walks,
    /// trade-like figures, `-0.0`, NaN payloads, subnormals, ±1e308, infinities, runs,
    /// random bit patterns and decimal data salted with exceptions.
    static func doubles(maxCount: Int = 600) -> Generator<[Double], Shrink.None<[Double]>> {
        Generator { rng in
            let n = Int.random(in: 0...maxCount, using: &rng)
            let shape = Int.random(in: 0...11, using: &rng)
            let digits = Int.random(in: 0...12, using: &rng)
            switch shape {
            case 0: return []
            case 1: return [Double(bitPattern: UInt64.random(in: .min ... .max, using: &rng))]
            case 2: return Array(repeating: Double(bitPattern: UInt64.random(in: .min ... .max, using: &rng)), count: n)
            case 3:  // decimals
                return (0..<n).map { _ in decimal(Int64.random(in: -1_000_000_000...1_000_000_000, using: &rng), digits: digits) }
            case 4:  // random walk with `digits` decimals
                var u = Int64.random(in: -1_000_000...1_000_000, using: &rng)
                return (0..<n).map { _ in
                    u += Int64.random(in: -300...300, using: &rng); return decimal(u, digits: digits)
                }
            case 5:  // trade-like: 2-4 significant digits times a power of ten
                return (0..<n).map { _ in
                    Double(Int64.random(in: 10...9999, using: &rng)) * powers[Int.random(in: 6...9, using: &rng)]
                }
            case 6:  // special values
                let pool: [Double] = [
                    -0.0, 0.0, .nan, -.nan, Double(bitPattern: 0x7FF0_0000_0000_0001),
                    Double(bitPattern: 0xFFF8_dead_beef_0001), .infinity, -.infinity,
                    .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude,
                    Double(bitPattern: 0x000F_FFFF_FFFF_FFFF), 1e308, -1e308, .greatestFiniteMagnitude,
                    -.greatestFiniteMagnitude, 1.5, 100
                ]
                return (0..<n).map { _ in pool.randomElement(using: &rng)! }
            case 7:  // decimals salted with exceptions
                return (0..<n).map { _ in
                    Int.random(in: 0...9, using: &rng) == 0
                        ? Double.random(in: -1e6...1e6, using: &rng)
                        : decimal(Int64.random(in: -99_999...99_999, using: &rng), digits: digits)
                }
            case 8:  // runs (a step function like a tariff rate)
                var out: [Double] = []
                while out.count < n {
                    let v = Double(Int.random(in: 0...40, using: &rng)) / 2
                    out += repeatElement(v, count: Swift.min(Int.random(in: 1...80, using: &rng), n - out.count))
                }
                return out
            case 9:  // subnormals and tiny values
                return (0..<n).map { _ in Double(bitPattern: UInt64.random(in: 0...0x000F_FFFF_FFFF_FFFF, using: &rng)) }
            case 10:  // near ±1e308
                return (0..<n).map { _ in (Bool.random(using: &rng) ? 1 : -1) * Double.random(in: 1e307...1.7e308, using: &rng) }
            default:  // arbitrary bit patterns, NaNs included
                return (0..<n).map { _ in Double(bitPattern: UInt64.random(in: .min ... .max, using: &rng)) }
            }
        }
    }

    /// `UInt8` columns: empty, constant, small flags, runs, anything.
    static func uint8s(maxCount: Int = 600) -> Generator<[UInt8], Shrink.None<[UInt8]>> {
        Generator { rng in
            let n = Int.random(in: 0...maxCount, using: &rng)
            switch Int.random(in: 0...4, using: &rng) {
            case 0: return []
            case 1: return Array(repeating: UInt8.random(in: 0...255, using: &rng), count: n)
            case 2: return (0..<n).map { _ in UInt8.random(in: 0...3, using: &rng) }
            case 3:
                var out: [UInt8] = []
                while out.count < n {
                    out += repeatElement(UInt8.random(in: 0...255, using: &rng), count: Swift.min(Int.random(in: 1...40, using: &rng), n - out.count))
                }
                return out
            default: return (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }
            }
        }
    }
}

/// Bit patterns, for bit-exact comparison of doubles.
func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }
