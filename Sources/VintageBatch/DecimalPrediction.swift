/// Figures' values as exact decimals predicted from earlier figures of the batch: codec 2's
/// value mode `1 + e`.
///
/// Every value is `k / 10^e` for one batch exponent `e` (0...18), an integer `|k| < 2^53`,
/// the division in IEEE doubles giving back the value bit for bit (so `-0.0`, non-decimal
/// values and huge ones rule the mode out, and the batch stores plain doubles instead). A
/// figure's `k` is predicted as the `k` of the last earlier figure of the batch with the same
/// series and period (a revision restates or moves a figure slightly), else of the same series
/// (the next period of a random walk), else 0; the batch stores the residual `r` and a scale
/// `s` (0...18) with `k = prediction + r × 10^s` — `s` is the largest power of ten dividing both the
/// difference and the prediction, so figures with 4 significant digits leave small residuals at
/// any magnitude while the scales stay constant along a series.
struct DecimalPrediction {
    static let powers: [Double] = (0...18).map { pow10($0) }
    static let integerPowers: [Int64] = (0...18).map { Int64(pow10($0)) }
    static let limit: Int64 = 1 << 53

    private static func pow10(_ e: Int) -> Double {
        var p = 1.0
        for _ in 0..<e { p *= 10 }
        return p
    }

    /// The integer of `value` at exponent `e`, or nil when `k / 10^e` does not give it back exactly.
    @inline(__always)
    static func integer(_ value: Double, _ e: Int) -> Int64? {
        let scaled = (value * powers[e]).rounded()
        guard abs(scaled) < Double(limit) else { return nil }
        let k = Int64(scaled)
        return (Double(k) / powers[e]).bitPattern == value.bitPattern ? k : nil
    }

    /// The smallest exponent at which every value is an exact decimal, or nil.
    static func exponent(_ values: [Double]) -> Int? {
        var e = 0
        for v in values {
            while integer(v, e) == nil {
                e += 1
                if e > 18 { return nil }
            }
        }
        for v in values where integer(v, e) == nil { return nil }
        return e
    }

    private var table: PredictionTable
    private var lastOfSeries: [Int64]

    /// A predictor for `figures` figures over a dictionary of `dictionarySize` strings.
    init(figures: Int, dictionarySize: Int) {
        table = PredictionTable(capacity: figures)
        lastOfSeries = [Int64](repeating: 0, count: dictionarySize + 1)
    }

    /// The prediction for a figure of `series` at period (`ordinal`, `kind`).
    @inline(__always)
    mutating func predict(series: Int64, ordinal: Int64, kind: UInt8) -> Int64 {
        table.value(series &* 8 &+ Int64(kind), ordinal) ?? lastOfSeries[Int(series)]
    }

    /// Records the figure's integer for later predictions.
    @inline(__always)
    mutating func record(series: Int64, ordinal: Int64, kind: UInt8, k: Int64) {
        table.set(series &* 8 &+ Int64(kind), ordinal, k)
        lastOfSeries[Int(series)] = k
    }

    /// The residual and scale of `k` against `prediction`; `previousScale` is kept when the residual is 0.
    @inline(__always)
    static func residual(_ k: Int64, _ prediction: Int64, previousScale: UInt8) -> (Int64, UInt8) {
        let d = k - prediction  // both below 2^53 in magnitude: no overflow
        guard d != 0 else { return (0, previousScale) }
        // The largest power of ten dividing both the difference and the prediction: a figure
        // written to the same precision as the one it revises keeps the scale of its series.
        var s = 0
        while s < 18, d % integerPowers[s + 1] == 0, prediction % integerPowers[s + 1] == 0 { s += 1 }
        return (d / integerPowers[s], UInt8(s))
    }

    /// `prediction + r × 10^s`, or nil when out of range.
    @inline(__always)
    static func integer(prediction: Int64, residual r: Int64, scale s: UInt8) -> Int64? {
        guard s <= 18 else { return nil }
        let (m, o1) = r.multipliedReportingOverflow(by: integerPowers[Int(s)])
        let (k, o2) = prediction.addingReportingOverflow(m)
        guard !o1, !o2, k > -limit, k < limit else { return nil }
        return k
    }
}

/// An open-addressing table from a (series and kind, ordinal) pair to the last integer seen.
struct PredictionTable {
    private var keys: [Int64]
    private var ordinals: [Int64]
    private var values: [Int64]
    private let mask: Int

    init(capacity: Int) {
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        keys = [Int64](repeating: -1, count: size)
        ordinals = [Int64](repeating: 0, count: size)
        values = [Int64](repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always)
    private func slot(_ key: Int64, _ ordinal: Int64) -> Int {
        let h = UInt64(bitPattern: (key &* -7_046_029_254_386_353_131) ^ ordinal) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: h >> 32) & mask
    }

    func value(_ key: Int64, _ ordinal: Int64) -> Int64? {
        var i = slot(key, ordinal)
        while keys[i] != -1 {
            if keys[i] == key, ordinals[i] == ordinal { return values[i] }
            i = (i + 1) & mask
        }
        return nil
    }

    mutating func set(_ key: Int64, _ ordinal: Int64, _ value: Int64) {
        var i = slot(key, ordinal)
        while keys[i] != -1 {
            if keys[i] == key, ordinals[i] == ordinal {
                values[i] = value
                return
            }
            i = (i + 1) & mask
        }
        keys[i] = key
        ordinals[i] = ordinal
        values[i] = value
    }
}
