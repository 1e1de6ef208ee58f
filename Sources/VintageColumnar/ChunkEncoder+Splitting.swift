extension ChunkEncoder {
    /// Encodes `columns` as consecutive chunks of at most `rowsPerChunk` rows each
    /// (an empty input gives one empty chunk).
    ///
    /// - Throws: ``ChunkError/invalidInput(_:)`` for a row count per chunk outside
    ///   `1...ChunkFormat.maximumRowCount`, or any error of ``encode(_:validTimeColumn:valueColumn:)``.
    public func encodeChunks(
        _ columns: [Column], rowsPerChunk: Int = ChunkFormat.defaultRowCount,
        validTimeColumn: Int? = nil, valueColumn: Int? = nil
    ) throws(ChunkError) -> [[UInt8]] {
        guard rowsPerChunk >= 1 && rowsPerChunk <= ChunkFormat.maximumRowCount else {
            throw .invalidInput("\(rowsPerChunk) rows per chunk, 1...\(ChunkFormat.maximumRowCount) allowed")
        }
        let rowCount = columns.first?.count ?? 0
        for (i, c) in columns.enumerated() where c.count != rowCount {
            throw .invalidInput("column \(i) has \(c.count) rows, column 0 has \(rowCount)")
        }
        guard rowCount > rowsPerChunk else {
            return [try encode(columns, validTimeColumn: validTimeColumn, valueColumn: valueColumn)]
        }
        var chunks: [[UInt8]] = []
        for start in stride(from: 0, to: rowCount, by: rowsPerChunk) {
            let rows = start..<Swift.min(start + rowsPerChunk, rowCount)
            chunks.append(try encode(columns.map { $0.rows(rows) }, validTimeColumn: validTimeColumn, valueColumn: valueColumn))
        }
        return chunks
    }
}

extension Column {
    /// The column restricted to `rows`.
    public func rows(_ rows: Range<Int>) -> Column {
        switch self {
        case .int64(let v): return .int64(Array(v[rows]))
        case .double(let v): return .double(Array(v[rows]))
        case .uint8(let v): return .uint8(Array(v[rows]))
        }
    }
}
