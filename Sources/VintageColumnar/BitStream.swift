/// Appends fields of 0 to 64 bits to a little-endian bit stream (the layout of ``BitPacking``).
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var accumulator: UInt64 = 0
    private var filled = 0

    init(reservingCapacity capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends the low `width` bits of `value` (which must have no higher bits set).
    @inline(__always)
    mutating func write(_ value: UInt64, width: Int) {
        guard width > 0 else { return }
        accumulator |= value &<< UInt64(filled)
        let total = filled + width
        if total >= 64 {
            bytes.appendLE(accumulator)
            accumulator = filled == 0 ? 0 : value &>> UInt64(64 - filled)
            filled = total - 64
        } else {
            filled = total
        }
    }

    /// The stream, its last byte zero-padded.
    consuming func finish() -> [UInt8] {
        var remaining = accumulator
        var bits = filled
        while bits > 0 {
            bytes.append(UInt8(truncatingIfNeeded: remaining))
            remaining >>= 8
            bits -= 8
        }
        return bytes
    }
}

/// Reads fields of 0 to 64 bits from a little-endian bit stream, never past its end.
struct BitReader {
    let bytes: UnsafeRawBufferPointer
    private(set) var position = 0
    let totalBits: Int

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        self.totalBits = bytes.count * 8
    }

    @inline(__always)
    mutating func read(_ width: Int) throws(ChunkError) -> UInt64 {
        guard width > 0 else { return 0 }
        guard totalBits - position >= width else { throw .truncated("an XOR bit stream") }
        let byte = position >> 3
        let shift = UInt64(position & 7)
        var lo: UInt64
        var hi: UInt64 = 0
        if byte + 9 <= bytes.count {
            lo = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: byte, as: UInt64.self))
            hi = UInt64(bytes[byte + 8])
        } else {
            lo = 0
            var k = 0
            while k < 8 && byte + k < bytes.count {
                lo |= UInt64(bytes[byte + k]) << UInt64(8 * k)
                k += 1
            }
            if byte + 8 < bytes.count { hi = UInt64(bytes[byte + 8]) }
        }
        var v = lo &>> shift
        if shift > 0 { v |= hi &<< (64 - shift) }
        position += width
        return width == 64 ? v : v & ((1 << UInt64(width)) &- 1)
    }
}
