import VintageColumnar

/// A chunk's bytes ready for a segment file, with their CRC-32C and the writer's summary.
public struct SegmentChunk: Sendable {
    /// The chunk's bytes.
    public var bytes: [UInt8]
    /// Their CRC-32C.
    public var checksum: UInt32
    /// Opaque bytes for the chunk's reference (see ``ChunkReference/summary``).
    public var summary: [UInt8]

    /// The chunk `bytes` (its CRC-32C computed here, so on the caller's thread).
    public init(bytes: [UInt8], summary: [UInt8] = []) {
        self.bytes = bytes
        self.checksum = CRC32C.checksum(bytes)
        self.summary = summary
    }
}

extension ProjectionDirectory {
    /// The extension of segment file names.
    public static let segmentExtension = ".vseg"
    /// The size a segment file grows to before the next one starts.
    public static let segmentByteLimit = 64 << 20

    /// Writes `chunks` one after another into new immutable segment files (each up to
    /// `byteLimit` bytes, or one chunk if larger) without syncing them, and returns one reference per chunk,
    /// in order, and the names of the files written. A rebuild writes its thousands of
    /// chunks this way as a few files — a few creations, fsyncs and (once replaced) unlinks
    /// instead of one per chunk. The files must be made durable (``syncFiles(_:)``) before
    /// a manifest naming them is committed; until then they are garbage.
    public func writeUnsyncedSegments(_ chunks: [SegmentChunk], byteLimit: Int = segmentByteLimit) throws(ProjectionFileError) -> (
        references: [ChunkReference], files: [String]
    ) {
        var references: [ChunkReference] = []
        references.reserveCapacity(chunks.count)
        var files: [String] = []
        var start = 0
        while start < chunks.count {
            var end = start, size = 0
            while end < chunks.count && (end == start || size + chunks[end].bytes.count <= byteLimit) {
                size += chunks[end].bytes.count
                end += 1
            }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(size)
            for chunk in chunks[start..<end] { bytes.append(contentsOf: chunk.bytes) }
            var name: String
            repeat {
                name = DurableFiles.uniqueSuffix() + Self.segmentExtension
            } while try !DurableFiles.create(chunkPath(name), bytes: bytes, sync: false)
            files.append(name)
            var offset = 0
            for chunk in chunks[start..<end] {
                references.append(
                    ChunkReference(
                        name: name, byteCount: chunk.bytes.count, checksum: chunk.checksum,
                        summary: chunk.summary, offset: offset))
                offset += chunk.bytes.count
            }
            start = end
        }
        return (references, files)
    }

    /// fsyncs the files `names` in `chunks/` (their directory entries become durable with
    /// the next ``commit(_:)``).
    public func syncFiles(_ names: [String]) throws(ProjectionFileError) {
        for name in names {
            let path = chunkPath(name)
            guard DurableFiles.kind(of: path) == .file else { throw .chunkMissing(path: path) }
            try DurableFiles.syncFile(path)
        }
    }
}
