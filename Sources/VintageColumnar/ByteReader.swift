/// A bounds-checked cursor over stored bytes: every read either succeeds within the
/// buffer or throws ``ChunkError/truncated(_:)``.
struct ByteReader {
    /// The bytes being read.
    let bytes: UnsafeRawBufferPointer
    /// The offset of the next unread byte.
    private(set) var offset: Int = 0
    /// Whether nested blocks may be entropy-coded (not in a chunk of format version 1 or 2).
    var acceptsEntropy = true

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The number of bytes not yet read.
    var remaining: Int { bytes.count - offset }

    /// Takes the next `count` bytes.
    @inline(__always)
    mutating func take(_ count: Int, _ what: @autoclosure () -> String) throws(ChunkError) -> UnsafeRawBufferPointer {
        guard count >= 0, count <= remaining else { throw .truncated(what()) }
        let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
        offset += count
        return slice
    }

    @inline(__always)
    mutating func u8(_ what: @autoclosure () -> String) throws(ChunkError) -> UInt8 {
        guard remaining >= 1 else { throw .truncated(what()) }
        let v = bytes[offset]
        offset += 1
        return v
    }

    @inline(__always)
    mutating func u32(_ what: @autoclosure () -> String) throws(ChunkError) -> UInt32 {
        guard remaining >= 4 else { throw .truncated(what()) }
        let v = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        offset += 4
        return v
    }

    @inline(__always)
    mutating func u64(_ what: @autoclosure () -> String) throws(ChunkError) -> UInt64 {
        guard remaining >= 8 else { throw .truncated(what()) }
        let v = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        offset += 8
        return v
    }

    /// Reads an unsigned LEB128 integer of at most ten bytes.
    mutating func varUInt(_ what: @autoclosure () -> String) throws(ChunkError) -> UInt64 {
        do {
            return try readVarUInt(bytes, at: &offset, end: bytes.count)
        } catch {
            switch error {
            case .truncated: throw .truncated(what())
            case .overflow: throw .lengthOutOfRange("\(what()) overflows 64 bits")
            }
        }
    }

    /// Reads a zigzag-encoded signed LEB128 integer.
    mutating func varInt(_ what: @autoclosure () -> String) throws(ChunkError) -> Int64 {
        zigzagDecode(try varUInt(what()))
    }

    /// Reads an unsigned LEB128 count and checks it is at most `limit`.
    mutating func count(_ what: @autoclosure () -> String, limit: Int) throws(ChunkError) -> Int {
        let v = try varUInt(what())
        guard v <= UInt64(max(limit, 0)) else { throw .lengthOutOfRange("\(what()) is \(v), at most \(limit) allowed") }
        return Int(v)
    }

    /// Throws unless every byte has been read.
    func expectEnd(_ what: @autoclosure () -> String) throws(ChunkError) {
        guard remaining == 0 else { throw .malformed("\(remaining) unexpected trailing bytes after \(what())") }
    }
}
