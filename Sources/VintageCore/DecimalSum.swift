/// The exact sum of decimal figures: each value is taken as its shortest round-trip decimal
/// form (`0.1` as one tenth, not as the binary fraction nearest it) and the sum is kept as a
/// whole number of units of 10^-``scale``, so `408515.6 + 0.1` is exactly `408515.7`, and
/// the sum does not depend on the order of the additions. It is rounded once, when read
/// (``value``, ``quotient(dividingBy:)``, ``percent(of:)``).
///
/// The number of units is a 128-bit integer; the scale is the most decimals of any value
/// added (`0.25` has two, `1e+20` none). A value that cannot join the sum exactly — not
/// finite, or a mantissa that would outgrow 128 bits at the common scale (`1e-300` beside
/// `1e300`) — makes the sum **inexact**: from then on it is a plain IEEE-754 double sum,
/// as every sum was before exact sums existed, and its last bits may depend on the order of
/// the additions (``isExact`` tells).
public struct DecimalSum: Sendable {
    /// The units, as a 128-bit two's-complement integer: high and low words (`low` holds the
    /// double sum's bits once the sum is inexact).
    @usableFromInline var high: Int64 = 0
    @usableFromInline var low: UInt64 = 0
    /// The number of decimals, or -1 once the sum is inexact: 24 bytes in all, so that chunk
    /// summaries holding a sum stay cheap to copy.
    @usableFromInline var storedScale = 0

    /// The number of decimals: the sum is `units × 10^-scale` (0 for an inexact sum).
    public var scale: Int { Swift.max(storedScale, 0) }

    /// The double sum, once the sum is inexact; nil while it is exact. Set only to a value.
    @usableFromInline var inexactSum: Double? {
        get { storedScale < 0 ? Double(bitPattern: low) : nil }
        set {
            storedScale = -1
            high = 0
            low = (newValue ?? 0).bitPattern
        }
    }

    /// Zero.
    public init() {}

    /// The exact decimal value of `value`'s shortest round-trip form (inexact when `value` is
    /// not finite).
    public init(_ value: Double) {
        add(value)
    }

    /// The exact sum of `values`.
    public init(_ values: some Sequence<Double>) {
        for v in values { add(v) }
    }

    /// Whether the sum is exact (no value forced it to a double sum).
    public var isExact: Bool { inexactSum == nil }

    /// Whether the sum is zero.
    public var isZero: Bool { inexactSum.map { $0 == 0 } ?? (high == 0 && low == 0) }

    /// The powers of ten that are exact doubles, 10^0 ... 10^22.
    @usableFromInline static let powersOfTen: [Double] = (0...22).map { e in (0..<e).reduce(1.0) { x, _ in x * 10 } }

    /// Adding this to a double below 2^51 in magnitude and subtracting it again rounds the
    /// double to the nearest integer.
    @usableFromInline static let rounding = 6755399441055744.0

    /// The integer `n` with `n ÷ 10^scale` rounding to `value`, when there is one below 2^51
    /// in magnitude (and `scale` is at most 22); such an `n` is unique and stands for
    /// `value`'s shortest decimal form (with trailing zeros up to `scale` decimals).
    ///
    /// Below 2^51 the interval of reals rounding to `value` is narrower than 10^-scale, so it
    /// holds at most one multiple of 10^-scale, and a shorter decimal in it would be one of
    /// them; `10^scale` and `n` are exact doubles, so the division is correctly rounded and
    /// the test is exact.
    @inlinable @inline(__always)
    static func units(_ value: Double, scale: Int) -> Int64? {
        let p = powersOfTen[scale]
        let x = value * p
        guard x.magnitude < 2251799813685248.0 else { return nil }
        let n = (x + rounding) - rounding
        return n / p == value ? Int64(n) : nil
    }

    /// Adds `value`, taken as its shortest decimal form.
    @inlinable
    public mutating func add(_ value: Double) {
        if UInt(bitPattern: storedScale) <= 22, let n = DecimalSum.units(value, scale: storedScale), addUnits(n) { return }
        addFigure(value)
    }

    /// Subtracts `value`, taken as its shortest decimal form.
    @inlinable
    public mutating func subtract(_ value: Double) {
        add(-value)
    }

