import VintageColumnar
import VintageCore
import VintageFiles

/// Chunks kept in memory opened (bytes read and checked, header parsed), by location
/// (chunks never change), so that scans decode their columns without reading the file
/// again. Bounded by a byte budget; the oldest entries go first.
struct OpenedChunkCache: Sendable {
    /// The most chunk bytes held.
    static let byteBudget = 64 << 20

    private var chunks: [ChunkLocation: SeriesChunk] = [:]
    private var order: [ChunkLocation] = []
    private var heldBytes = 0

    /// The opened chunk at `location`.
    subscript(location: ChunkLocation) -> SeriesChunk? { chunks[location] }

    /// Keeps `chunk` as the chunk at `location`, evicting the oldest entries over the budget.
    mutating func insert(_ chunk: SeriesChunk, for location: ChunkLocation) {
        let size = chunk.bytes.count
        guard chunks[location] == nil, size <= Self.byteBudget else { return }
        while heldBytes + size > Self.byteBudget, !order.isEmpty {
            let oldest = order.removeFirst()
            heldBytes -= chunks.removeValue(forKey: oldest)?.bytes.count ?? 0
        }
        chunks[location] = chunk
        order.append(location)
        heldBytes += size
    }
}

extension Projection {
    /// Chunk `reference` of `series` opened, read once per process: its bytes are checked
    /// whole against the manifest's checksum when read, so its columns are not checked again.
    mutating func cachedChunk(_ reference: ChunkReference, of series: SeriesID, statuses: StatusTable) throws(ProjectionError) -> SeriesChunk {
        if let chunk = openedChunks[reference.location] { return chunk }
        let bytes: [UInt8]
        do { bytes = try directory.readChunk(reference) } catch { throw .file(error) }
        let chunk: SeriesChunk
        do { chunk = try SeriesChunk(bytes: bytes, statuses: statuses, verification: .headerOnly) } catch {
            throw .chunk(series: series, file: reference.name, error)
        }
        openedChunks.insert(chunk, for: reference.location)
        return chunk
    }
}
