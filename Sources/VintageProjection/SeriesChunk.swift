import VintageColumnar

/// A run of one series' rows stored as one immutable VintageColumnar chunk.
///
/// Rows are stored strictly increasing by ``RowKey`` (valid time, release time,
/// `visibleFrom`) as seven columns: validTime, releasedAt, seq, visibleFrom − seq (almost
/// always 0, so the column costs next to nothing; wrapping arithmetic keeps every `Int64`
/// exact), visibleUntil (`Int64`), value (`Double`, bit for bit, `-0.0` and NaN payloads included) and a status
/// code (`UInt8`, into a ``StatusTable`` kept outside the chunk). The zone map records the
/// valid-time range and the value summary, so readers prune chunks without decoding them.
///
/// A chunk does not store correction notes: rows decoded from chunks carry
/// `correction == nil` (history reads the notes from the log).
public struct SeriesChunk: Sendable {
    /// Column indices of the layout.
    static let validTimeColumn = 0, releasedAtColumn = 1, seqColumn = 2, visibleFromColumn = 3,
        visibleUntilColumn = 4, valueColumn = 5, statusColumn = 6
    /// The column types of the layout, in column order.
    static let columnTypes: [ColumnType] = [.int64, .int64, .int64, .int64, .int64, .double, .uint8]

    /// The chunk's bytes.
    public let bytes: [UInt8]
    /// The chunk's validated header: row count, zone map, directory.
    public let header: ChunkHeader
    /// The table the chunk's status codes index.
    public let statuses: StatusTable

    /// Opens the chunk in `bytes`, written with status table `statuses`. With the default
    /// `.headerThenColumns` verification only the header checksum is checked now and each
    /// column's checksum when that column is decoded, so a query reads and checks only the
    /// columns it needs; `.wholeChunk` checks every byte now.
    ///
    /// - Throws: ``SeriesChunkError/chunk(_:)`` for a damaged or foreign chunk,
    ///   ``SeriesChunkError/notASeriesChunk(_:)`` for a chunk of another layout.
    public init(bytes: [UInt8], statuses: StatusTable, verification: ChunkVerification = .headerThenColumns) throws(SeriesChunkError) {
        let parsed: Result<ChunkHeader, ChunkError> = bytes.withUnsafeBytes { raw in
            Result { () throws(ChunkError) in try ChunkHeader(parsing: raw, verification: verification) }
        }
        let header: ChunkHeader
        switch parsed {
        case .success(let h): header = h
        case .failure(let error): throw .chunk(error)
        }
        let types = header.columns.map(\.type)
        guard types == Self.columnTypes else {
            throw .notASeriesChunk("columns \(types), expected \(Self.columnTypes)")
        }
        guard header.validTimeColumn == Self.validTimeColumn, header.valueColumn == Self.valueColumn else {
            throw .notASeriesChunk("zone-map columns \(String(describing: header.validTimeColumn)), \(String(describing: header.valueColumn))")
        }
        self.bytes = bytes
        self.header = header
        self.statuses = statuses
    }

    /// Encodes `rows` and opens the result.
    ///
    /// - Throws: as ``encode(_:statuses:encoder:)``.
    public init(encoding rows: some Collection<VintageRow>, statuses: inout StatusTable, encoder: ChunkEncoder = ChunkEncoder()) throws(SeriesChunkError) {
        let bytes = try Self.encode(rows, statuses: &statuses, encoder: encoder)
        try self.init(bytes: bytes, statuses: statuses)
    }

