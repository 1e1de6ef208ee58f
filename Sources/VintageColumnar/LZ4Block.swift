import CLZ4

/// LZ4 block compression through the system's liblz4.
public enum LZ4Block {
    /// `bytes` compressed as one LZ4 block.
    public static func compress(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        guard bytes.count > 0, let src = bytes.baseAddress else { return [] }
        let bound = Int(LZ4_compressBound(Int32(bytes.count)))
        return [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            let written = LZ4_compress_default(
                src.assumingMemoryBound(to: CChar.self),
                UnsafeMutableRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self),
                Int32(bytes.count), Int32(bound))
            count = Int(max(written, 0))
        }
    }

    /// Decompresses one LZ4 block that must expand to exactly `decompressedCount` bytes.
    ///
    /// liblz4's safe decoder never reads past `block` nor writes past the output, whatever the input.
    public static func decompress(_ block: UnsafeRawBufferPointer, decompressedCount: Int) throws(ChunkError) -> [UInt8] {
        guard decompressedCount > 0 else {
            guard block.count <= 1 else { throw .malformed("LZ4 block for zero bytes holds \(block.count) bytes") }
            return []
        }
        guard let src = block.baseAddress, block.count > 0, block.count <= Int(Int32.max) else {
            throw .truncated("an LZ4 block")
        }
        var ok = false
        let out = [UInt8](unsafeUninitializedCapacity: decompressedCount) { buffer, count in
            let produced = LZ4_decompress_safe(
                src.assumingMemoryBound(to: CChar.self),
                UnsafeMutableRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self),
                Int32(block.count), Int32(decompressedCount))
            ok = Int(produced) == decompressedCount
            // Bytes are trivial: exposing the whole capacity is safe even when decoding failed.
            count = decompressedCount
        }
        guard ok else { throw .malformed("LZ4 block does not expand to its declared \(decompressedCount) bytes") }
        return out
    }
}