    /// Adds every value of `values`: the tight loop of an aggregate over a column.
    ///
    /// Pairs of values whose units at the current scale are whole numbers below 2^40 are
    /// summed as integral doubles in two lanes (exact: a lane takes at most 2,048 values
    /// between flushes, so it stays below 2^51) and each run's total is added once; a pair
    /// that fails the test, and a last odd value, go through ``add(_:)``. Inlinable: an
    /// aggregate over short buckets calls it for a handful of values at a time.
    @inlinable
    public mutating func add(contentsOf values: UnsafeBufferPointer<Double>) {
        guard let base = values.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        let n = values.count
        var k = 0
        while k < n {
            guard UInt(bitPattern: storedScale) <= 22 else {
                while k < n { add(values[k]); k += 1 }
                return
            }
            let p = SIMD2<Double>(repeating: DecimalSum.powersOfTen[storedScale])
            let rounding = SIMD2<Double>(repeating: DecimalSum.rounding)
            let limit = SIMD2<Double>(repeating: 1099511627776.0)
            let end = Swift.min(n, k + 4096)
            var run = SIMD2<Double>(repeating: 0)
            var j = k
            while j + 2 <= end {
                let v = raw.loadUnaligned(fromByteOffset: j &* 8, as: SIMD2<Double>.self)
                let x = v * p
                let units = (x + rounding) - rounding
                guard all((units / p .== v) .& (x .< limit) .& (x .> -limit)) else { break }
                run += units
                j += 2
            }
            let total = run[0] + run[1]
            if !addUnits(Int64(total)) { becomeInexact(adding: total / p[0]) }
            let stop = Swift.min(j + 2, end)
            while j < stop {
                add(values[j])
                j += 1
            }
            k = j
        }
    }

    /// Adds another sum.
    public mutating func add(_ other: DecimalSum) {
        if storedScale == other.storedScale, storedScale >= 0, addUnits(other.high, other.low) { return }
        if inexactSum != nil || other.inexactSum != nil {
            inexactSum = value + other.value
            return
        }
        var a = self, b = other
        guard a.rescale(to: Swift.max(a.scale, b.scale)), b.rescale(to: a.scale), a.addUnits(b.high, b.low) else {
            inexactSum = value + other.value
            return
        }
        self = a
    }

    /// The sum with the opposite sign.
    public static prefix func - (sum: DecimalSum) -> DecimalSum {
        var out = sum
        if let inexact = sum.inexactSum {
            out.inexactSum = -inexact
        } else {
            out.low = ~sum.low &+ 1
            out.high = ~sum.high &+ (out.low == 0 ? 1 : 0)
        }
        return out
    }

    /// The sum's absolute value.
    public var magnitude: DecimalSum {
        if let inexact = inexactSum {
            var out = self
            out.inexactSum = inexact.magnitude
            return out
        }
        return high < 0 ? -self : self
    }

    /// `a − b` of two figures, exactly.
    public static func difference(_ a: Double, _ b: Double) -> DecimalSum {
        // Most pairs are small whole numbers of units at the first scale that fits both.
        for scale in 0...22 {
            guard let x = units(a, scale: scale) else {
                if (a * powersOfTen[scale]).magnitude >= 2251799813685248.0 { break }
                continue
            }
            guard let y = units(b, scale: scale) else {
                if (b * powersOfTen[scale]).magnitude >= 2251799813685248.0 { break }
                continue
            }
            var d = DecimalSum()
            d.storedScale = scale
            _ = d.addUnits(x - y)
            return d
        }
        var d = DecimalSum(a)
        d.subtract(b)
        return d
    }

    // MARK: The units

    /// Adds `n` units; false (and the sum unchanged) when the units would outgrow 128 bits.
    @inlinable @inline(__always)
    mutating func addUnits(_ n: Int64) -> Bool {
        addUnits(n < 0 ? -1 : 0, UInt64(bitPattern: n))
    }

    /// Adds the 128-bit two's-complement `high`/`low` units; false (and the sum unchanged)
    /// on overflow.
    @usableFromInline
    mutating func addUnits(_ otherHigh: Int64, _ otherLow: UInt64) -> Bool {
        let (l, carry) = low.addingReportingOverflow(otherLow)
        let h = high &+ otherHigh &+ (carry ? 1 : 0)
        // Overflow: both operands of one sign, the result of the other.
        if (high ^ otherHigh) >= 0 && (high ^ h) < 0 { return false }
        high = h
        low = l
        return true
    }

