/// The maximal runs of equal values in a column, as the run-length encodings write them:
/// one value and one length per run, in order.
struct Runs<Value: Equatable> {
    /// The value of each run.
    private(set) var values: [Value] = []
    /// The number of rows in each run.
    private(set) var lengths: [Int64] = []

    /// Splits `count` values, read by index through `value`, into runs.
    init(count: Int, _ value: (Int) -> Value) {
        var i = 0
        while i < count {
            let v = value(i)
            var j = i + 1
            while j < count && value(j) == v { j += 1 }
            values.append(v)
            lengths.append(Int64(j - i))
            i = j
        }
    }
}
