/// The sign and magnitude of a ``DecimalSum``'s 128-bit units, for the rare operations that
/// need them: scaling by powers of ten, dividing by ten, printing.
struct UnitsMagnitude {
    var negative = false
    var high: UInt64
    var low: UInt64

    init(high: UInt64, low: UInt64, negative: Bool = false) {
        self.high = high
        self.low = low
        self.negative = negative
    }

    /// The magnitude of an exact sum's units; nil for an inexact sum.
    init?(_ sum: DecimalSum) {
        guard sum.isExact else { return nil }
        if sum.high < 0 {
            let l = ~sum.low &+ 1
            self.init(high: ~UInt64(bitPattern: sum.high) &+ (l == 0 ? 1 : 0), low: l, negative: true)
        } else {
            self.init(high: UInt64(bitPattern: sum.high), low: sum.low)
        }
    }

    var isZero: Bool { high == 0 && low == 0 }

    /// The signed units as 128-bit two's complement; nil when the magnitude is 2^127 or more.
    var twosComplement: (Int64, UInt64)? {
        guard high < 1 << 63 else { return nil }
        guard negative else { return (Int64(bitPattern: high), low) }
        let l = ~low &+ 1
        return (Int64(bitPattern: ~high &+ (l == 0 ? 1 : 0)), l)
    }

    /// Multiplies by 10^`k`; false (and the value unchanged) when the product needs more
    /// than 128 bits.
    mutating func multiply(byPowerOfTen k: Int) -> Bool {
        guard !isZero else { return true }
        var m = self
        var left = k
        while left > 0 {
            let step = Swift.min(left, 19)
            var p: UInt64 = 1
            for _ in 0..<step { p *= 10 }
            let (lh, ll) = m.low.multipliedFullWidth(by: p)
            let (hh, hl) = m.high.multipliedFullWidth(by: p)
            let (h, o) = lh.addingReportingOverflow(hl)
            guard hh == 0, !o else { return false }
            m.high = h
            m.low = ll
            left -= step
        }
        self = m
        return true
    }

    /// The remainder of the magnitude divided by ten.
    func remainderDividingByTen() -> UInt64 {
        let r = high % 10
        return UInt64(10).dividingFullWidth((r, low)).remainder
    }

    /// Divides the magnitude by ten, dropping the remainder.
    mutating func divideByTen() {
        let (qh, r) = high.quotientAndRemainder(dividingBy: 10)
        let (ql, _) = UInt64(10).dividingFullWidth((r, low))
        high = qh
        low = ql
    }

    /// The magnitude's decimal digits (`0` for zero).
    var decimalDigits: String {
        var m = self
        var digits: [UInt8] = []
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(m.remainderDividingByTen()))
            m.divideByTen()
        } while !m.isZero
        return String(decoding: digits.reversed(), as: UTF8.self)
    }
}