    /// Multiplies the units by 10^(`newScale` − scale) (nothing when `newScale` is not larger);
    /// false (and the sum unchanged) when they would outgrow 128 bits.
    mutating func rescale(to newScale: Int) -> Bool {
        guard newScale > scale else { return true }
        guard var m = UnitsMagnitude(self), m.multiply(byPowerOfTen: newScale - scale) else { return false }
        guard let (h, l) = m.twosComplement else { return false }
        high = h
        low = l
        storedScale = newScale
        return true
    }

    /// Adds `value` whose units at the current scale are not a small integer: finds its
    /// shortest decimal form, widens the scale or the value's units to the larger of the two
    /// scales, or turns the sum inexact when that outgrows 128 bits.
    @usableFromInline
    mutating func addFigure(_ value: Double) {
        if let inexact = inexactSum {
            inexactSum = inexact + value
            return
        }
        guard let figure = DecimalFigure(value) else { becomeInexact(adding: value); return }
        var units = UnitsMagnitude(high: 0, low: figure.digits)
        var figureScale = -figure.exponent
        if figureScale < 0 {
            guard units.multiply(byPowerOfTen: -figureScale) else { becomeInexact(adding: value); return }
            figureScale = 0
        }
        var sum = self
        guard sum.rescale(to: figureScale), units.multiply(byPowerOfTen: sum.scale - figureScale) else {
            becomeInexact(adding: value)
            return
        }
        if figure.negative { units.negative = true }
        guard let (h, l) = units.twosComplement, sum.addUnits(h, l) else { becomeInexact(adding: value); return }
        self = sum
    }

    /// Turns the sum inexact, then adds `value` as a double.
    @usableFromInline
    mutating func becomeInexact(adding value: Double) {
        inexactSum = self.value + value
    }
}

extension DecimalSum: Hashable {
    /// Equal values: two exact sums of the same value at different scales are equal; an
    /// inexact sum equals only an inexact sum with the same double.
    public static func == (a: DecimalSum, b: DecimalSum) -> Bool {
        if a.inexactSum != nil || b.inexactSum != nil { return a.inexactSum?.bitPattern == b.inexactSum?.bitPattern }
        let x = a.normalized, y = b.normalized
        return x.high == y.high && x.low == y.low && x.scale == y.scale
    }

    public func hash(into hasher: inout Hasher) {
        if let inexact = inexactSum {
            hasher.combine(inexact.bitPattern)
        } else {
            let x = normalized
            hasher.combine(x.high)
            hasher.combine(x.low)
            hasher.combine(x.scale)
        }
    }

    /// The same sum without trailing zero decimals.
    var normalized: DecimalSum {
        guard inexactSum == nil, var m = UnitsMagnitude(self) else { return self }
        var out = self
        while out.scale > 0, m.remainderDividingByTen() == 0 {
            m.divideByTen()
            out.storedScale -= 1
        }
        (out.high, out.low) = m.twosComplement!
        return out
    }
}

extension DecimalSum: CustomStringConvertible {
    /// The exact decimal (`408515.7`), or the double sum followed by `(inexact)`.
    public var description: String {
        if let inexact = inexactSum { return "\(inexact) (inexact)" }
        guard let m = UnitsMagnitude(self) else { return "?" }
        var digits = m.decimalDigits
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        if scale > 0 { digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale)) }
        return (m.negative ? "-" : "") + digits
    }
}

extension DecimalSum {
    /// The parts an exact sum is stored as: the sign and the 128-bit magnitude (high and low
    /// words) of its units, and its scale; nil for an inexact sum.
    public var storedParts: (negative: Bool, high: UInt64, low: UInt64, scale: Int)? {
        guard let m = UnitsMagnitude(self) else { return nil }
        return (m.negative, m.high, m.low, scale)
    }

    /// The exact sum of `±(high × 2^64 + low) × 10^-scale`; nil when the magnitude is 2^127 or
    /// more or the scale negative.
    public init?(negative: Bool, high: UInt64, low: UInt64, scale: Int) {
        guard scale >= 0, let (h, l) = UnitsMagnitude(high: high, low: low, negative: negative).twosComplement else { return nil }
        self.high = h
        self.low = l
        self.storedScale = scale
    }

    /// An inexact sum whose double sum is `value`.
    public init(inexact value: Double) {
        inexactSum = value
    }

    /// Zero at the scale of `other` (at scale 0 when `other` is inexact): a fresh sum that
    /// takes figures of `other`'s decimals without widening first, as the next bucket of a
    /// fold does. Its value is zero whatever the scale.
    public init(zeroAtScaleOf other: DecimalSum) {
        storedScale = other.scale
    }
}
