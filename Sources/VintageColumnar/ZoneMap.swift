/// What a chunk says about its rows without decoding any column.
public struct ZoneMap: Sendable, Equatable {
    /// The number of rows.
    public var rowCount: Int
    /// The smallest and largest valid time, when the chunk has a valid-time column and rows.
    public var validTime: ClosedRange<Int64>?
    /// The summary of the value column, when the chunk has one and rows.
    public var values: ValueSummary?

    /// Creates a zone map from its parts.
    public init(rowCount: Int, validTime: ClosedRange<Int64>?, values: ValueSummary?) {
        self.rowCount = rowCount
        self.validTime = validTime
        self.values = values
    }
}

/// Minimum, maximum, sum, first and last of a chunk's value column.
///
/// Equality compares bit patterns, so a summary read back equals the one written even when
/// it holds NaN or `-0.0`.
public struct ValueSummary: Sendable {
    /// The smallest value, NaN ignored (`-0.0` below `0.0`); NaN when every value is NaN.
    public var min: Double
    /// The largest value, NaN ignored (`0.0` above `-0.0`); NaN when every value is NaN.
    public var max: Double
    /// The sum of the values in row order, by IEEE-754 double addition.
    public var sum: Double
    /// The value of the row with the earliest valid time (the first such row), or of the first row without a valid-time column.
    public var first: Double
    /// The value of the row with the latest valid time (the last such row), or of the last row without a valid-time column.
    public var last: Double

    /// Creates a summary from its parts.
    public init(min: Double, max: Double, sum: Double, first: Double, last: Double) {
        self.min = min
        self.max = max
        self.sum = sum
        self.first = first
        self.last = last
    }
}

extension ValueSummary: Equatable {
    /// Bit-for-bit equality of every field.
    public static func == (a: ValueSummary, b: ValueSummary) -> Bool {
        a.min.bitPattern == b.min.bitPattern && a.max.bitPattern == b.max.bitPattern
            && a.sum.bitPattern == b.sum.bitPattern && a.first.bitPattern == b.first.bitPattern
            && a.last.bitPattern == b.last.bitPattern
    }
}

extension ZoneMap {
    /// The zone map of `columns`, taking valid time from column `validTimeColumn` (an `Int64`
    /// column) and values from column `valueColumn` (a `Double` column).
    ///
    /// - Precondition: the columns have equal lengths and the indices name columns of those types.
    public init(columns: [Column], validTimeColumn: Int?, valueColumn: Int?) {
        let rowCount = columns.first?.count ?? 0
        var times: [Int64]? = nil
        if let t = validTimeColumn, case .int64(let v) = columns[t] { times = v }
        var values: [Double]? = nil
        if let c = valueColumn, case .double(let v) = columns[c] { values = v }
        self.init(rowCount: rowCount, validTime: nil, values: nil)
        guard rowCount > 0 else { return }
        var firstRow = 0
        var lastRow = rowCount - 1
        if let times {
            var lo = times[0], hi = times[0]
            for (i, t) in times.enumerated() {
                if t < lo { lo = t; firstRow = i }
                if t >= hi { hi = t; lastRow = i }
            }
            validTime = lo...hi
        }
        if let values {
            var lo = Double.nan, hi = Double.nan, sum = 0.0
            for v in values {
                sum += v
                if v.isNaN { continue }
                if lo.isNaN || v < lo || (v == lo && v.sign == .minus) { lo = v }
                if hi.isNaN || v > hi || (v == hi && v.sign == .plus) { hi = v }
            }
            self.values = ValueSummary(min: lo, max: hi, sum: sum, first: values[firstRow], last: values[lastRow])
        }
    }
}
