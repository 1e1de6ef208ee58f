extension ChunkHeader {
    /// Decodes `Int64` column `index` of the chunk in `bytes` (the bytes this header was parsed from)
    /// into the first ``rowCount`` slots of `out`.
    public func decode(column index: Int, from bytes: UnsafeRawBufferPointer, into out: UnsafeMutableBufferPointer<Int64>) throws(ChunkError) {
        try withPayload(index, .int64, bytes, out.count) { (payload, encoding) throws(ChunkError) in
            try Int64Codec.decode(
                payload, as: encoding, count: rowCount, acceptsEntropy: acceptsEntropy,
                into: UnsafeMutableBufferPointer(rebasing: out[0..<rowCount]))
        }
    }

    /// Decodes the first `out.count` values (at most ``rowCount``) of `Int64` column `index`
    /// of the chunk in `bytes` (the bytes this header was parsed from) into `out`: the
    /// column's payload is read and checked whole, but only those values are computed, so a
    /// column whose later rows are padding costs little more than its first ones.
    public func decodePrefix(column index: Int, from bytes: UnsafeRawBufferPointer, into out: UnsafeMutableBufferPointer<Int64>) throws(ChunkError) {
        guard out.count <= rowCount else { throw .lengthOutOfRange("a prefix of \(out.count) values of a column of \(rowCount)") }
        try withPayload(index, .int64, bytes, rowCount) { (payload, encoding) throws(ChunkError) in
            try Int64Codec.decode(payload, as: encoding, count: rowCount, acceptsEntropy: acceptsEntropy, into: out)
        }
    }

    /// The value of `Int64` column `index` of the chunk in `bytes` when the column is stored
    /// constant (every row that value), nil when it is stored otherwise — without expanding
    /// it to the rows. The column's checksum is checked as for a decode.
    public func constantInt64(column index: Int, from bytes: UnsafeRawBufferPointer) throws(ChunkError) -> Int64? {
        guard columns.indices.contains(index) else { throw .columnOutOfRange(index: index, columnCount: columns.count) }
        guard columns[index].encoding == .constant, !columns[index].isCompressed, rowCount > 0 else { return nil }
        var value: Int64 = 0
        try withPayload(index, .int64, bytes, rowCount) { (payload, encoding) throws(ChunkError) in
            var reader = ByteReader(payload)
            value = try reader.varInt("constant value")
            try reader.expectEnd("the constant Int64 column")
        }
        return value
    }

    /// Decodes `Double` column `index` of the chunk in `bytes` (the bytes this header was parsed from)
    /// into the first ``rowCount`` slots of `out`.
    public func decode(column index: Int, from bytes: UnsafeRawBufferPointer, into out: UnsafeMutableBufferPointer<Double>) throws(ChunkError) {
        try withPayload(index, .double, bytes, out.count) { (payload, encoding) throws(ChunkError) in
            try DoubleCodec.decode(
                payload, as: encoding, acceptsEntropy: acceptsEntropy, into: UnsafeMutableBufferPointer(rebasing: out[0..<rowCount]))
        }
    }

    /// Decodes `UInt8` column `index` of the chunk in `bytes` (the bytes this header was parsed from)
    /// into the first ``rowCount`` slots of `out`.
    public func decode(column index: Int, from bytes: UnsafeRawBufferPointer, into out: UnsafeMutableBufferPointer<UInt8>) throws(ChunkError) {
        try withPayload(index, .uint8, bytes, out.count) { (payload, encoding) throws(ChunkError) in
            try UInt8Codec.decode(payload, as: encoding, into: UnsafeMutableBufferPointer(rebasing: out[0..<rowCount]))
        }
    }

    /// Checks the column and hands its encoded (decompressed when needed) bytes to `body`.
    private func withPayload(
        _ index: Int, _ type: ColumnType, _ bytes: UnsafeRawBufferPointer, _ capacity: Int,
        _ body: (UnsafeRawBufferPointer, Encoding) throws(ChunkError) -> Void
    ) throws(ChunkError) {
        guard columns.indices.contains(index) else { throw .columnOutOfRange(index: index, columnCount: columns.count) }
        let column = columns[index]
        guard column.type == type else { throw .typeMismatch(column: index, expected: type, actual: column.type) }
        guard capacity >= rowCount else { throw .bufferTooSmall(needed: rowCount, available: capacity) }
        guard bytes.count == byteCount else {
            throw .lengthOutOfRange("\(bytes.count) bytes given for a chunk of \(byteCount)")
        }
        let stored = UnsafeRawBufferPointer(rebasing: bytes[column.offset..<(column.offset + column.byteCount)])
        if checksColumns {
            guard CRC32C.checksum(stored) == column.checksum else { throw .checksumMismatch(.column(index)) }
        }
        guard column.isCompressed else {
            try body(stored, column.encoding)
            return
        }
        var r = ByteReader(stored)
        let decodedCount = Int(try r.u32("the decoded length of an LZ4 column"))
        let limit = ChunkFormat.plainSize(type, rowCount: rowCount)
        guard decodedCount <= limit else {
            throw .lengthOutOfRange("LZ4 column expands to \(decodedCount) bytes, at most \(limit) allowed")
        }
        let block = try r.take(r.remaining, "an LZ4 block")
        let decoded = try LZ4Block.decompress(block, decompressedCount: decodedCount)
        try withBytes(decoded) { (payload) throws(ChunkError) in try body(payload, column.encoding) }
    }
}
