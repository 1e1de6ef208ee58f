/// How much of a chunk a reader checks against its checksums when it opens it.
public enum ChunkVerification: Sendable, Equatable {
    /// Check the whole-chunk checksum on opening (and the header checksum): every byte is verified once.
    case wholeChunk
    /// Check only the header checksum on opening, and each column's checksum when that column is decoded:
    /// for reading zone maps or single columns of large chunks.
    case headerThenColumns
    /// Check only the header checksum: for bytes already checked whole against a checksum
    /// kept elsewhere (a chunk file against the checksum its reference records).
    case headerOnly
}

/// One column's entry in the chunk directory.
public struct ColumnDescriptor: Sendable, Equatable {
    /// The element type.
    public var type: ColumnType
    /// The encoding of the values.
    public var encoding: Encoding
    /// Whether the encoded bytes are LZ4-compressed.
    public var isCompressed: Bool
    /// The number of stored bytes.
    public var byteCount: Int
    /// Where the stored bytes start in the chunk.
    var offset: Int
    /// The CRC-32C of the stored bytes.
    var checksum: UInt32
}

/// The validated header of a chunk: row count, zone map and column directory, read
/// without decoding any column; decodes single columns from the same bytes.
public struct ChunkHeader: Sendable, Equatable {
    /// The number of rows.
    public let rowCount: Int
    /// The column directory, in column order.
    public let columns: [ColumnDescriptor]
    /// The zone map.
    public let zoneMap: ZoneMap
    /// The index of the valid-time column the zone map was computed from.
    public let validTimeColumn: Int?
    /// The index of the value column the zone map was computed from.
    public let valueColumn: Int?
    /// The length of the whole chunk in bytes.
    public let byteCount: Int
    /// Whether column checksums are checked when columns are decoded.
    let checksColumns: Bool
    /// The chunk's format version.
    public let formatVersion: UInt8

    /// Whether the chunk's format admits the entropy encoding (version 3 on).
    var acceptsEntropy: Bool { formatVersion >= ChunkFormat.entropyCodingVersion }

