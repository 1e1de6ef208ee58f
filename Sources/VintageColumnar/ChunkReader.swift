/// A validated chunk held in memory: its zone map without decoding, and any single column on request.
public struct ChunkReader: Sendable {
    /// The chunk's bytes.
    public let bytes: [UInt8]
    /// The validated header.
    public let header: ChunkHeader

    /// Opens the chunk in `bytes`, validating it as `verification` says.
    ///
    /// - Throws: ``ChunkError`` when the bytes are not a well-formed chunk.
    public init(_ bytes: [UInt8], verification: ChunkVerification = .wholeChunk) throws(ChunkError) {
        self.bytes = bytes
        self.header = try withBytes(bytes) { (raw) throws(ChunkError) in try ChunkHeader(parsing: raw, verification: verification) }
    }

    /// The number of rows.
    public var rowCount: Int { header.rowCount }
    /// The zone map, read without decoding any column.
    public var zoneMap: ZoneMap { header.zoneMap }
    /// The column directory.
    public var columns: [ColumnDescriptor] { header.columns }

    /// Decodes `Int64` column `index` into the first ``rowCount`` slots of `out`.
    public func decode(column index: Int, into out: UnsafeMutableBufferPointer<Int64>) throws(ChunkError) {
        try withBytes(bytes) { (raw) throws(ChunkError) in try header.decode(column: index, from: raw, into: out) }
    }

    /// Decodes `Double` column `index` into the first ``rowCount`` slots of `out`.
    public func decode(column index: Int, into out: UnsafeMutableBufferPointer<Double>) throws(ChunkError) {
        try withBytes(bytes) { (raw) throws(ChunkError) in try header.decode(column: index, from: raw, into: out) }
    }

    /// Decodes `UInt8` column `index` into the first ``rowCount`` slots of `out`.
    public func decode(column index: Int, into out: UnsafeMutableBufferPointer<UInt8>) throws(ChunkError) {
        try withBytes(bytes) { (raw) throws(ChunkError) in try header.decode(column: index, from: raw, into: out) }
    }

    /// The values of `Int64` column `index`.
    public func int64s(column index: Int) throws(ChunkError) -> [Int64] {
        var values = [Int64](repeating: 0, count: rowCount)
        try withMutableElements(&values) { (p) throws(ChunkError) in
            try decode(column: index, into: UnsafeMutableBufferPointer(start: p, count: rowCount))
        }
        return values
    }

    /// The values of `Double` column `index`.
    public func doubles(column index: Int) throws(ChunkError) -> [Double] {
        var values = [Double](repeating: 0, count: rowCount)
        try withMutableElements(&values) { (p) throws(ChunkError) in
            try decode(column: index, into: UnsafeMutableBufferPointer(start: p, count: rowCount))
        }
        return values
    }

    /// The values of `UInt8` column `index`.
    public func uint8s(column index: Int) throws(ChunkError) -> [UInt8] {
        var values = [UInt8](repeating: 0, count: rowCount)
        try withMutableElements(&values) { (p) throws(ChunkError) in
            try decode(column: index, into: UnsafeMutableBufferPointer(start: p, count: rowCount))
        }
        return values
    }

    /// Column `index`, decoded, whatever its type.
    public func column(_ index: Int) throws(ChunkError) -> Column {
        guard columns.indices.contains(index) else { throw .columnOutOfRange(index: index, columnCount: columns.count) }
        switch columns[index].type {
        case .int64: return .int64(try int64s(column: index))
        case .double: return .double(try doubles(column: index))
        case .uint8: return .uint8(try uint8s(column: index))
        }
    }

    /// Every column, decoded.
    public func allColumns() throws(ChunkError) -> [Column] {
        var result: [Column] = []
        for i in columns.indices { result.append(try column(i)) }
        return result
    }

    /// Decodes every column and checks that the zone map is the one its columns give.
    ///
    /// - Throws: ``ChunkError/zoneMapMismatch(_:)`` when it is not, or any decoding error.
    public func verifyContents() throws(ChunkError) {
        let decoded = try allColumns()
        let expected = ZoneMap(columns: decoded, validTimeColumn: header.validTimeColumn, valueColumn: header.valueColumn)
        guard expected == zoneMap else {
            throw .zoneMapMismatch("stored \(zoneMap), columns give \(expected)")
        }
    }
}
