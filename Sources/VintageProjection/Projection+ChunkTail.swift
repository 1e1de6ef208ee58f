import VintageCore
import VintageFiles
import VintageFolds

/// The rows of a chunk's last points, decoded for `--latest`: the last point of a series
/// lies (nearly always) among the last few points of its last chunk, so only their rows are
/// built — not the thousands before them.
struct ChunkTail: Sendable {
    /// The rows of the chunk's last ``pointCount`` points (ended rows not applied), in key order.
    var rows: [VintageRow]
    /// How many points the rows cover.
    var pointCount: Int
    /// Whether they are every row of the chunk.
    var isWhole: Bool
}

/// Chunk tails kept in memory by chunk location (chunks never change). Bounded by a row
/// budget: over it, the cache starts again empty.
struct ChunkTailCache: Sendable {
    /// The most rows held.
    static let rowBudget = 250_000

    /// The points of a chunk decoded first; each retry decodes 16 times more.
    var firstPoints = 16

    private var tails: [ChunkLocation: ChunkTail] = [:]
    private var heldRows = 0

    /// The cached tail of the chunk at `location`.
    subscript(location: ChunkLocation) -> ChunkTail? { tails[location] }

    /// Keeps `tail` for the chunk at `location` (replacing a shorter one).
    mutating func insert(_ tail: ChunkTail, for location: ChunkLocation) {
        guard tail.rows.count <= Self.rowBudget else { return }
        if let held = tails[location] { heldRows -= held.rows.count }
        if heldRows + tail.rows.count > Self.rowBudget {
            tails.removeAll(keepingCapacity: true)
            heldRows = 0
        }
        tails[location] = tail
        heldRows += tail.rows.count
    }
}

extension Projection {
    /// The last point `query` selects from chunk `reference` of `series` (with `ended`
    /// applied), as ``PointQuery/lastPoint(fromSorted:ended:)`` finds it among every row of
    /// the chunk: from rows already decoded, else from the rows of the chunk's last points,
    /// more of them only when none of those is selected.
    mutating func lastPoint(
        in reference: ChunkReference, of series: SeriesID, _ query: PointQuery,
        statuses: StatusTable, ended: EndedRows
    ) throws(ProjectionError) -> VintagePoint? {
        if let rows = rowCache[reference.location] { return query.lastPoint(fromSorted: rows, ended: ended) }
        var wanted = tailCache.firstPoints
        while true {
            let tail = try chunkTail(reference, of: series, points: wanted, statuses: statuses)
            // The tail runs to the chunk's end: a point selected there is the last one.
            if let point = query.lastPoint(fromSorted: tail.rows, ended: ended) { return point }
            if tail.isWhole { return nil }
            // The range starts inside the tail: nothing before it is selected either.
            if let from = query.from, let first = tail.rows.first, from >= first.validTime { return nil }
            wanted = tail.pointCount * 16
        }
    }

    /// The rows of the last `wanted` points of chunk `reference` (all when it has fewer), decoded once.
    mutating func chunkTail(
        _ reference: ChunkReference, of series: SeriesID, points wanted: Int,
        statuses: StatusTable
    ) throws(ProjectionError) -> ChunkTail {
        if let tail = tailCache[reference.location], tail.isWhole || tail.pointCount >= wanted { return tail }
        let chunk = try cachedChunk(reference, of: series, statuses: statuses)
        let tail: ChunkTail
        do {
            let points = try chunk.checkedPoints()
            let first = Swift.max(0, points.count - wanted)
            let rows = first < points.count ? try chunk.rows(from: points.times[first], to: nil) : []
            tail = ChunkTail(rows: rows, pointCount: points.count - first, isWhole: first == 0)
        } catch {
            throw .chunk(series: series, file: reference.name, error)
        }
        tailCache.insert(tail, for: reference.location)
        return tail
    }
}
