/// An immutable file in the projection's chunk directory, as the manifest records it:
/// its name, its size and its CRC-32C, checked whenever it is read.
public struct ChunkReference: Hashable, Sendable {
    /// The file name inside `chunks/` (no directory part).
    public var name: String
    /// The file's size in bytes.
    public var byteCount: Int
    /// The CRC-32C (Castagnoli) of the whole file.
    public var checksum: UInt32
    /// Opaque bytes kept beside the reference for the writer's own use — e.g. a chunk's
    /// valid-time range or zone map, to prune chunks without opening them. Not interpreted here.
    public var summary: [UInt8]

    /// A reference to the file `name` of `byteCount` bytes with CRC-32C `checksum`.
    public init(name: String, byteCount: Int, checksum: UInt32, summary: [UInt8] = []) {
        self.name = name
        self.byteCount = byteCount
        self.checksum = checksum
        self.summary = summary
    }

    /// Whether `name` can name a chunk file: 1–255 bytes of `a-z 0-9 . _ -`, not starting
    /// with `.` (reserved for temporary files) — so a manifest can never point outside the
    /// chunk directory, nor at a snapshot's upper-case `MANIFEST` or `INFO`.
    public static func isValidName(_ name: String) -> Bool {
        let utf8 = name.utf8
        guard !utf8.isEmpty, utf8.count <= 255, utf8.first != UInt8(ascii: ".") else { return false }
        return utf8.allSatisfy { b in
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                return true
            default:
                return false
            }
        }
    }
}
