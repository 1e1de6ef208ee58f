#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The y axis of a chart: the values' range widened to round numbers, with evenly spaced
/// ticks at multiples of 1, 2 or 5 times a power of ten.
struct ValueScale: Hashable, Sendable {
    /// The value at the bottom of the plot.
    var lower: Double
    /// The value at the top of the plot.
    var upper: Double
    /// The distance between two ticks.
    var step: Double
    /// The tick values, from the bottom up.
    var ticks: [Double]

    /// A scale covering `low...high` with about `targetTicks` intervals.
    init(covering low: Double, _ high: Double, targetTicks: Int) {
        var low = low, high = high
        if !low.isFinite || !high.isFinite || low > high { (low, high) = (0, 1) }
        if low == high {
            let pad = low == 0 ? 1 : abs(low) * 0.05
            (low, high) = (low - pad, high + pad)
        }
        let step = ValueScale.niceStep((high - low) / Double(max(1, targetTicks)))
        let first = (low / step).rounded(.down), last = (high / step).rounded(.up)
        self.step = step
        lower = first * step
        upper = max(last * step, lower + step)
        ticks = stride(from: first, through: max(last, first + 1), by: 1).map { $0 * step }
    }

    /// The smallest of 1, 2 or 5 times a power of ten that is at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        let base = pow(10, log10(raw).rounded(.down))
        let fraction = raw / base
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        return nice * base
    }

    /// Where `value` lies between the bottom (0) and the top (1).
    func fraction(of value: Double) -> Double { (value - lower) / (upper - lower) }

    /// The tick labels, in the same order as ``ticks``.
    var labels: [String] { ValueFormat.tickLabels(ticks, step: step) }
}
