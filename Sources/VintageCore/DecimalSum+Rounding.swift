extension DecimalSum {
    /// The double nearest the sum (ties to even): the one rounding of an exact sum. An
    /// inexact sum gives its double sum.
    public var value: Double {
        if let inexact = inexactSum { return inexact }
        if scale <= 22, let n = smallUnits { return Double(n) / DecimalSum.powersOfTen[scale] }
        guard let m = UnitsMagnitude(self) else { return .nan }
        return DecimalSum.nearest(negative: m.negative, Natural(m), powerOfTen: 0, over: Natural(1), powerOfTen: scale)
    }

    /// The double nearest `sum ÷ count` (an average; ties to even); `count` is positive.
    public func quotient(dividingBy count: Int) -> Double {
        precondition(count > 0, "a quotient by \(count)")
        if let inexact = inexactSum { return inexact / Double(count) }
        if scale <= 18, let n = smallUnits {
            let (d, o) = Int64(count).multipliedReportingOverflow(by: DecimalSum.integralPowersOfTen[scale])
            if !o && d <= 1 << 53 { return Double(n) / Double(d) }
        }
        guard let m = UnitsMagnitude(self) else { return .nan }
        var divisor = Natural(UInt64(count))
        divisor.multiply(byPowerOfTen: scale)
        return DecimalSum.nearest(negative: m.negative, Natural(m), powerOfTen: 0, over: divisor, powerOfTen: 0)
    }

    /// The double nearest `sum ÷ |base| × 100` (a percentage change when the sum is the change
    /// and `base` what it changed from; ties to even); nil when `base` is zero.
    public func percent(of base: DecimalSum) -> Double? {
        guard !base.isZero else { return nil }
        if inexactSum != nil || base.inexactSum != nil { return value / base.value.magnitude * 100 }
        if scale <= 18, base.scale <= 16, let n = smallUnits, let b = base.smallUnits {
            let (top, o1) = n.multipliedReportingOverflow(by: 100 * DecimalSum.integralPowersOfTen[base.scale])
            let (bottom, o2) = b.magnitude.multipliedReportingOverflow(by: UInt64(DecimalSum.integralPowersOfTen[scale]))
            if !o1 && !o2 && top.magnitude <= 1 << 53 && bottom <= 1 << 53 { return Double(top) / Double(bottom) }
        }
        guard let m = UnitsMagnitude(self), let b = UnitsMagnitude(base) else { return .nan }
        var top = Natural(m)
        top.multiply(by: 100)
        return DecimalSum.nearest(negative: m.negative, top, powerOfTen: base.scale, over: Natural(b), powerOfTen: scale)
    }

    /// The units when they lie within ±2^53 (exact as a double).
    var smallUnits: Int64? {
        let n = Int64(bitPattern: low)
        guard high == (n < 0 ? -1 : 0), n.magnitude <= 1 << 53 else { return nil }
        return n
    }

    /// 10^0 ... 10^18 as integers.
    static let integralPowersOfTen: [Int64] = (0...18).map { e in (0..<e).reduce(1) { x, _ in x * 10 } }

    /// The double nearest `±(a × 10^p) ÷ (b × 10^q)` for positive `b`, ties to even.
    static func nearest(negative: Bool, _ a: Natural, powerOfTen p: Int, over b: Natural, powerOfTen q: Int) -> Double {
        var top = a, bottom = b
        top.multiply(byPowerOfTen: p)
        bottom.multiply(byPowerOfTen: q)
        guard !top.isZero else { return negative ? -0.0 : 0.0 }
        // Scale by 2^s so that the quotient has 55 or 56 bits: 53 to keep, a rounding bit,
        // and one or two more, with the remainder as the sticky bit.
        let s = 55 - (top.bitWidth - bottom.bitWidth)
        if s >= 0 { top.shiftLeft(by: s) } else { bottom.shiftLeft(by: -s) }
        var q: UInt64 = 0
        for i in stride(from: 56, through: 0, by: -1) {
            var t = bottom
            t.shiftLeft(by: i)
            if top >= t {
                top.subtract(t)
                q |= 1 << UInt64(i)
            }
        }
        let extra = (64 - q.leadingZeroBitCount) - 53
        var kept = q >> UInt64(extra)
        let rest = q & ((1 << UInt64(extra)) - 1), half: UInt64 = 1 << UInt64(extra - 1)
        if rest > half || (rest == half && (!top.isZero || kept & 1 == 1)) { kept += 1 }
        return Double(sign: negative ? .minus : .plus, exponent: extra - s, significand: Double(kept))
    }
}

/// A natural number of any size, little-endian 64-bit words: just what the correctly
/// rounded quotients of ``DecimalSum`` need when their operands outgrow a double's 53 bits.
struct Natural: Comparable {
    var words: [UInt64]

    init(_ n: UInt64) { words = [n] }

    init(_ m: UnitsMagnitude) { words = [m.low, m.high] }

    var isZero: Bool { words.allSatisfy { $0 == 0 } }

    var bitWidth: Int {
        for k in words.indices.reversed() where words[k] != 0 { return k * 64 + 64 - words[k].leadingZeroBitCount }
        return 0
    }

    mutating func multiply(by factor: UInt64) {
        var carry: UInt64 = 0
        for k in words.indices {
            let (h, l) = words[k].multipliedFullWidth(by: factor)
            let (s, o) = l.addingReportingOverflow(carry)
            words[k] = s
            carry = h &+ (o ? 1 : 0)
        }
        if carry != 0 { words.append(carry) }
    }

    mutating func multiply(byPowerOfTen k: Int) {
        var left = k
        while left > 0 {
            let step = Swift.min(left, 19)
            var p: UInt64 = 1
            for _ in 0..<step { p *= 10 }
            multiply(by: p)
            left -= step
        }
    }

    mutating func shiftLeft(by bits: Int) {
        let wordShift = bits / 64, bitShift = UInt64(bits % 64)
        if bitShift > 0 {
            var carry: UInt64 = 0
            for k in words.indices {
                let w = words[k]
                words[k] = (w << bitShift) | carry
                carry = w >> (64 - bitShift)
            }
            if carry != 0 { words.append(carry) }
        }
        if wordShift > 0 { words.insert(contentsOf: repeatElement(0, count: wordShift), at: 0) }
    }

    /// Subtracts `other`, which is not larger.
    mutating func subtract(_ other: Natural) {
        var borrow = false
        for k in words.indices {
            let o = k < other.words.count ? other.words[k] : 0
            let (d1, b1) = words[k].subtractingReportingOverflow(o)
            let (d2, b2) = d1.subtractingReportingOverflow(borrow ? 1 : 0)
            words[k] = d2
            borrow = b1 || b2
        }
    }

    static func < (a: Natural, b: Natural) -> Bool {
        let n = Swift.max(a.words.count, b.words.count)
        for k in stride(from: n - 1, through: 0, by: -1) {
            let x = k < a.words.count ? a.words[k] : 0, y = k < b.words.count ? b.words[k] : 0
            if x != y { return x < y }
        }
        return false
    }

    static func == (a: Natural, b: Natural) -> Bool { !(a < b) && !(b < a) }
}
