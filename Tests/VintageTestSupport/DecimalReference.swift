/// Exact decimal arithmetic on figures' text, with integers: the reference that exact sums,
/// averages and differences are checked against in every test target.

/// A decimal figure as a JSON number would give it, with its integer units and decimals.
public struct ReferenceFigure: Sendable {
    public var units: Int64
    public var decimals: Int
    public var text: String
    public var value: Double { Double(text)! }

    public init(units: Int64, decimals: Int, text: String) {
        self.units = units
        self.decimals = decimals
        self.text = text
    }
}

/// Exact arithmetic on figures' text with integers: the reference the sums are checked against.
public enum DecimalReference {
    public static func power(_ k: Int) -> Int64 { (0..<k).reduce(1) { x, _ in x * 10 } }

    /// The sum of the figures' units at their largest number of decimals.
    public static func sum(_ figures: [ReferenceFigure]) -> (units: Int64, scale: Int) {
        let scale = figures.map(\.decimals).max() ?? 0
        return (figures.reduce(0) { $0 + $1.units * power(scale - $1.decimals) }, scale)
    }

    /// `units × 10^-scale` as decimal text.
    public static func text(units: Int64, scale: Int) -> String {
        var digits = String(units.magnitude)
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        if scale > 0 { digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale)) }
        return (units < 0 ? "-" : "") + digits
    }

    /// `a ÷ b` (b positive) as decimal text to 60 decimals: parsed, it is the correctly
    /// rounded quotient unless the quotient lies within 10^-60 of a tie.
    public static func ratioText(_ a: Int64, _ b: Int64) -> String {
        var text = (a < 0 ? "-" : "") + String(a.magnitude / UInt64(b)) + "."
        var remainder = a.magnitude % UInt64(b)
        for _ in 0..<60 {
            remainder *= 10
            text += String(remainder / UInt64(b))
            remainder %= UInt64(b)
        }
        return text
    }
}

extension SplitMix64 {
    /// A figure of 1 to `maxDigits` significant digits and 0 to `maxDecimals` decimals, of either sign.
    public mutating func figure(maxDigits: Int = 10, maxDecimals: Int = 6) -> ReferenceFigure {
        let digits = Int(next() % UInt64(maxDigits)) + 1
        let units = Int64(next() % UInt64(DecimalReference.power(digits))) * (next() % 4 == 0 ? -1 : 1)
        let decimals = Int(next() % UInt64(maxDecimals + 1))
        return ReferenceFigure(units: units, decimals: decimals, text: DecimalReference.text(units: units, scale: decimals))
    }
}
