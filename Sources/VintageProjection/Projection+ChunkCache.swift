import VintageCore
import VintageColumnar

/// Chunk files kept in memory opened (bytes read and checked, header parsed), by file name
/// (chunks never change), so that scans decode their columns without reading the file
/// again. Bounded by a byte budget; the oldest entries go first.
struct OpenedChunkCache: Sendable {
    /// The most chunk bytes held.
    static let byteBudget = 64 << 20

    private var chunks: [String: SeriesChunk] = [:]
    private var order: [String] = []
    private var heldBytes = 0

    /// The opened chunk `name`.
    subscript(name: String) -> SeriesChunk? { chunks[name] }

    /// Keeps `chunk` as chunk `name`, evicting the oldest entries over the budget.
    mutating func insert(_ chunk: SeriesChunk, for name: String) {
        let size = chunk.bytes.count
        guard chunks[name] == nil, size <= Self.byteBudget else { return }
        while heldBytes + size > Self.byteBudget, !order.isEmpty {
            let oldest = order.removeFirst()
            heldBytes -= chunks.removeValue(forKey: oldest)?.bytes.count ?? 0
        }
        chunks[name] = chunk
        order.append(name)
        heldBytes += size
    }
}

extension Projection {
    /// Chunk `reference` of `series` opened, read once per process: its file is checked
    /// whole against the manifest's checksum when read, so its columns are not checked again.
    mutating func cachedChunk(_ reference: ChunkReference, of series: SeriesID, statuses: StatusTable) throws(ProjectionError) -> SeriesChunk {
        if let chunk = openedChunks[reference.name] { return chunk }
        let bytes: [UInt8]
        do { bytes = try directory.readChunk(reference) } catch { throw .file(error) }
        let chunk: SeriesChunk
        do { chunk = try SeriesChunk(bytes: bytes, statuses: statuses, verification: .headerOnly) } catch {
            throw .chunk(series: series, file: reference.name, error)
        }
        openedChunks.insert(chunk, for: reference.name)
        return chunk
    }
}
