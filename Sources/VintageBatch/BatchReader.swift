import VintageColumnar

/// Reads a record batch's integers, varints and byte strings, never past its bytes.
struct BatchReader {
    let base: UnsafeRawBufferPointer
    /// The offset of the next byte to read.
    var offset: Int

    init(_ base: UnsafeRawBufferPointer, offset: Int = 0) {
        self.base = base
        self.offset = offset
    }

    var remaining: Int { base.count - offset }

    mutating func u8(_ what: @autoclosure () -> String) throws(RecordBatchError) -> UInt8 {
        guard offset < base.count else { throw RecordBatchError("record batch truncated in \(what())") }
        defer { offset += 1 }
        return base[offset]
    }

    mutating func u32(_ what: @autoclosure () -> String) throws(RecordBatchError) -> UInt32 {
        guard remaining >= 4 else { throw RecordBatchError("record batch truncated in \(what())") }
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(base[offset + i]) << (8 * UInt32(i)) }
        offset += 4
        return v
    }

    mutating func varUInt(_ what: @autoclosure () -> String) throws(RecordBatchError) -> UInt64 {
        do {
            return try readVarUInt(base, at: &offset, end: base.count)
        } catch {
            switch error {
            case .truncated: throw RecordBatchError("record batch truncated in \(what())")
            case .overflow: throw RecordBatchError("record batch has an overlong varint in \(what())")
            }
        }
    }

    /// A varuint at most `limit`.
    mutating func count(_ what: @autoclosure () -> String, limit: Int) throws(RecordBatchError) -> Int {
        let v = try varUInt(what())
        guard v <= UInt64(limit) else { throw RecordBatchError("record batch \(what()) \(v) exceeds \(limit)") }
        return Int(v)
    }

    /// The range of the next `count` bytes.
    mutating func take(_ count: Int, _ what: @autoclosure () -> String) throws(RecordBatchError) -> Range<Int> {
        guard count >= 0, count <= remaining else { throw RecordBatchError("record batch truncated in \(what())") }
        defer { offset += count }
        return offset..<(offset + count)
    }

    /// The range of a varuint-length-prefixed byte string.
    mutating func lengthPrefixed(_ what: @autoclosure () -> String) throws(RecordBatchError) -> Range<Int> {
        let n = try count(what(), limit: remaining)
        return try take(n, what())
    }

    func expectEnd(_ what: @autoclosure () -> String) throws(RecordBatchError) {
        guard offset == base.count else { throw RecordBatchError("record batch has \(base.count - offset) stray bytes after \(what())") }
    }
}
