#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a chart writes numbers: thousands separators below a million, SI suffixes above
/// (`65.8B`), with no more decimals than the ticks need.
public enum ValueFormat {
    /// The divisor and suffix for numbers of magnitude `magnitude`: T, B (billion), M, or none.
    static func scale(for magnitude: Double) -> (divisor: Double, suffix: String) {
        if magnitude >= 1e12 { return (1e12, "T") }
        if magnitude >= 1e9 { return (1e9, "B") }
        if magnitude >= 1e6 { return (1e6, "M") }
        return (1, "")
    }

    /// The labels of evenly spaced ticks `step` apart, all in one scale and with the same
    /// number of decimals, e.g. `45B`, `50B`, … or `0.5`, `1.0`, ….
    static func tickLabels(_ ticks: [Double], step: Double) -> [String] {
        let magnitude = ticks.map(abs).max() ?? 0
        let (divisor, suffix) = scale(for: magnitude)
        let decimals = max(0, Int(-(log10(step / divisor) + 1e-9).rounded(.down)))
        return ticks.map { $0 == 0 ? "0" : fixed($0 / divisor, decimals: decimals, grouping: true) + suffix }
    }

    /// A value on its own, in about three significant digits: `65.8B`, `25`, `1,234`, `0.125`.
    public static func short(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let (divisor, suffix) = scale(for: abs(value))
        let scaled = value / divisor
        let magnitude = abs(scaled)
        let decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3
        var text = fixed(scaled, decimals: decimals, grouping: true)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text + suffix
    }

    /// A count with thousands separators, e.g. `10,005,120`.
    public static func count(_ n: Int) -> String { fixed(Double(n), decimals: 0, grouping: true) }

    /// `value` rounded to `decimals` places, with `,` between thousands when `grouping`.
    static func fixed(_ value: Double, decimals: Int, grouping: Bool = false) -> String {
        guard value.isFinite else { return "\(value)" }
        var power = 1.0
        for _ in 0..<decimals { power *= 10 }
        let magnitude = (abs(value) * power).rounded()
        guard magnitude < 9e18 else { return "\(value)" }
        let units = UInt64(magnitude)
        let divisor = UInt64(power)
        let whole = units / divisor, fraction = units % divisor
        var digits = String(whole)
        if grouping && digits.count > 3 {
            var grouped = ""
            for (i, digit) in digits.enumerated() {
                if i > 0 && (digits.count - i) % 3 == 0 { grouped.append(",") }
                grouped.append(digit)
            }
            digits = grouped
        }
        if decimals > 0 {
            let text = String(fraction)
            digits += "." + String(repeating: "0", count: decimals - text.count) + text
        }
        return (value < 0 && units != 0 ? "-" : "") + digits
    }
}
