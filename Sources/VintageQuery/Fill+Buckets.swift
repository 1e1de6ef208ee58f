extension Fill {
    /// The rows of the buckets of `bucket` before `to`, from the first given row on: the
    /// non-empty ones given (`rows`, as (bucket start, value, count) in time order, all before
    /// `to`) and the empty ones this method fills, with count 0 — up to `to` for ``prev``, up
    /// to the last given row for ``linear``.
    func filled(_ rows: [FilledRow], bucket: Bucket, to: Int64) -> [FilledRow] {
        guard let firstRow = rows.first else { return [] }
        var out: [FilledRow] = []
        out.reserveCapacity(rows.count)
        var k = 0  // the next given row
        var b = firstRow.start
        while b < to {
            if k < rows.count, rows[k].start == b {
                out.append(rows[k])
                k += 1
                if self == .linear && k == rows.count { break }
            } else {
                let before = rows[k - 1]
                switch self {
                case .prev:
                    out.append(FilledRow(start: b, value: before.value, count: 0))
                case .linear:
                    let after = rows[k]
                    let fraction = Double(b - before.start) / Double(after.start - before.start)
                    out.append(FilledRow(start: b, value: before.value + (after.value - before.value) * fraction, count: 0))
                }
            }
            b = bucket.next(after: b)
        }
        return out
    }
}

/// One bucket's row while fill runs: its start, value and point count.
struct FilledRow: Hashable {
    var start: Int64
    var value: Double
    var count: Int
}
