import VintageColumnar

/// One snapshot of the projection, as ``ProjectionDirectory/listSnapshots()`` describes it.
public struct SnapshotInfo: Hashable, Sendable {
    /// The snapshot's name.
    public var name: String
    /// The log seq its manifest reflects.
    public var logSeq: Int64
    /// When it was created, in microseconds since the Unix epoch (UTC).
    public var createdAt: Int64
    /// The bytes of its manifest and of every file it names. Chunks are shared by hard
    /// link with the current projection and other snapshots, so this is the space the
    /// snapshot keeps alive, not space it alone uses.
    public var byteCount: Int
    /// The number of chunk files it names.
    public var fileCount: Int
    /// Why the snapshot cannot be read (its `MANIFEST` or `INFO` is missing or damaged), or
    /// nil; a damaged snapshot is listed with this and zero counts.
    public var damage: String?

    /// A description of the snapshot `name`.
    public init(name: String, logSeq: Int64, createdAt: Int64, byteCount: Int, fileCount: Int) {
        self.name = name
        self.logSeq = logSeq
        self.createdAt = createdAt
        self.byteCount = byteCount
        self.fileCount = fileCount
    }

    /// The longest snapshot name accepted.
    public static let maximumNameLength = 64

    /// Why `name` cannot name a snapshot, or nil when it can: 1–64 characters of
    /// `A-Z a-z 0-9 . _ -`, not starting with `.` or `-`.
    public static func problem(withName name: String) -> String? {
        let utf8 = name.utf8
        guard !utf8.isEmpty else { return "a snapshot name cannot be empty" }
        guard utf8.count <= maximumNameLength else { return "a snapshot name has at most \(maximumNameLength) characters" }
        guard utf8.first != UInt8(ascii: "."), utf8.first != UInt8(ascii: "-") else {
            return "a snapshot name cannot start with '.' or '-'"
        }
        for b in utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                continue
            default:
                return "a snapshot name uses only A-Z a-z 0-9 . _ -"
            }
        }
        return nil
    }
}

/// A snapshot's `INFO` file: `"VSNP"`, u32 version 1, i64 creation time (µs), u32 CRC-32C
/// of the preceding bytes.
enum SnapshotInfoFile {
    static let magic: [UInt8] = Array("VSNP".utf8)
    static let version: UInt32 = 1

    static func encode(createdAt: Int64) -> [UInt8] {
        var w = ManifestByteWriter()
        for b in magic { w.u8(b) }
        w.u32(version)
        w.i64(createdAt)
        w.u32(CRC32C.checksum(w.bytes))
        return w.bytes
    }

    /// The creation time recorded in `bytes`, or why it cannot be read.
    static func decode(_ bytes: [UInt8]) -> Result<Int64, ManifestError> {
        guard bytes.count == 20 else { return .failure(.damaged("\(bytes.count) bytes, a snapshot INFO has 20")) }
        guard Array(bytes[0..<4]) == magic else { return .failure(.damaged("it does not start with VSNP")) }
        var r = ManifestByteReader(bytes, from: 4)
        do throws(ManifestError) {
            let stored = bytes.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<16])) }
            var trailer = ManifestByteReader(bytes, from: 16)
            guard try trailer.u32("checksum") == stored else { return .failure(.damaged("checksum mismatch")) }
            let v = try r.u32("version")
            guard v <= version else { return .failure(.newerFormat(found: v, supported: version)) }
            return .success(try r.i64("creation time"))
        } catch {
            return .failure(error)
        }
    }
}
