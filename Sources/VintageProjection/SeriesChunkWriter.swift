import VintageColumnar
import VintageFolds

/// Writes one series' rows as chunks of at most a given number of rows, never splitting
/// the rows of one valid time between two chunks, so that every point lives in one chunk.
///
/// A valid time with more rows than the limit gets a chunk of its own, as large as it
/// needs (only beyond ``ChunkFormat/maximumRowCount`` rows of one point would it be split;
/// readers merge such points anyway).
public struct SeriesChunkWriter: Sendable {
    /// The most rows per chunk, unless one valid time holds more.
    public var rowsPerChunk: Int
    /// The chunk encoder.
    public var encoder: ChunkEncoder

    /// Creates a writer of chunks of at most `rowsPerChunk` rows (at least 1).
    public init(rowsPerChunk: Int = ChunkFormat.defaultRowCount, encoder: ChunkEncoder = SeriesChunk.encoder) {
        precondition(rowsPerChunk >= 1, "a chunk holds at least one row")
        self.rowsPerChunk = min(rowsPerChunk, ChunkFormat.maximumRowCount)
        self.encoder = encoder
    }

    /// The row ranges of the chunks for `rows`, in chunk order (by valid time): each at most
    /// ``rowsPerChunk`` rows unless one valid time holds more, none splitting a valid time.
    public func chunkRanges(of rows: [VintageRow]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        var i = 0
        while i < rows.count {
            // The rows of the valid time at i.
            var end = i + 1
            while end < rows.count && rows[end].validTime == rows[i].validTime { end += 1 }
            if end - start > rowsPerChunk && i > start {
                ranges.append(start..<i)
                start = i
            }
            // One point larger than a chunk can hold is split at the format's limit.
            while end - start > ChunkFormat.maximumRowCount {
                ranges.append(start..<(start + ChunkFormat.maximumRowCount))
                start += ChunkFormat.maximumRowCount
            }
            i = end
        }
        if start < rows.count { ranges.append(start..<rows.count) }
        return ranges
    }

    /// The chunks holding `rows`, which must be strictly increasing by ``RowKey`` (sort
    /// them by ``VintageRow/key``), encoded with `statuses` (extended with new statuses).
    ///
    /// - Throws: as ``SeriesChunk/encode(_:statuses:encoder:)``.
    public func chunks(_ rows: [VintageRow], statuses: inout StatusTable) throws(SeriesChunkError) -> [[UInt8]] {
        var chunks: [[UInt8]] = []
        for range in chunkRanges(of: rows) {
            chunks.append(try SeriesChunk.encode(rows[range], statuses: &statuses, encoder: encoder))
        }
        return chunks
    }
}
