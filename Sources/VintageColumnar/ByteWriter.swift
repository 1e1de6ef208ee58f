/// Little-endian and LEB128 writers used by the encoders (and, for LEB128, by the writers of
/// the log's record batches and of the projection's manifest).
extension Array where Element == UInt8 {
    @inline(__always)
    mutating func appendLE(_ value: UInt32) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    @inline(__always)
    mutating func appendLE(_ value: UInt64) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    /// Appends an unsigned LEB128 integer (1 to 10 bytes).
    @inlinable
    package mutating func appendVarUInt(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        append(UInt8(v))
    }

    /// Appends a zigzag-encoded signed LEB128 integer.
    @inlinable
    package mutating func appendVarInt(_ value: Int64) {
        appendVarUInt(zigzagEncode(value))
    }

    /// Overwrites four bytes at `offset` with `value`, little-endian.
    mutating func storeLE(_ value: UInt32, at offset: Int) {
        Swift.withUnsafeBytes(of: value.littleEndian) { src in
            for i in 0..<4 { self[offset + i] = src[i] }
        }
    }
}

/// The number of bytes of `value` in unsigned LEB128.
@inline(__always)
func varUIntSize(_ value: UInt64) -> Int {
    value == 0 ? 1 : (64 - value.leadingZeroBitCount + 6) / 7
}

/// Maps signed integers to unsigned so that small magnitudes get small codes.
@inlinable @inline(__always)
package func zigzagEncode(_ v: Int64) -> UInt64 {
    UInt64(bitPattern: (v &<< 1) ^ (v >> 63))
}

/// The inverse of ``zigzagEncode(_:)``.
@inlinable @inline(__always)
package func zigzagDecode(_ u: UInt64) -> Int64 {
    Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
}
