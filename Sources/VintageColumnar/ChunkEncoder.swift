/// Turns columns into chunk bytes, choosing for each column the smallest encoding by trying them.
public struct ChunkEncoder: Sendable {
    /// Whether LZ4 is tried over each encoded column.
    public var compression: CompressionPolicy
    /// Whether the entropy encoding is tried (at the top of `Int64` columns and in nested
    /// integer blocks). A chunk that uses it is written in format version 3, one that does
    /// not in version 2 (byte for byte as before); writers of store formats whose readers
    /// know only version 2 turn it off.
    public var allowsEntropyCoding: Bool

    /// Creates an encoder.
    public init(compression: CompressionPolicy = .whenSmaller, allowsEntropyCoding: Bool = true) {
        self.compression = compression
        self.allowsEntropyCoding = allowsEntropyCoding
    }

    /// The chunk holding `columns`, all of one length.
    ///
    /// - Parameters:
    ///   - columns: the columns, at most ``ChunkFormat/maximumColumnCount``, each of at most
    ///     ``ChunkFormat/maximumRowCount`` rows.
    ///   - validTimeColumn: the index of the `Int64` column whose range the zone map records.
    ///   - valueColumn: the index of the `Double` column the zone map summarises.
    /// - Throws: ``ChunkError/invalidInput(_:)`` for unequal lengths, too many rows or columns,
    ///   or a zone-map column of the wrong type.
    public func encode(_ columns: [Column], validTimeColumn: Int? = nil, valueColumn: Int? = nil) throws(ChunkError) -> [UInt8] {
        let rowCount = columns.first?.count ?? 0
        guard columns.count <= ChunkFormat.maximumColumnCount else {
            throw .invalidInput("\(columns.count) columns, at most \(ChunkFormat.maximumColumnCount) allowed")
        }
        guard rowCount <= ChunkFormat.maximumRowCount else {
            throw .invalidInput("\(rowCount) rows, at most \(ChunkFormat.maximumRowCount) allowed")
        }
        for (i, c) in columns.enumerated() where c.count != rowCount {
            throw .invalidInput("column \(i) has \(c.count) rows, column 0 has \(rowCount)")
        }
        if let t = validTimeColumn {
            guard columns.indices.contains(t), columns[t].type == .int64 else {
                throw .invalidInput("valid-time column \(t) is not an Int64 column")
            }
        }
        if let v = valueColumn {
            guard columns.indices.contains(v), columns[v].type == .double else {
                throw .invalidInput("value column \(v) is not a Double column")
            }
        }
        let zoneMap = ZoneMap(columns: columns, validTimeColumn: validTimeColumn, valueColumn: valueColumn)
        let encoded = columns.map { EncodedColumn(encoding: $0, compression: compression, allowsEntropyCoding: allowsEntropyCoding) }
        return Self.assemble(
            encoded, rowCount: rowCount, zoneMap: zoneMap,
            validTimeColumn: validTimeColumn, valueColumn: valueColumn)
    }

    /// Lays out header, zone map, directory, payloads and checksums.
    static func assemble(
        _ columns: [EncodedColumn], rowCount: Int, zoneMap: ZoneMap, validTimeColumn: Int?, valueColumn: Int?
    ) -> [UInt8] {
        let directoryEnd = ChunkFormat.fixedHeaderSize + columns.count * ChunkFormat.directoryEntrySize
        var out: [UInt8] = []
        out.reserveCapacity(directoryEnd + 8 + columns.reduce(0) { $0 + $1.bytes.count })
        out.append(contentsOf: ChunkFormat.magic)
        out.append(columns.contains { $0.usesEntropyCoding } ? ChunkFormat.entropyCodingVersion : ChunkFormat.versionWithoutEntropyCoding)
        out.append(UInt8(columns.count))
        var flags: UInt8 = 0
        if zoneMap.validTime != nil { flags |= 1 }
        if zoneMap.values != nil { flags |= 2 }
        out.append(flags)
        out.append(0)
        out.appendLE(UInt32(rowCount))
        out.append(validTimeColumn.map { UInt8($0) } ?? ChunkFormat.noColumn)
        out.append(valueColumn.map { UInt8($0) } ?? ChunkFormat.noColumn)
        out.append(0)
        out.append(0)
        out.appendLE(UInt64(bitPattern: zoneMap.validTime?.lowerBound ?? 0))
        out.appendLE(UInt64(bitPattern: zoneMap.validTime?.upperBound ?? 0))
        let s = zoneMap.values
        for v in [s?.min, s?.max, s?.sum, s?.first, s?.last] { out.appendLE((v ?? 0).bitPattern) }
        for c in columns {
            out.append(c.type.rawValue)
            out.append(c.encoding.rawValue | (c.isCompressed ? ChunkFormat.compressedFlag : 0))
            out.append(0)
            out.append(0)
            out.appendLE(UInt32(c.bytes.count))
            out.appendLE(CRC32C.checksum(c.bytes))
        }
        out.appendLE(CRC32C.checksum(out))
        for c in columns { out.append(contentsOf: c.bytes) }
        out.appendLE(CRC32C.checksum(out))
        return out
    }
}