    /// The chunk holding `rows`, which must be strictly increasing by ``RowKey``. Statuses
    /// not yet in `statuses` are added to it (only when the whole chunk is encoded).
    ///
    /// - Throws: ``SeriesChunkError/unsorted(index:)`` for rows out of order,
    ///   ``SeriesChunkError/statusTableFull(status:)`` when `statuses` cannot take a new
    ///   status (nothing is added then; write the rows with a new table),
    ///   ``SeriesChunkError/chunk(_:)`` for more rows than a chunk holds.
    public static func encode(_ rows: some Collection<VintageRow>, statuses: inout StatusTable, encoder: ChunkEncoder = ChunkEncoder()) throws(SeriesChunkError) -> [UInt8] {
        var table = statuses
        let n = rows.count
        var validTimes: [Int64] = [], releases: [Int64] = [], seqs: [Int64] = []
        var froms: [Int64] = [], untils: [Int64] = [], values: [Double] = [], codes: [UInt8] = []
        validTimes.reserveCapacity(n); releases.reserveCapacity(n); seqs.reserveCapacity(n)
        froms.reserveCapacity(n); untils.reserveCapacity(n); values.reserveCapacity(n); codes.reserveCapacity(n)
        var previous: RowKey? = nil
        var lastStatus: String?? = nil, lastCode: UInt8 = 0
        for (i, row) in rows.enumerated() {
            let key = row.key
            if let previous, !(previous < key) { throw .unsorted(index: i) }
            previous = key
            if lastStatus != .some(row.status) {
                guard let code = table.insert(row.status) else { throw .statusTableFull(status: row.status ?? "") }
                lastStatus = .some(row.status)
                lastCode = code
            }
            validTimes.append(row.validTime); releases.append(row.releasedAt); seqs.append(row.seq)
            froms.append(row.visibleFrom &- row.seq); untils.append(row.visibleUntil); values.append(row.value); codes.append(lastCode)
        }
        let columns: [Column] = [.int64(validTimes), .int64(releases), .int64(seqs), .int64(froms), .int64(untils), .double(values), .uint8(codes)]
        do {
            let bytes = try encoder.encode(columns, validTimeColumn: validTimeColumn, valueColumn: valueColumn)
            statuses = table
            return bytes
        } catch {
            throw .chunk(error)
        }
    }

    /// The number of rows.
    public var rowCount: Int { header.rowCount }

    /// The smallest and largest valid time of the rows (nil for an empty chunk), from the
    /// zone map.
    public var validTimes: ClosedRange<Int64>? { header.zoneMap.validTime }

    /// Every row, with `ended` applied, in chunk order; `correction` is nil.
    ///
    /// - Throws: ``SeriesChunkError`` for a damaged chunk or an unknown status code.
    public func rows(applying ended: EndedRows = EndedRows()) throws(SeriesChunkError) -> [VintageRow] {
        try rows(from: nil, to: nil, applying: ended)
    }

    /// The rows whose valid time lies in `from..<to` (nil: unbounded), with `ended` applied,
    /// in chunk order; `correction` is nil. Decodes no column but the valid times when no
    /// row is in range.
    ///
    /// - Throws: ``SeriesChunkError`` for a damaged chunk or an unknown status code.
    public func rows(from: Int64?, to: Int64?, applying ended: EndedRows = EndedRows()) throws(SeriesChunkError) -> [VintageRow] {
        let validTimes = try checkedValidTimes()
        let range = Self.rowRange(of: validTimes, from: from, to: to)
        guard !range.isEmpty else { return [] }
        let releases = try int64s(Self.releasedAtColumn)
        let seqs = try int64s(Self.seqColumn)
        let froms = try visibleFroms(seqs: seqs)
        var untils = try int64s(Self.visibleUntilColumn)
        Self.applyEnds(ended, validTimes: validTimes, releases: releases, froms: froms, to: &untils, in: range)
        let values = try doubles(Self.valueColumn)
        let codes = try uint8s(Self.statusColumn)
        var rows: [VintageRow] = []
        rows.reserveCapacity(range.count)
        for i in range {
            rows.append(VintageRow(validTime: validTimes[i], releasedAt: releases[i], value: values[i], seq: seqs[i],
                                   visibleFrom: froms[i], visibleUntil: untils[i], status: try status(ofCode: codes[i])))
        }
        return rows
    }

    /// The rows of ascending `validTimes` whose valid time lies in `from..<to`.
    static func rowRange(of validTimes: [Int64], from: Int64?, to: Int64?) -> Range<Int> {
        func firstIndex(notBelow bound: Int64) -> Int {
            var lo = 0, hi = validTimes.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if validTimes[mid] < bound { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        let lower = from.map(firstIndex(notBelow:)) ?? 0
        let upper = to.map(firstIndex(notBelow:)) ?? validTimes.count
        return lower..<max(lower, upper)
    }

    /// The status of `code` in the chunk's table.
    @inline(__always)
    func status(ofCode code: UInt8) throws(SeriesChunkError) -> String? {
        guard let status = statuses.status(ofCode: code) else { throw .unknownStatusCode(code) }
        return status
    }
}
