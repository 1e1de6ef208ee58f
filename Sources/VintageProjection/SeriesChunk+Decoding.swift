import VintageColumnar
import VintageFolds

/// The points of a chunk: their valid times, strictly ascending, and where their rows start.
struct ChunkPoints {
    /// The points' valid times.
    let times: [Int64]
    /// The first row of each point, then the row count: point `p` holds rows
    /// `starts[p]..<starts[p + 1]`.
    let starts: [Int]

    /// The number of points.
    var count: Int { times.count }

    /// The rows of point `p`.
    @inline(__always)
    func rows(of p: Int) -> Range<Int> { starts[p]..<starts[p + 1] }

    /// The points whose valid time lies in `from..<to` (nil: unbounded).
    func range(from: Int64?, to: Int64?) -> Range<Int> {
        let lower = from.map(firstIndex(notBelow:)) ?? 0
        let upper = to.map(firstIndex(notBelow:)) ?? count
        return lower..<max(lower, upper)
    }

    /// The first point whose valid time is not below `bound` (``count`` if none).
    func firstIndex(notBelow bound: Int64) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if times[mid] < bound { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

/// The events of a chunk's rows: per row the index of its event, and the events' release times.
struct RowEvents {
    /// Per row, its event's index (below ``count``).
    let indices: [Int32]
    /// The events' release times: `times[indices[i]]` is row `i`'s.
    let times: [Int64]

    /// The number of events the rows name.
    var count: Int { times.count }

}

extension SeriesChunk {
    /// Decodes `Int64` column `column`.
    func int64s(_ column: Int) throws(SeriesChunkError) -> [Int64] {
        try decoded(column, rowCount) { (raw, out) throws(ChunkError) in try header.decode(column: column, from: raw, into: out) }
    }

    /// Decodes the first `count` values (at most the row count) of `Int64` column `column`.
    func int64s(_ column: Int, prefix count: Int) throws(SeriesChunkError) -> [Int64] {
        try decoded(column, count) { (raw, out) throws(ChunkError) in try header.decodePrefix(column: column, from: raw, into: out) }
    }

    /// The value of every row of `Int64` column `column` when it is stored constant, else nil.
    func constant(_ column: Int) throws(SeriesChunkError) -> Int64? {
        let result: Result<Int64?, ChunkError> = bytes.withUnsafeBytes { raw in
            Result { () throws(ChunkError) in try header.constantInt64(column: column, from: raw) }
        }
        switch result {
        case .success(let value): return value
        case .failure(let error): throw .chunk(error)
        }
    }

    /// Decodes `Double` column `column`.
    func doubles(_ column: Int) throws(SeriesChunkError) -> [Double] {
        try decoded(column, rowCount) { (raw, out) throws(ChunkError) in try header.decode(column: column, from: raw, into: out) }
    }

    /// Decodes `UInt8` column `column`.
    func uint8s(_ column: Int) throws(SeriesChunkError) -> [UInt8] {
        try decoded(column, rowCount) { (raw, out) throws(ChunkError) in try header.decode(column: column, from: raw, into: out) }
    }

    /// The chunk's points, checked: row counts of at least 1 adding up to the row count, valid
    /// times strictly ascending and spanning exactly the zone map's range (pruning trusts the
    /// zone map; queries rely on the order). The padding after the points is not decoded.
    ///
    /// - Throws: ``SeriesChunkError/inconsistent(_:)`` when they are not, or a decoding error.
    func checkedPoints() throws(SeriesChunkError) -> ChunkPoints {
        let n = rowCount
        guard n > 0 else { return ChunkPoints(times: [], starts: [0]) }
        let counts = try int64s(Self.pointRowsColumn)
        var bad = -1
        let starts = [Int](unsafeUninitializedCapacity: n + 1) { starts, initialized in
            counts.withUnsafeBufferPointer { c in
                var total = 0, p = 0
                starts[0] = 0
                while total < n {
                    // Each count is at least 1, so p <= total < n here.
                    guard c[p] >= 1 && c[p] <= Int64(n - total) else { bad = p; initialized = 1; return }
                    total &+= Int(c[p])
                    p &+= 1
                    starts[p] = total
                }
                initialized = p + 1
            }
        }
        if bad >= 0 { throw .inconsistent("point \(bad) has too few or too many rows") }
        let times = try int64s(Self.validTimeColumn, prefix: starts.count - 1)
        var ascending = true
        times.withUnsafeBufferPointer { t in
            for i in 1..<t.count where t[i] <= t[i - 1] { ascending = false; break }
        }
        guard ascending else { throw .inconsistent("valid times are not ascending") }
        guard validTimes == times[0]...times[times.count - 1] else {
            throw .inconsistent("valid times \(times[0])...\(times[times.count - 1]), zone map \(String(describing: validTimes))")
        }
        return ChunkPoints(times: times, starts: starts)
    }

    /// Each row's event index, rebuilt from the event steps (checked to stay among the
    /// chunk's rows), and the release times of the events the rows name: of every row, or
    /// of the rows of the points before `pointEnd`. That release times
    /// do not decrease within a point is checked where rows are read (``select`` and
    /// ``rows(from:to:applying:)``).
    ///
    /// - Throws: ``SeriesChunkError/inconsistent(_:)`` for an index outside the rows, or a
    ///   decoding error.
    func rowEvents(_ points: ChunkPoints, through pointEnd: Int? = nil) throws(SeriesChunkError) -> RowEvents {
        let n = rowCount
        guard n > 0 else { return RowEvents(indices: [], times: []) }
        let steps = try int64s(Self.eventStepColumn)
        let lastPoint = pointEnd ?? points.count
        let rows = points.starts[lastPoint]
        var bad = -1, largest = -1
        // Every row its own event, in row order (mode 1, every other step 0): no walk needed.
        if steps[0] == StepMode.afterPreviousRow.rawValue && !steps[1...].contains(where: { $0 != 0 }) {
            let indices = [Int32](unsafeUninitializedCapacity: rows) { x, initialized in
                for i in 0..<rows { x[i] = Int32(truncatingIfNeeded: i) }
                initialized = rows
            }
            return RowEvents(indices: indices, times: try int64s(Self.eventTimeColumn, prefix: rows))
        }
        let indices = [Int32](unsafeUninitializedCapacity: rows) { x, initialized in
            steps.withUnsafeBufferPointer { s in
                points.starts.withUnsafeBufferPointer { starts in
                    // The first row's event is 0; its step holds the mode.
                    let byRow: Bool
                    switch s[0] {
                    case StepMode.afterPreviousPoint.rawValue: byRow = false
                    case StepMode.afterPreviousRow.rawValue: byRow = true
                    default: bad = 0; return
                    }
                    // An event index e is valid when 0 <= e < n; predicted indices lie in
                    // 0...n, so a wrapping sum with any step lands there only when the step
                    // keeps it in range (n is far below 2^63).
                    let limit = UInt(n)
                    var firstOfPrevious = -1, e = -1, top = -1
                    for p in 0..<lastPoint {
                        let first = starts[p], end = starts[p + 1]
                        if p == 0 {
                            e = 0
                        } else {
                            e = (byRow ? e : firstOfPrevious) &+ 1 &+ Int(truncatingIfNeeded: s[first])
                            guard UInt(bitPattern: e) < limit else { bad = first; return }
                        }
                        x[first] = Int32(truncatingIfNeeded: e)
                        firstOfPrevious = e
                        top = max(top, e)
                        var i = first &+ 1
                        while i < end {
                            e = e &+ 1 &+ Int(truncatingIfNeeded: s[i])
                            guard UInt(bitPattern: e) < limit else { bad = i; return }
                            x[i] = Int32(truncatingIfNeeded: e)
                            top = max(top, e)
                            i &+= 1
                        }
                    }
                    largest = top
                    initialized = rows
                }
            }
        }
        if bad >= 0 { throw .inconsistent("the event of row \(bad) is outside the chunk's rows") }
        let times = try int64s(Self.eventTimeColumn, prefix: largest + 1)
        return RowEvents(indices: indices, times: times)
    }

    /// The seqs of the events the rows name.
    func eventSeqs(_ events: RowEvents) throws(SeriesChunkError) -> [Int64] {
        try int64s(Self.eventSeqColumn, prefix: events.count)
    }

    /// The end codes of the events the rows name (0 for current rows).
    func eventEnds(_ events: RowEvents) throws(SeriesChunkError) -> [Int64] {
        try int64s(Self.eventEndColumn, prefix: events.count)
    }

    /// The `visibleUntil` of each row `events` covers, from its event's end code; `seqs` are
    /// the events' seqs.
    func visibleUntils(_ events: RowEvents, seqs: [Int64]) throws(SeriesChunkError) -> [Int64] {
        let ends = try eventEnds(events)
        return [Int64](unsafeUninitializedCapacity: events.indices.count) { out, initialized in
            ends.withUnsafeBufferPointer { c in
                seqs.withUnsafeBufferPointer { d in
                    events.indices.withUnsafeBufferPointer { x in
                        for i in x.indices {
                            let e = Int(x[i])
                            out[i] = Self.visibleUntil(endCode: c[e], seq: d[e])
                        }
                    }
                }
            }
            initialized = events.indices.count
        }
    }

    /// The `visibleFrom` of each row `events` covers, stored against its seq; `seqs` are the
    /// events' seqs.
    func visibleFroms(_ events: RowEvents, seqs: [Int64]) throws(SeriesChunkError) -> [Int64] {
        var froms = try int64s(Self.visibleFromColumn)
        froms.removeSubrange(events.indices.count...)
        froms.withUnsafeMutableBufferPointer { f in
            seqs.withUnsafeBufferPointer { d in
                events.indices.withUnsafeBufferPointer { x in
                    for i in x.indices { f[i] = d[Int(x[i])] &+ f[i] }
                }
            }
        }
        return froms
    }

    /// Decodes `count` values of column `column` into a new array with `decode`, which fills
    /// the buffer it is given.
    private func decoded<T>(
        _ column: Int, _ count: Int, _ decode: (UnsafeRawBufferPointer, UnsafeMutableBufferPointer<T>) throws(ChunkError) -> Void
    ) throws(SeriesChunkError) -> [T] {
        guard count > 0 else { return [] }
        var failure: ChunkError? = nil
        let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let result: Result<Void, ChunkError> = bytes.withUnsafeBytes { raw in
                Result { () throws(ChunkError) in try decode(raw, buffer) }
            }
            switch result {
            case .success: initialized = count
            case .failure(let error): failure = error; initialized = 0
            }
        }
        if let failure { throw .chunk(failure) }
        return values
    }

    /// Replaces, in `untils`, the `visibleUntil` of every row of the points in `range` that
    /// `ended` records an end for. `events` gives the rows' release times, `froms` their
    /// `visibleFrom`s (within a point, rows are in key order).
    static func applyEnds(
        _ ended: EndedRows, points: ChunkPoints, events: RowEvents, froms: [Int64], to untils: inout [Int64], in range: Range<Int>
    ) {
        guard !ended.isEmpty, let first = range.first else { return }
        let entries = ended.entries
        for e in ended.indices(validTimes: points.times[first]...points.times[range.upperBound - 1]) {
            let key = entries[e].key
            let p = points.firstIndex(notBelow: key.validTime)
            guard range.contains(p), points.times[p] == key.validTime else { continue }
            let rows = points.rows(of: p)
            var lo = rows.lowerBound, hi = rows.upperBound
            while lo < hi {
                let mid = (lo + hi) / 2
                if (events.times[Int(events.indices[mid])], froms[mid]) < (key.releasedAt, key.visibleFrom) { lo = mid + 1 } else { hi = mid }
            }
            if lo < rows.upperBound, events.times[Int(events.indices[lo])] == key.releasedAt, froms[lo] == key.visibleFrom {
                untils[lo] = entries[e].visibleUntil
            }
        }
    }

    /// Whether `ended` records an end for any row whose valid time lies in `validTimes`.
    static func endsAny(_ ended: EndedRows, in validTimes: ClosedRange<Int64>) -> Bool {
        !ended.isEmpty && !ended.indices(validTimes: validTimes).isEmpty
    }
}