    /// Parses and validates the header of the chunk in `bytes`.
    ///
    /// - Throws: ``ChunkError`` when the bytes are not a well-formed chunk: bad magic, unknown
    ///   version, checksum mismatch, truncation, out-of-range lengths, unknown types or encodings.
    public init(parsing bytes: UnsafeRawBufferPointer, verification: ChunkVerification = .wholeChunk) throws(ChunkError) {
        var r = ByteReader(bytes)
        let magic = try r.take(4, "the magic")
        guard magic.elementsEqual(ChunkFormat.magic) else { throw .badMagic }
        let version = try r.u8("the version")
        guard version >= ChunkFormat.oldestReadableVersion && version <= ChunkFormat.version else { throw .unsupportedVersion(version) }
        let columnCount = Int(try r.u8("the column count"))
        guard columnCount <= ChunkFormat.maximumColumnCount else {
            throw .lengthOutOfRange("\(columnCount) columns, at most \(ChunkFormat.maximumColumnCount) allowed")
        }
        let directoryEnd = ChunkFormat.fixedHeaderSize + columnCount * ChunkFormat.directoryEntrySize
        guard bytes.count >= directoryEnd + 8 else { throw .truncated("the header and column directory") }
        if verification == .wholeChunk {
            let stored = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: bytes.count - 4, as: UInt32.self))
            let actual = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<(bytes.count - 4)]))
            guard stored == actual else { throw .checksumMismatch(.chunk) }
        }
        let storedHeaderSum = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: directoryEnd, as: UInt32.self))
        guard storedHeaderSum == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<directoryEnd])) else {
            throw .checksumMismatch(.header)
        }

        let flags = try r.u8("the zone-map flags")
        guard flags & ~3 == 0 else { throw .malformed("unknown zone-map flags \(flags)") }
        guard try r.u8("a reserved byte") == 0 else { throw .malformed("reserved header byte is not zero") }
        let rowCount = Int(try r.u32("the row count"))
        guard rowCount <= ChunkFormat.maximumRowCount else {
            throw .lengthOutOfRange("\(rowCount) rows, at most \(ChunkFormat.maximumRowCount) allowed")
        }
        let timeIndex = try r.u8("the valid-time column")
        let valueIndex = try r.u8("the value column")
        guard try r.u16Zero() else { throw .malformed("reserved header bytes are not zero") }
        let minTime = Int64(bitPattern: try r.u64("the minimum valid time"))
        let maxTime = Int64(bitPattern: try r.u64("the maximum valid time"))
        var summary: [Double] = []
        for name in ["minimum", "maximum", "sum", "first", "last"] {
            summary.append(Double(bitPattern: try r.u64("the \(name) value")))
        }

        var columns: [ColumnDescriptor] = []
        columns.reserveCapacity(columnCount)
        var offset = directoryEnd + 4
        let payloadEnd = bytes.count - 4
        for i in 0..<columnCount {
            let typeID = try r.u8("column \(i)'s type")
            guard let type = ColumnType(rawValue: typeID) else { throw .unknownColumnType(typeID) }
            let encodingByte = try r.u8("column \(i)'s encoding")
            guard let encoding = Encoding(rawValue: encodingByte & ~ChunkFormat.compressedFlag), encoding.isDefined(for: type),
                encoding != .entropy || version >= ChunkFormat.entropyCodingVersion
            else {
                throw .unknownEncoding(encodingByte)
            }
            guard try r.u16Zero() else { throw .malformed("reserved bytes of column \(i) are not zero") }
            let length = Int(try r.u32("column \(i)'s length"))
            let checksum = try r.u32("column \(i)'s checksum")
            guard length <= payloadEnd - offset else {
                throw .lengthOutOfRange("column \(i) claims \(length) bytes, \(payloadEnd - offset) remain")
            }
            columns.append(
                ColumnDescriptor(
                    type: type, encoding: encoding, isCompressed: encodingByte & ChunkFormat.compressedFlag != 0,
                    byteCount: length, offset: offset, checksum: checksum))
            offset += length
        }
        guard offset == payloadEnd else {
            throw .lengthOutOfRange("columns hold \(offset - directoryEnd - 4) bytes, the chunk has \(payloadEnd - directoryEnd - 4)")
        }

        func zoneColumn(_ index: UInt8, type: ColumnType, _ what: String) throws(ChunkError) -> Int? {
            guard index != ChunkFormat.noColumn else { return nil }
            guard Int(index) < columnCount, columns[Int(index)].type == type else {
                throw .malformed("\(what) column \(index) is not an \(type) column of this chunk")
            }
            return Int(index)
        }
        self.validTimeColumn = try zoneColumn(timeIndex, type: .int64, "valid-time")
        self.valueColumn = try zoneColumn(valueIndex, type: .double, "value")
        // A zone-map part is present exactly when its column is named and there are rows.
        let hasTime = flags & 1 != 0, hasValues = flags & 2 != 0
        guard hasTime == (validTimeColumn != nil && rowCount > 0), hasValues == (valueColumn != nil && rowCount > 0) else {
            throw .malformed("zone-map flags \(flags) disagree with its columns and row count")
        }
        var validTime: ClosedRange<Int64>? = nil
        if hasTime {
            guard minTime <= maxTime else { throw .malformed("minimum valid time after the maximum") }
            validTime = minTime...maxTime
        }
        let values =
            hasValues
            ? ValueSummary(min: summary[0], max: summary[1], sum: summary[2], first: summary[3], last: summary[4]) : nil
        self.rowCount = rowCount
        self.columns = columns
        self.zoneMap = ZoneMap(rowCount: rowCount, validTime: validTime, values: values)
        self.byteCount = bytes.count
        self.checksColumns = verification == .headerThenColumns
        self.formatVersion = version
    }
}

extension ByteReader {
    /// Reads two bytes and tells whether both are zero.
    mutating func u16Zero() throws(ChunkError) -> Bool {
        let a = try u8("a reserved byte"), b = try u8("a reserved byte")
        return a == 0 && b == 0
    }
}
