/// Figures' values as exact decimals predicted from earlier figures of the batch: codec 2's
/// value mode `1 + e`.
///
/// Every value is `k / 10^e` for one batch exponent `e` (0...18), an integer `|k| < 2^53`,
/// the division in IEEE doubles giving back the value bit for bit (so `-0.0`, non-decimal
/// values and huge ones rule the mode out, and the batch stores plain doubles instead). A
/// figure's `k` is predicted as the `k` of the most recent of its series' last 16 figures in the
/// batch with the same period (a revision restates or moves a figure slightly), else of the
/// series' last figure (the next period of a random walk), else 0; the batch stores the residual `r` and a scale
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

    /// Per series, its 16 most recent figures' periods (ordinal × 8 + kind) and integers, in a ring.
    private var periods: [Int64]
    private var integers: [Int64]
    private var next: [UInt8]
    private var filled: [UInt8]
    /// Per series, the largest period recorded: a figure of a later period (a series written
    /// forward in time, as most are) has no earlier figure of its period to search for.
    private var latest: [Int64]
    static let ring = 16

    /// A predictor over a dictionary of `dictionarySize` strings (series are references 1...size).
    init(dictionarySize: Int) {
        periods = [Int64](repeating: 0, count: (dictionarySize + 1) * Self.ring)
        integers = [Int64](repeating: 0, count: (dictionarySize + 1) * Self.ring)
        next = [UInt8](repeating: 0, count: dictionarySize + 1)
        filled = [UInt8](repeating: 0, count: dictionarySize + 1)
        latest = [Int64](repeating: 0, count: dictionarySize + 1)
    }

    /// The prediction for a figure of `series` at period (`ordinal`, `kind`): the integer of the
    /// most recent of the series' last 16 figures with that period, else of its last figure, else 0.
    @inline(__always)
    func predict(series: Int64, ordinal: Int64, kind: UInt8) -> Int64 {
        let s = Int(series)
        let n = Int(filled[s])
        guard n > 0 else { return 0 }
        let key = ordinal &* 8 &+ Int64(kind)
        let base = s * Self.ring
        let last = integers[base + ((Int(next[s]) + Self.ring - 1) & (Self.ring - 1))]
        guard key <= latest[s] else { return last }
        var slot = Int(next[s])
        for _ in 0..<n {
            slot = (slot + Self.ring - 1) & (Self.ring - 1)
            if periods[base + slot] == key { return integers[base + slot] }
        }
        return last
    }

    /// Records the figure's integer for later predictions.
    @inline(__always)
    mutating func record(series: Int64, ordinal: Int64, kind: UInt8, k: Int64) {
        let s = Int(series)
        let slot = s * Self.ring + Int(next[s])
        let key = ordinal &* 8 &+ Int64(kind)
        periods[slot] = key
        integers[slot] = k
        if filled[s] == 0 || key > latest[s] { latest[s] = key }
        next[s] = (next[s] + 1) & UInt8(Self.ring - 1)
        if filled[s] < Self.ring { filled[s] += 1 }
    }

    /// The number of trailing decimal zeros of `p`, at most 18 (18 for 0): the scale a figure
    /// revising `p` at the same precision has.
    @inline(__always)
    static func defaultScale(_ p: Int64) -> Int {
        guard p != 0 else { return 18 }
        var s = 0
        var q = p
        while s < 18, q % 10 == 0 {
            q /= 10
            s += 1
        }
        return s
    }

    /// The residual of `k` against `prediction`, its scale `s` — the largest power of ten
    /// dividing both the difference and the prediction (0 for a difference of 0) — and the
    /// prediction's ``defaultScale(_:)``, so `k = prediction + residual × 10^s` and `s ≤ top`.
    @inline(__always)
    static func residual(_ k: Int64, _ prediction: Int64) -> (residual: Int64, scale: Int, top: Int) {
        let d = k - prediction  // both below 2^53 in magnitude: no overflow
        let top = defaultScale(prediction)
        guard d != 0 else { return (0, 0, top) }
        var s = 0
        while s < top, d % integerPowers[s + 1] == 0 { s += 1 }
        return (d / integerPowers[s], s, top)
    }

    /// `prediction + r × 10^s`, or nil when out of range.
    @inline(__always)
    static func integer(prediction: Int64, residual r: Int64, scale s: Int) -> Int64? {
        guard s >= 0, s <= 18 else { return nil }
        let (m, o1) = r.multipliedReportingOverflow(by: integerPowers[s])
        let (k, o2) = prediction.addingReportingOverflow(m)
        guard !o1, !o2, k > -limit, k < limit else { return nil }
        return k
    }
}
