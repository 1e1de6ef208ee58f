import VintageCore
import VintageFiles
import VintageFolds

/// Decoded chunk rows kept in memory by chunk location (chunks never change), so that
/// repeated queries in one process select from rows instead of decoding columns again.
/// Bounded by a row budget; the oldest entries go first.
struct ChunkRowCache: Sendable {
    /// The most rows held.
    static let rowBudget = 2_000_000

    private var rows: [ChunkLocation: [VintageRow]] = [:]
    private var order: [ChunkLocation] = []
    private var heldRows = 0

    /// The cached rows of the chunk at `name`.
    subscript(name: ChunkLocation) -> [VintageRow]? { rows[name] }

    /// Keeps `chunkRows` for the chunk at `name`, evicting the oldest entries over the budget.
    mutating func insert(_ chunkRows: [VintageRow], for name: ChunkLocation) {
        guard rows[name] == nil, chunkRows.count <= Self.rowBudget else { return }
        while heldRows + chunkRows.count > Self.rowBudget, !order.isEmpty {
            let oldest = order.removeFirst()
            heldRows -= rows.removeValue(forKey: oldest)?.count ?? 0
        }
        rows[name] = chunkRows
        order.append(name)
        heldRows += chunkRows.count
    }
}

extension Projection {
    /// The rows of chunk `reference` of `series` (ended rows not applied), decoded once.
    mutating func cachedRows(_ reference: ChunkReference, of series: SeriesID, statuses: StatusTable) throws(ProjectionError) -> [VintageRow] {
        if let rows = rowCache[reference.location] { return rows }
        let chunk = try openChunk(reference, of: series, statuses: statuses)
        let rows: [VintageRow]
        do { rows = try chunk.rows() } catch { throw .chunk(series: series, file: reference.name, error) }
        rowCache.insert(rows, for: reference.location)
        return rows
    }
}

extension Projection {
    /// The rows of chunk `reference` of `series` with the series' ended rows applied.
    mutating func storedRows(_ reference: ChunkReference, of series: SeriesID, statuses: StatusTable, ended: EndedRows) throws(ProjectionError)
        -> [VintageRow]
    {
        let rows = try cachedRows(reference, of: series, statuses: statuses)
        return ended.isEmpty ? rows : rows.map(ended.applied(to:))
    }
}

extension PointQuery {
    /// The points this query selects from `rows` sorted by ``RowKey``, with `ended`
    /// applied: exactly ``points(in:)``, in one pass.
    public func points(inSorted rows: [VintageRow], ended: EndedRows = EndedRows()) -> [VintagePoint] {
        var points: [VintagePoint] = []
        appendPoints(fromSorted: rows, ended: ended, to: &points)
        if latestOnly, let last = points.last { return [last] }
        return points
    }

    /// The points this query selects from `rows` sorted by ``RowKey`` (with `ended`
    /// applied), appended in valid-time order: one pass over the rows in place (no copies,
    /// no hashing), rows outside `from..<to` skipped by binary search. Equal to
    /// ``points(in:)`` without `latestOnly`.
    func appendPoints(fromSorted rows: [VintageRow], ended: EndedRows, to points: inout [VintagePoint]) {
        let (start, end) = bounds(inSorted: rows)
        guard start < end else { return }
        rows.withUnsafeBufferPointer { r in
            var i = start
            while i < end {
                var j = i + 1
                while j < end && r[j].validTime == r[i].validTime { j += 1 }
                let chosen = choose(in: r, i..<j, ended: ended)
                if chosen >= 0 { points.append(VintagePoint(r[chosen])) }
                i = j
            }
        }
    }

    /// The last point this query selects from `rows` sorted by ``RowKey`` (with `ended`
    /// applied), found from the end: what ``appendPoints(fromSorted:ended:to:)`` would append
    /// last, without selecting the points before it.
    func lastPoint(fromSorted rows: [VintageRow], ended: EndedRows) -> VintagePoint? {
        let (start, end) = bounds(inSorted: rows)
        return rows.withUnsafeBufferPointer { r -> VintagePoint? in
            var j = end
            while j > start {
                var i = j - 1
                while i > start && r[i - 1].validTime == r[j - 1].validTime { i -= 1 }
                let chosen = choose(in: r, i..<j, ended: ended)
                if chosen >= 0 { return VintagePoint(r[chosen]) }
                j = i
            }
            return nil
        }
    }

    /// The index range of sorted `rows` inside `from..<to`, by binary search.
    private func bounds(inSorted rows: [VintageRow]) -> (Int, Int) {
        let start = from.map { f in Self.firstIndex(in: rows) { $0.validTime >= f } } ?? 0
        let end = to.map { t in Self.firstIndex(in: rows) { $0.validTime >= t } } ?? rows.count
        return (start, end)
    }

    /// The row this query selects among `group`, the rows of one valid time in key order
    /// (with `ended` applied): the visible one released by `asOf` with the latest (or, with
    /// `firstRelease`, earliest) release time, the first of equals; -1 when none is.
    @inline(__always)
    private func choose(in r: UnsafeBufferPointer<VintageRow>, _ group: Range<Int>, ended: EndedRows) -> Int {
        let atSeq = self.atSeq, asOf = self.asOf ?? .max, firstRelease = self.firstRelease
        var chosen = -1
        var chosenRelease: Int64 = 0
        for i in group {
            let releasedAt = r[i].releasedAt
            guard releasedAt <= asOf else { continue }
            var visibleUntil = r[i].visibleUntil
            if !ended.isEmpty, let until = ended[RowKey(validTime: r[i].validTime, releasedAt: releasedAt, visibleFrom: r[i].visibleFrom)] {
                visibleUntil = until
            }
            if let atSeq {
                guard r[i].visibleFrom <= atSeq && atSeq < visibleUntil else { continue }
            } else {
                guard visibleUntil == .max else { continue }
            }
            if chosen >= 0 && (firstRelease ? releasedAt >= chosenRelease : releasedAt <= chosenRelease) { continue }
            chosen = i
            chosenRelease = releasedAt
        }
        return chosen
    }

    /// The first index of sorted `rows` where `isAtOrAfter` holds (rows.count if none).
    private static func firstIndex(in rows: [VintageRow], where isAtOrAfter: (VintageRow) -> Bool) -> Int {
        var lo = 0, hi = rows.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if isAtOrAfter(rows[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
