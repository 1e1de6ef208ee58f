/// Constants of the chunk format (see FORMAT.md).
public enum ChunkFormat {
    /// The four bytes every chunk starts with: `VTCH`.
    public static let magic: [UInt8] = [0x56, 0x54, 0x43, 0x48]
    /// The newest format version this library writes; it reads this and every earlier version
    /// (version 2 added the patched and trailing-run encodings, version 3 the entropy encoding).
    public static let version: UInt8 = 3
    /// The version of a chunk that uses the entropy encoding anywhere.
    public static let entropyCodingVersion: UInt8 = 3
    /// The version of a chunk that does not: such a chunk is written as before version 3
    /// existed, so that older readers still read it.
    public static let versionWithoutEntropyCoding: UInt8 = 2
    /// The oldest format version this library reads.
    public static let oldestReadableVersion: UInt8 = 1
    /// The most rows a chunk may hold; bounds every allocation a reader makes.
    public static let maximumRowCount = 1 << 20
    /// The most columns a chunk may hold.
    public static let maximumColumnCount = 64
    /// The rows per chunk a projection uses unless configured otherwise.
    public static let defaultRowCount = 4096

    /// Bytes of the fixed header and zone map, before the column directory.
    static let fixedHeaderSize = 72
    /// Bytes of one column directory entry.
    static let directoryEntrySize = 12
    /// The marker of "no column" in the zone-map column fields.
    static let noColumn: UInt8 = 0xFF
    /// The bit of a directory entry's encoding byte that says the payload is LZ4-compressed.
    static let compressedFlag: UInt8 = 0x80

    /// Bytes of `rowCount` values of `type` in the plain encoding: no chosen encoding is larger.
    static func plainSize(_ type: ColumnType, rowCount: Int) -> Int {
        type == .uint8 ? rowCount : rowCount * 8
    }
}
