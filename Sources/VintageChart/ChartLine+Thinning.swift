/// Thinning a line with more points than a display has columns: per column, the smallest
/// and largest value, so that every peak and trough stays visible.
extension ChartLine {
    /// The line with at most two points per column when `columns` columns span
    /// `start...end`: each column's minimum and maximum (the one nearer the previous point
    /// first), at the column's first point's time. Points outside the span are dropped,
    /// except for a step line's last point before `start`, which holds into the span.
    /// A line with no more than four points per column is returned as it is.
    public func thinned(columns: Int, start: Int64, end: Int64) -> ChartLine {
        guard columns > 0, end > start, count > 4 * columns else { return self }
        var thin = self
        thin.times = []
        thin.values = []
        thin.times.reserveCapacity(2 * columns + 2)
        thin.values.reserveCapacity(2 * columns + 2)
        let span = Double(end - start)
        var column = -1
        var low = 0.0, high = 0.0, lowTime: Int64 = 0, highTime: Int64 = 0
        func flush() {
            guard column >= 0 else { return }
            let previous = thin.values.last ?? low
            let lowFirst = abs(previous - low) <= abs(previous - high)
            if low == high {
                thin.times.append(min(lowTime, highTime))
                thin.values.append(low)
            } else {
                let time = min(lowTime, highTime)
                thin.times.append(time)
                thin.values.append(lowFirst ? low : high)
                thin.times.append(time)
                thin.values.append(lowFirst ? high : low)
            }
        }
        for k in 0..<count {
            let time = times[k], value = values[k]
            if time < start {
                if interpolation == .steps && (k + 1 == count || times[k + 1] > start) {
                    thin.times.append(time)
                    thin.values.append(value)
                }
                continue
            }
            if time > end { break }
            let c = min(columns - 1, Int(Double(time - start) / span * Double(columns)))
            if c != column {
                flush()
                column = c
                (low, high, lowTime, highTime) = (value, value, time, time)
            } else {
                if value < low { (low, lowTime) = (value, time) }
                if value > high { (high, highTime) = (value, time) }
            }
        }
        flush()
        return thin
    }
}
