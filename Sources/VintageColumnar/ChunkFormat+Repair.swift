/// Recomputing checksums of a chunk whose bytes were changed on purpose, so that tests and
/// the fuzzer reach the structural checks behind the checksums. Not for production use.
@_spi(Testing)
extension ChunkFormat {
    /// `bytes` with every checksum (columns, header, whole chunk) recomputed over the
    /// bytes as they are; bytes too short to hold a directory are returned unchanged.
    public static func resealing(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        guard out.count >= 6 else { return out }
        let columnCount = Int(out[5])
        let directoryEnd = fixedHeaderSize + columnCount * directoryEntrySize
        guard out.count >= directoryEnd + 8 else { return out }
        var offset = directoryEnd + 4
        for i in 0..<columnCount {
            let entry = fixedHeaderSize + i * directoryEntrySize
            let length = Int(out[entry + 4]) | Int(out[entry + 5]) << 8 | Int(out[entry + 6]) << 16 | Int(out[entry + 7]) << 24
            if length <= out.count - 4 - offset {
                out.storeLE(CRC32C.checksum(Array(out[offset..<(offset + length)])), at: entry + 8)
                offset += length
            } else {
                break
            }
        }
        out.storeLE(CRC32C.checksum(Array(out[..<directoryEnd])), at: directoryEnd)
        out.storeLE(CRC32C.checksum(Array(out[..<(out.count - 4)])), at: out.count - 4)
        return out
    }
}
