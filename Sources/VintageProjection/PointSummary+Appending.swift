extension PointSummary {
    /// The summary of the single point at valid time `time` with value `value`.
    public init(time: Int64, value: Double) {
        self.init(count: 1, sum: value, min: value, max: value, firstTime: time, firstValue: value, lastTime: time, lastValue: value)
    }

    /// Adds the point at valid time `time` (after every point summarized so far) with value
    /// `value`: the sum grows by IEEE-754 addition in valid-time order, and of equal extremes
    /// the earlier is kept.
    public mutating func append(time: Int64, value: Double) {
        count += 1
        sum += value
        if value < min { min = value }
        if value > max { max = value }
        lastTime = time
        lastValue = value
    }
}
