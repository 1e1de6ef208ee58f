/// A series read as the least and greatest value per bucket, joined into one line that goes
/// through both in each bucket: every peak and trough of the points stays visible at a
/// fraction of their number.
enum Envelope {
    /// The line through `lows` and `highs` (the minimum and maximum of each bucket, by bucket
    /// start in `times`), each bucket's two values at its middle (`width` wide), the one nearer
    /// the previous bucket's last value first.
    static func line(times: [Int64], lows: [Double], highs: [Double], width: Int64) -> (times: [Int64], values: [Double]) {
        var outTimes: [Int64] = [], outValues: [Double] = []
        outTimes.reserveCapacity(2 * times.count)
        outValues.reserveCapacity(2 * times.count)
        for k in times.indices {
            let middle = times[k] + width / 2
            let previous = outValues.last ?? lows[k]
            let (near, far) = abs(previous - lows[k]) <= abs(previous - highs[k]) ? (lows[k], highs[k]) : (highs[k], lows[k])
            outTimes.append(middle)
            outValues.append(near)
            if far != near {
                outTimes.append(middle)
                outValues.append(far)
            }
        }
        return (outTimes, outValues)
    }
}
