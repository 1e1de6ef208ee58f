import VintageColumnar
import VintageFolds

/// A run of one series' rows stored as one immutable VintageColumnar chunk.
///
/// Rows are stored strictly increasing by ``RowKey`` (valid time, release time,
/// `visibleFrom`). The chunk describes them by their points and by their events (layout
/// ``layoutVersion``), since a series' rows repeat both: a point has a few vintages, and one
/// event — a release, one seq — states several points, with one release time and, when a
/// correction ends its rows, one end. Nine columns, all of the chunk's row count `n`
/// (VintageColumnar columns have one length); the first five hold a dictionary in their
/// first entries, padded to `n` by repeating its last entry (a trailing run, which costs the
/// chunk a count):
///
/// | # | column | type | per | holds |
/// |---|---|---|---|---|
/// | 0 | point time | `Int64` | point | the distinct valid times, strictly ascending (the zone map's valid-time column, so its range is exact) |
/// | 1 | point rows | `Int64` | point | the number of rows of each point (≥ 1, adding up to `n`) |
/// | 2 | event time | `Int64` | event | the release time of each distinct (release time, seq, end code) of the rows, in the order they first occur in the rows |
/// | 3 | event seq | `Int64` | event | the seq of each |
/// | 4 | event end | `Int64` | event | the end code of each (below) |
/// | 5 | event step | `Int64` | row | the row's event index minus the one predicted: one event after the row before it, or for the first row of a point, in mode 0, one event after the first row of the previous point; the first row (whose event is 0) holds the mode instead: 0, or 1 when first rows too are predicted after the row before them |
/// | 6 | visibleFrom offset | `Int64` | row | visibleFrom − seq (wrapping) |
/// | 7 | value | `Double` | row | bit for bit, `-0.0` and NaN payloads included (the zone map's value column) |
/// | 8 | status | `UInt8` | row | a code into a ``StatusTable`` kept outside the chunk |
///
/// The *end code* of a row of seq `s` ending at `visibleUntil` `u` is 0 for `Int64.max` (a
/// current row), `Int64.max − s` for `u == s`, and `u − s` otherwise (wrapping): a
/// bijection that makes current rows 0 and ended rows the distance to their end.
///
/// Monthly releases that each state a new month and revise the two before it make the event
/// steps and the visibleFrom offsets almost all 0 and the points' row counts 2 or 3, so those
/// columns cost next to nothing; what is left is one valid time per point, one release time,
/// seq and end per event, and the values. The number of points and of events is not stored:
/// the row counts add up to `n`, and the events are those the rows' indices reach, so a
/// reader decodes only that prefix of the dictionary columns. Within a point, release times
/// never decrease. The zone map records the valid-time range and the value summary (first
/// and last value being those of the first and the last row), so readers prune chunks
/// without decoding them.
///
/// A chunk does not store correction notes: rows decoded from chunks carry
/// `correction == nil` (history reads the notes from the log).
public struct SeriesChunk: Sendable {
    /// The column layout this type writes and reads. Layout 1 (seven per-row columns:
    /// validTime, releasedAt, seq, visibleFrom − seq, visibleUntil, value, status) is refused
    /// as ``SeriesChunkError/notASeriesChunk(_:)``: rebuild the projection from the log.
    static let layoutVersion = 2
    /// Column indices of the layout.
    static let validTimeColumn = 0, pointRowsColumn = 1, eventTimeColumn = 2, eventSeqColumn = 3,
        eventEndColumn = 4, eventStepColumn = 5, visibleFromColumn = 6, valueColumn = 7, statusColumn = 8
    /// The column types of the layout, in column order.
    static let columnTypes: [ColumnType] = [.int64, .int64, .int64, .int64, .int64, .int64, .int64, .double, .uint8]
    /// The column types of layout 1, recognised only to name it in the error.
    static let layout1ColumnTypes: [ColumnType] = [.int64, .int64, .int64, .int64, .int64, .double, .uint8]

