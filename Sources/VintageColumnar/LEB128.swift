/// Why an unsigned LEB128 integer could not be read.
@usableFromInline
package enum VarUIntError: Error {
    /// The bytes end inside the integer.
    case truncated
    /// The integer does not fit in 64 bits (more than ten bytes, or a tenth byte above 1).
    case overflow
}

/// Reads an unsigned LEB128 integer of at most ten bytes at `offset` of `bytes` (never at or
/// past `end`) and moves `offset` past it: the one varint reader of every format Vintage
/// writes (chunks, the log's record batches, the projection's manifest), each reader turning
/// the failure into its own error.
@inlinable @inline(__always)
package func readVarUInt<Bytes: RandomAccessCollection>(_ bytes: Bytes, at offset: inout Int, end: Int) throws(VarUIntError) -> UInt64
where Bytes.Element == UInt8, Bytes.Index == Int {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while true {
        guard offset < end else { throw .truncated }
        let byte = bytes[offset]
        offset += 1
        if shift == 63 && byte > 1 { throw .overflow }
        result |= UInt64(byte & 0x7F) << shift
        if byte & 0x80 == 0 { return result }
        shift += 7
    }
}
