/// Immutable bytes in the projection's chunk directory, as the manifest records them: the
/// file's name, where in it the bytes start, their size and their CRC-32C, checked whenever
/// they are read. A chunk is either a file of its own (offset 0, the whole file) or one of
/// the chunks a rebuild packs one after another into a segment file.
public struct ChunkReference: Hashable, Sendable {
    /// The file name inside `chunks/` (no directory part).
    public var name: String
    /// The size of the bytes in the file.
    public var byteCount: Int
    /// The CRC-32C (Castagnoli) of the bytes.
    public var checksum: UInt32
    /// Where the bytes start in the file: 0 for a file of its own.
    public var offset: Int
    /// Opaque bytes kept beside the reference for the writer's own use — e.g. a chunk's
    /// valid-time range or zone map, to prune chunks without opening them. Not interpreted here.
    public var summary: [UInt8]

    /// A reference to `byteCount` bytes with CRC-32C `checksum` at `offset` in the file `name`.
    public init(name: String, byteCount: Int, checksum: UInt32, summary: [UInt8] = [], offset: Int = 0) {
        self.name = name
        self.byteCount = byteCount
        self.checksum = checksum
        self.summary = summary
        self.offset = offset
    }

    /// The file and the offset in it: what tells one chunk's bytes from another's.
    public var location: ChunkLocation { ChunkLocation(name: name, offset: offset) }

    /// Whether `name` can name a chunk file: 1–255 bytes of `a-z 0-9 . _ -`, not starting
    /// with `.` (reserved for temporary files) — so a manifest can never point outside the
    /// chunk directory, nor at a snapshot's upper-case `MANIFEST` or `INFO`.
    public static func isValidName(_ name: String) -> Bool {
        let utf8 = name.utf8
        guard !utf8.isEmpty, utf8.count <= 255, utf8.first != UInt8(ascii: ".") else { return false }
        return utf8.allSatisfy { b in
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "-"):
                return true
            default:
                return false
            }
        }
    }
}