    /// The encoder of series chunks: without entropy coding, so the chunks stay in chunk
    /// format version 2 (projection format 3). The log's batches use it; here it would save
    /// trade's projection 0.35 MB (of 2.98) but cost every rebuild about 10 % more time and
    /// every scan ~4 ns a value to decode (frame-of-reference takes 0.3–0.8 ns).
    public static let encoder = ChunkEncoder(allowsEntropyCoding: false)

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
        if types == Self.layout1ColumnTypes {
            throw .notASeriesChunk("a chunk of series-chunk layout 1, this version reads layout \(Self.layoutVersion): rebuild the projection")
        }
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
    public init(encoding rows: some Collection<VintageRow>, statuses: inout StatusTable, encoder: ChunkEncoder = SeriesChunk.encoder)
        throws(SeriesChunkError)
    {
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
    public static func encode(_ rows: some Collection<VintageRow>, statuses: inout StatusTable, encoder: ChunkEncoder = SeriesChunk.encoder)
        throws(SeriesChunkError) -> [UInt8]
    {
        var table = statuses
        let n = rows.count
        var pointTimes: [Int64] = [], pointRows: [Int64] = []
        var events: [Event] = [], fromOffsets: [Int64] = [], values: [Double] = [], codes: [UInt8] = []
        events.reserveCapacity(n); fromOffsets.reserveCapacity(n); values.reserveCapacity(n); codes.reserveCapacity(n)
        var previous: RowKey? = nil
        var lastStatus: String?? = nil, lastCode: UInt8 = 0
        // Rows are read field by field in place: copying a row would retain its strings.
        var i = 0
        for index in rows.indices {
            let validTime = rows[index].validTime, releasedAt = rows[index].releasedAt
            let seq = rows[index].seq, visibleFrom = rows[index].visibleFrom
            let key = RowKey(validTime: validTime, releasedAt: releasedAt, visibleFrom: visibleFrom)
            if let previous, !(previous < key) { throw .unsorted(index: i) }
            previous = key
            if lastStatus != .some(rows[index].status) {
                let status = rows[index].status
                guard let code = table.insert(status) else { throw .statusTableFull(status: status ?? "") }
                lastStatus = .some(status)
                lastCode = code
            }
            if pointTimes.last == validTime {
                pointRows[pointRows.count - 1] += 1
            } else {
                pointTimes.append(validTime)
                pointRows.append(1)
            }
            events.append(Event(time: releasedAt, seq: seq, end: Self.endCode(rows[index].visibleUntil, seq: seq)))
            fromOffsets.append(visibleFrom &- seq); values.append(rows[index].value); codes.append(lastCode)
            i += 1
        }
        let (dictionary, indices) = Self.eventDictionary(events)
        let steps = Self.eventSteps(indices, pointRows: pointRows)
        let columns: [Column] = [
            .int64(Self.padded(pointTimes, to: n)),
            .int64(Self.padded(pointRows, to: n)),
            .int64(Self.padded(dictionary.map(\.time), to: n)),
            .int64(Self.padded(dictionary.map(\.seq), to: n)),
            .int64(Self.padded(dictionary.map(\.end), to: n)),
            .int64(steps), .int64(fromOffsets), .double(values), .uint8(codes)
        ]
        do {
            let bytes = try encoder.encode(columns, validTimeColumn: validTimeColumn, valueColumn: valueColumn)
            statuses = table
            return bytes
        } catch {
            throw .chunk(error)
        }
    }

    /// The event a row belongs to: its release time, seq and end code.
    struct Event: Hashable {
        var time: Int64
        var seq: Int64
        var end: Int64
    }

    /// The distinct values of `events` in the order they first occur, and each row's index
    /// among them (so the first row's is 0).
    static func eventDictionary(_ events: [Event]) -> (dictionary: [Event], indices: [Int]) {
        var dictionary: [Event] = []
        // An open-addressing table of dictionary indices + 1 (0: empty slot), at most half
        // full, with a multiplicative hash: the rows of a chunk make thousands of look-ups,
        // where a `Dictionary`'s seeded SipHash would cost more than the rest of the encoding.
        var capacity = 16
        while capacity < 2 * events.count { capacity <<= 1 }
        let mask = capacity - 1
        var slots = [Int32](repeating: 0, count: capacity)
        var indices: [Int] = []
        indices.reserveCapacity(events.count)
        slots.withUnsafeMutableBufferPointer { table in
            for e in events {
                var h =
                    (UInt64(bitPattern: e.seq) &* 0x9E37_79B9_7F4A_7C15) ^ (UInt64(bitPattern: e.time) &* 0xC2B2_AE3D_27D4_EB4F)
                    ^ UInt64(bitPattern: e.end)
                h ^= h >> 29
                var slot = Int(truncatingIfNeeded: h) & mask
                while true {
                    let entry = Int(table[slot])
                    if entry == 0 {
                        table[slot] = Int32(dictionary.count + 1)
                        indices.append(dictionary.count)
                        dictionary.append(e)
                        break
                    }
                    if dictionary[entry - 1] == e {
                        indices.append(entry - 1)
                        break
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
        return (dictionary, indices)
    }

    /// How the first row of a point predicts its event: one after the first row of the
    /// previous point (releases that state a new point and revise earlier ones), or one after
    /// the row before it (rows that each bring a new event).
    enum StepMode: Int64 {
        case afterPreviousPoint = 0
        case afterPreviousRow = 1
    }

    /// The event steps of rows with event `indices` (the first 0) and points of `pointRows`
    /// rows, each first row of a point predicted in `mode`; the first row's entry (its event
    /// is always 0) holds the mode.
    static func eventSteps(_ indices: [Int], pointRows: [Int64], mode: StepMode) -> [Int64] {
        var out: [Int64] = []
        out.reserveCapacity(indices.count)
        var start = 0, firstOfPrevious = -1
        for count in pointRows {
            let end = start + Int(count)
            let predicted = start == 0 ? 0 : mode == .afterPreviousPoint ? firstOfPrevious + 1 : indices[start - 1] + 1
            out.append(Int64(indices[start] - predicted))
            for i in start + 1..<end { out.append(Int64(indices[i] - (indices[i - 1] + 1))) }
            firstOfPrevious = indices[start]
            start = end
        }
        if !out.isEmpty { out[0] = mode.rawValue }
        return out
    }

    /// The event steps of rows with event `indices` (the first 0) and points of `pointRows`
    /// rows, in the mode that leaves more of them 0.
    static func eventSteps(_ indices: [Int], pointRows: [Int64]) -> [Int64] {
        // The modes differ only at the first rows of points after the first, and at the first
        // row, which holds the mode (0 by point, 1 by row): count the zeros there, then make
        // only the steps of the mode that leaves more (by point on a tie).
        var zerosByPoint = 1, zerosByRow = 0
        var start = 0, firstOfPrevious = -1
        for count in pointRows {
            if start > 0 {
                zerosByPoint += indices[start] == firstOfPrevious + 1 ? 1 : 0
                zerosByRow += indices[start] == indices[start - 1] + 1 ? 1 : 0
            }
            firstOfPrevious = indices[start]
            start += Int(count)
        }
        return eventSteps(indices, pointRows: pointRows, mode: zerosByRow > zerosByPoint ? .afterPreviousRow : .afterPreviousPoint)
    }

    /// The end code of `visibleUntil` for a row of seq `seq`: 0 for `Int64.max` (current),
    /// `Int64.max − seq` for `seq` itself, `visibleUntil − seq` otherwise (wrapping).
    @inline(__always)
    static func endCode(_ visibleUntil: Int64, seq: Int64) -> Int64 {
        if visibleUntil == .max { return 0 }
        if visibleUntil == seq { return Int64.max &- seq }
        return visibleUntil &- seq
    }

    /// The `visibleUntil` of end code `code` for a row of seq `seq` (inverse of ``endCode(_:seq:)``).
    @inline(__always)
    static func visibleUntil(endCode code: Int64, seq: Int64) -> Int64 {
        if code == 0 { return .max }
        if code == Int64.max &- seq { return seq }
        return code &+ seq
    }

    /// `values` padded to `n` entries by repeating the last (a trailing run, which the
    /// chunk encoder stores as a count).
    static func padded(_ values: [Int64], to n: Int) -> [Int64] {
        guard let last = values.last, values.count < n else { return values }
        return values + repeatElement(last, count: n - values.count)
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
    /// in chunk order; `correction` is nil. Decodes no column but the points when no row is
    /// in range.
    ///
    /// - Throws: ``SeriesChunkError`` for a damaged chunk or an unknown status code.
    public func rows(from: Int64?, to: Int64?, applying ended: EndedRows = EndedRows()) throws(SeriesChunkError) -> [VintageRow] {
        let points = try checkedPoints()
        let range = points.range(from: from, to: to)
        guard !range.isEmpty else { return [] }
        let events = try rowEvents(points)
        let seqs = try eventSeqs(events)
        let froms = try visibleFroms(events, seqs: seqs)
        var untils = try visibleUntils(events, seqs: seqs)
        Self.applyEnds(ended, points: points, events: events, froms: froms, to: &untils, in: range)
        let values = try doubles(Self.valueColumn)
        let codes = try uint8s(Self.statusColumn)
        var rows: [VintageRow] = []
        rows.reserveCapacity(points.starts[range.upperBound] - points.starts[range.lowerBound])
        for p in range {
            var previous = Int64.min
            for i in points.rows(of: p) {
                let e = Int(events.indices[i])
                let releasedAt = events.times[e]
                guard releasedAt >= previous else { throw .inconsistent("release times go back within the point of row \(i)") }
                previous = releasedAt
                rows.append(
                    VintageRow(
                        validTime: points.times[p], releasedAt: releasedAt, value: values[i], seq: seqs[e],
                        visibleFrom: froms[i], visibleUntil: untils[i], status: try status(ofCode: codes[i])))
            }
        }
        return rows
    }

    /// The status of `code` in the chunk's table.
    @inline(__always)
    func status(ofCode code: UInt8) throws(SeriesChunkError) -> String? {
        guard let status = statuses.status(ofCode: code) else { throw .unknownStatusCode(code) }
        return status
    }
}
