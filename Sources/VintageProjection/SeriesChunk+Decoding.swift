import VintageColumnar

extension SeriesChunk {
    /// Decodes `Int64` column `column`.
    func int64s(_ column: Int) throws(SeriesChunkError) -> [Int64] {
        try decoded(column) { (raw, out) throws(ChunkError) in try header.decode(column: column, from: raw, into: out) }
    }

    /// Decodes `Double` column `column`.
    func doubles(_ column: Int) throws(SeriesChunkError) -> [Double] {
        try decoded(column) { (raw, out) throws(ChunkError) in try header.decode(column: column, from: raw, into: out) }
    }

    /// Decodes `UInt8` column `column`.
    func uint8s(_ column: Int) throws(SeriesChunkError) -> [UInt8] {
        try decoded(column) { (raw, out) throws(ChunkError) in try header.decode(column: column, from: raw, into: out) }
    }

    /// The valid-time column, checked to be ascending and to span exactly the zone map's
    /// range (pruning trusts the zone map; queries rely on the order).
    ///
    /// - Throws: ``SeriesChunkError/inconsistent(_:)`` when it is not, or a decoding error.
    func checkedValidTimes() throws(SeriesChunkError) -> [Int64] {
        let times = try int64s(Self.validTimeColumn)
        guard let first = times.first, let last = times.last else { return times }
        var ascending = true
        times.withUnsafeBufferPointer { t in
            for i in 1..<max(1, t.count) where t[i] < t[i - 1] { ascending = false; break }
        }
        guard ascending else { throw .inconsistent("valid times are not ascending") }
        guard validTimes == first...last else {
            throw .inconsistent("valid times \(first)...\(last), zone map \(String(describing: validTimes))")
        }
        return times
    }

    /// Decodes column `column` into a new array of ``rowCount`` values with `decode`,
    /// which fills the first ``rowCount`` slots of the buffer it is given.
    private func decoded<T>(
        _ column: Int, _ decode: (UnsafeRawBufferPointer, UnsafeMutableBufferPointer<T>) throws(ChunkError) -> Void
    ) throws(SeriesChunkError) -> [T] {
        let n = rowCount
        guard n > 0 else { return [] }
        var failure: ChunkError? = nil
        let values = [T](unsafeUninitializedCapacity: n) { buffer, count in
            let result: Result<Void, ChunkError> = bytes.withUnsafeBytes { raw in
                Result { () throws(ChunkError) in try decode(raw, buffer) }
            }
            switch result {
            case .success: count = n
            case .failure(let error): failure = error; count = 0
            }
        }
        if let failure { throw .chunk(failure) }
        return values
    }

    /// The `visibleFrom` column, stored as `visibleFrom − seq`, given the chunk's seqs.
    func visibleFroms(seqs: [Int64]) throws(SeriesChunkError) -> [Int64] {
        var froms = try int64s(Self.visibleFromColumn)
        guard froms.count == seqs.count else { throw .inconsistent("the visibleFrom and seq columns differ in length") }
        for i in froms.indices { froms[i] = froms[i] &+ seqs[i] }
        return froms
    }

    /// Replaces, in `untils`, the `visibleUntil` of every row in `range` that `ended` records
    /// an end for. `validTimes`, `releases` and `froms` are the chunk's key columns (rows in
    /// key order).
    static func applyEnds(
        _ ended: EndedRows, validTimes: [Int64], releases: [Int64], froms: [Int64], to untils: inout [Int64], in range: Range<Int>
    ) {
        guard !ended.isEmpty, let first = range.first else { return }
        let entries = ended.entries
        for e in ended.indices(validTimes: validTimes[first]...validTimes[range.upperBound - 1]) {
            let key = entries[e].key
            var lo = range.lowerBound, hi = range.upperBound
            while lo < hi {
                let mid = (lo + hi) / 2
                let here = RowKey(validTime: validTimes[mid], releasedAt: releases[mid], visibleFrom: froms[mid])
                if here < key { lo = mid + 1 } else { hi = mid }
            }
            if lo < range.upperBound, validTimes[lo] == key.validTime, releases[lo] == key.releasedAt, froms[lo] == key.visibleFrom {
                untils[lo] = entries[e].visibleUntil
            }
        }
    }

    /// Whether `ended` records an end for any row whose valid time lies in `validTimes`.
    static func endsAny(_ ended: EndedRows, in validTimes: ClosedRange<Int64>) -> Bool {
        !ended.isEmpty && !ended.indices(validTimes: validTimes).isEmpty
    }
}
