import VintageCore

extension PointSummary {
    /// The summary of the single point at valid time `time` with value `value`.
    public init(time: Int64, value: Double) {
        self.init(count: 1, sum: DecimalSum(value), min: value, max: value, firstTime: time, firstValue: value, lastTime: time, lastValue: value)
    }

    /// Adds the point at valid time `time` (after every point summarized so far) with value
    /// `value`: the sum grows exactly (see ``DecimalSum``), and of equal extremes the earlier
    /// is kept.
    public mutating func append(time: Int64, value: Double) {
        count += 1
        exactSum.add(value)
        if value < min { min = value }
        if value > max { max = value }
        lastTime = time
        lastValue = value
    }
}
