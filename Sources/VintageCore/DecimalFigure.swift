/// A finite double's shortest round-trip decimal form, `±digits × 10^exponent`: the figure
/// a JSON number that parsed to the double was written as, less any trailing zeros
/// (`408515.7` is 4085157 × 10^-1, `1e+23` is 1 × 10^23).
struct DecimalFigure: Hashable {
    var negative: Bool
    /// At most 17 significant digits.
    var digits: UInt64
    var exponent: Int

    /// The figure of `value`; nil when it is not finite.
    init?(_ value: Double) {
        guard value.isFinite else { return nil }
        // Most figures have few decimals: the first scale at which the value is a small
        // whole number of units is its own (see DecimalSum.units).
        for scale in 0...22 {
            if let n = DecimalSum.units(value, scale: scale) {
                self.init(negative: value.sign == .minus, digits: n.magnitude, exponent: -scale)
                return
            }
            if (value * DecimalSum.powersOfTen[scale]).magnitude >= 2251799813685248.0 { break }
        }
        self.init(parsing: value.description)
    }

    init(negative: Bool, digits: UInt64, exponent: Int) {
        self.negative = negative
        self.digits = digits
        self.exponent = exponent
    }

    /// The figure of Swift's shortest round-trip text of a finite double (`-1.25e-07`,
    /// `408515.7`, `1e+23`).
    init?(parsing text: String) {
        var negative = false, digits: UInt64 = 0, decimals = 0, exponent = 0
        var inFraction = false, inExponent = false, exponentNegative = false, sawDigit = false
        for c in text.utf8 {
            switch c {
            case UInt8(ascii: "-"):
                if inExponent { exponentNegative = true } else { negative = true }
            case UInt8(ascii: "+"):
                continue
            case UInt8(ascii: "."):
                inFraction = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                inExponent = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let d = Int(c - UInt8(ascii: "0"))
                if inExponent {
                    exponent = exponent * 10 + d
                    if exponent > 10_000 { return nil }
                } else {
                    let (m, o1) = digits.multipliedReportingOverflow(by: 10)
                    let (s, o2) = m.addingReportingOverflow(UInt64(d))
                    if o1 || o2 { return nil }
                    digits = s
                    sawDigit = true
                    if inFraction { decimals += 1 }
                }
            default:
                return nil
            }
        }
        guard sawDigit else { return nil }
        if exponentNegative { exponent = -exponent }
        self.init(negative: negative, digits: digits, exponent: exponent - decimals)
    }
}
