import VintageColumnar
import VintageFolds

/// The chunks of one series, with the rows ended since they were written, answering point
/// queries and history from the chunks alone.
///
/// Answers equal ``PointQuery/points(in:)`` over all the chunks' rows with the ended rows
/// applied (every row's `correction` being nil). Chunks whose zone-map valid-time range lies
/// outside the query's `from..<to` are skipped without decoding any column; within a chunk,
/// only the rows in range are examined and only the columns the query needs are decoded.
///
/// Chunks may come in any order and their valid-time ranges may overlap — a point's rows
/// split across two chunks are merged — though ``SeriesChunkWriter`` never splits a valid
/// time and the fast path is chunks with disjoint ranges.
public struct SeriesChunks: Sendable {
    /// The non-empty chunks, in order of their smallest valid time (given order among equals).
    public let chunks: [SeriesChunk]
    /// The rows ended after their chunks were written.
    public let endedRows: EndedRows
    /// Whether some chunk's valid-time range meets an earlier chunk's, so that answers
    /// must be merged per valid time.
    let overlapping: Bool

    /// Holds `chunks` (in any order) with `endedRows` applied when they are read.
    public init(_ chunks: [SeriesChunk], endedRows: EndedRows = EndedRows()) {
        let held = chunks.enumerated()
            .filter { $0.element.validTimes != nil }
            .sorted { ($0.element.validTimes!.lowerBound, $0.offset) < ($1.element.validTimes!.lowerBound, $1.offset) }
            .map(\.element)
        var overlapping = false
        var reach = Int64.min
        for (i, chunk) in held.enumerated() {
            let range = chunk.validTimes!
            if i > 0 && range.lowerBound <= reach { overlapping = true }
            reach = max(reach, range.upperBound)
        }
        self.chunks = held
        self.endedRows = endedRows
        self.overlapping = overlapping
    }

    /// Opens the chunks in `bytes`, all written with status table `statuses`, checking each
    /// header (columns are checked as they are decoded).
    ///
    /// - Throws: ``SeriesChunkError`` for a damaged or foreign chunk.
    public init(bytes: [[UInt8]], statuses: StatusTable, endedRows: EndedRows = EndedRows()) throws(SeriesChunkError) {
        var chunks: [SeriesChunk] = []
        chunks.reserveCapacity(bytes.count)
        for b in bytes { chunks.append(try SeriesChunk(bytes: b, statuses: statuses)) }
        self.init(chunks, endedRows: endedRows)
    }

    /// The points `query` selects, exactly as ``PointQuery/points(in:)`` over every row.
    ///
    /// - Throws: ``SeriesChunkError`` when a chunk the query reads is damaged or names an
    ///   unknown status; chunks outside the range are not read.
    public func points(_ query: PointQuery) throws(SeriesChunkError) -> [VintagePoint] {
        var points: [VintagePoint] = []
        for chunk in chunks where chunk.mayHold(query) {
            try chunk.appendPoints(query, ended: endedRows, to: &points)
        }
        if overlapping { points = Self.merged(points, firstRelease: query.firstRelease) }
        if query.latestOnly, let last = points.last { return [last] }
        return points
    }

    /// Every row of the point at `validTime` (current and ended, ended rows applied) in
    /// key order; `correction` is nil.
    ///
    /// - Throws: ``SeriesChunkError`` when a chunk holding the point is damaged.
    public func rows(validTime: Int64) throws(SeriesChunkError) -> [VintageRow] {
        var rows: [VintageRow] = []
        for chunk in chunks where chunk.validTimes!.contains(validTime) {
            rows += try chunk.rows(from: validTime, to: validTime == .max ? nil : validTime + 1, applying: endedRows)
        }
        return overlapping ? rows.sorted { $0.key < $1.key } : rows
    }

    /// Every vintage of the point at `validTime` visible now (or after event `atSeq`), in
    /// release order, as ``VintageFold/history(of:validTime:atSeq:)`` lists them but
    /// without correction notes (chunks do not store them).
    ///
    /// - Throws: ``SeriesChunkError`` when a chunk holding the point is damaged.
    public func history(validTime: Int64, atSeq: Int64? = nil) throws(SeriesChunkError) -> [HistoryEntry] {
        try rows(validTime: validTime)
            .filter { atSeq.map($0.isVisible(atSeq:)) ?? $0.isCurrent }
            .sorted { $0.releasedAt < $1.releasedAt }
            .map(HistoryEntry.init)
    }

    /// Every row of every chunk, ended rows applied, in key order; `correction` is nil.
    ///
    /// - Throws: ``SeriesChunkError`` for a damaged chunk.
    public func allRows() throws(SeriesChunkError) -> [VintageRow] {
        var rows: [VintageRow] = []
        for chunk in chunks { rows += try chunk.rows(applying: endedRows) }
        return overlapping ? rows.sorted { $0.key < $1.key } : rows
    }

    /// Per valid time, the first point with the latest (or earliest) release, of points
    /// chosen chunk by chunk; in valid-time order.
    static func merged(_ points: [VintagePoint], firstRelease: Bool) -> [VintagePoint] {
        let order = points.indices.sorted { (points[$0].validTime, $0) < (points[$1].validTime, $1) }
        var result: [VintagePoint] = []
        result.reserveCapacity(points.count)
        for i in order {
            let p = points[i]
            guard let last = result.last, last.validTime == p.validTime else {
                result.append(p)
                continue
            }
            if firstRelease ? p.releasedAt < last.releasedAt : p.releasedAt > last.releasedAt {
                result[result.count - 1] = p
            }
        }
        return result
    }
}
