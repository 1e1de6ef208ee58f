import VintageColumnar
import VintageCore

/// A record batch decoded from its bytes. Init checks the magic, version and CRC-32C
/// and the structure; any mismatch throws (never traps, never reads out of bounds: fuzz-safe).
public struct RecordBatch: Sendable {
    /// The decoded payload.
    enum Content: Sendable {
        /// Codec 1: every event as canonical JSON.
        case json(JSONRecords)
        /// Codec 2: columns and JSON records.
        case columnar(ColumnarRecords)
    }

    let content: Content

    /// The number of events.
    public let count: Int

    /// Decodes and checks the batch in `bytes` (which need not outlive the call).
    public init(decoding bytes: UnsafeRawBufferPointer) throws(RecordBatchError) {
        let f = RecordBatchFormat.self
        guard bytes.count >= f.headerSize + f.trailerSize else {
            throw RecordBatchError("record batch truncated: \(bytes.count) bytes, at least \(f.headerSize + f.trailerSize) needed")
        }
        guard bytes.prefix(4).elementsEqual(f.magic) else { throw RecordBatchError("not a record batch (bad magic)") }
        let bodyEnd = bytes.count - f.trailerSize
        var trailer = BatchReader(bytes, offset: bodyEnd)
        let stored = try trailer.u32("checksum")
        guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<bodyEnd])) == stored else {
            throw RecordBatchError("record batch checksum mismatch")
        }
        var r = BatchReader(UnsafeRawBufferPointer(rebasing: bytes[0..<bodyEnd]), offset: 4)
        let version = try r.u8("version")
        guard version == f.version else { throw RecordBatchError("record batch format version \(version) is not supported") }
        let codecID = try r.u8("codec")
        guard let codec = RecordBatchFormat.Codec(rawValue: codecID) else {
            throw RecordBatchError("record batch codec \(codecID) is not supported")
        }
        guard try r.u8("reserved") == 0, try r.u8("reserved") == 0 else { throw RecordBatchError("record batch reserved bytes are not zero") }
        let count = Int(try r.u32("event count"))
        guard count >= 1, count <= f.maximumEventCount else {
            throw RecordBatchError("record batch event count \(count) is outside 1...\(f.maximumEventCount)")
        }
        let payloadLength = Int(try r.u32("payload length"))
        guard payloadLength == r.remaining else {
            throw RecordBatchError("record batch payload length \(payloadLength) disagrees with its \(r.remaining) bytes")
        }
        self.count = count
        switch codec {
        case .canonicalJSON:
            let text = try LZ4Section.read(&r, "event records")
            try r.expectEnd("the event records")
            var entries: [JSONRecords.Entry] = []
            try withBytes(text) { (raw) throws(RecordBatchError) in
                var t = BatchReader(raw)
                try JSONRecords.read(&t, count: count, entries: &entries)
                try t.expectEnd("the last event record")
            }
            content = .json(JSONRecords(text: text, entries: entries))
        case .columnar:
            content = .columnar(try ColumnarRecords(&r, count: count))
        }
    }

    /// Each event's index in the batch, type, explicit id (nil when the id is derived from
    /// the content hash) and canonical JSON (exactly PreparedEvent.body; the buffer is valid during the call only).
    public func forEachCanonicalEvent(
        _ body: (_ index: Int, _ type: EventType, _ explicitID: EventID?, _ json: UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        switch content {
        case .json(let records):
            try records.text.withUnsafeBufferPointer { text in
                for (i, e) in records.entries.enumerated() {
                    try body(i, e.type, e.id, UnsafeBufferPointer(rebasing: text[e.json]))
                }
            }
        case .columnar(let columns):
            try columns.forEachCanonicalEvent(body)
        }
    }

    /// The figure columns of a columnar batch (nil for one of canonical JSON only), which
    /// ``forEachCanonicalEvent(figures:_:)`` names rows of.
    public var figureColumns: FigureColumns? {
        guard case .columnar(let c) = content else { return nil }
        return FigureColumns(
            strings: c.strings, seriesIDs: c.seriesIDs, releasedAt: c.releasedAt, recordStatus: c.status,
            series: c.series, periodStart: c.periodStart, value: c.value, figureStatus: c.figureStatus)
    }

    /// ``forEachCanonicalEvent(_:)``, except that the observations and releases held in
    /// columns (not corrections) are not written as JSON: `figures` receives each one's
    /// index, explicit id (nil when derived), and its record row and figure rows in
    /// ``figureColumns``. For reading figures without JSON (a replay of the projection).
    public func forEachCanonicalEvent(
        figures: (_ index: Int, _ explicitID: EventID?, _ record: Int, _ figures: Range<Int>) throws -> Void,
        _ body: (_ index: Int, _ type: EventType, _ explicitID: EventID?, _ json: UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        switch content {
        case .json:
            try forEachCanonicalEvent(body)
        case .columnar(let columns):
            try columns.forEachCanonicalEvent(splittingFigures: true, figures: figures, body)
        }
    }

    /// Each event decoded as a value (equal to the event that was encoded), without going through JSON
    /// for the columnar parts.
    public func forEachEvent(_ body: (_ index: Int, _ event: Event, _ explicitID: EventID?) throws -> Void) throws {
        switch content {
        case .json(let records):
            for i in records.entries.indices {
                try body(i, try records.event(i), records.entries[i].id)
            }
        case .columnar(let columns):
            try columns.forEachEvent(body)
        }
    }
}

/// The figure columns of a columnar record batch, checked when it was decoded. String
/// columns hold indexes into the batch's dictionary, 1-based (0: none).
public struct FigureColumns: Sendable {
    /// The dictionary.
    public let strings: [String]
    /// Each dictionary string as a series id (nil when it is not a valid one; every
    /// ``series`` index names a valid one).
    public let seriesIDs: [SeriesID?]
    /// Per record: its release time, microseconds since the epoch.
    public let releasedAt: [Int64]
    /// Per record: a release's own status (dictionary index).
    public let recordStatus: [Int64]
    /// Per figure: its series (dictionary index).
    public let series: [Int64]
    /// Per figure: its period's start, microseconds since the epoch.
    public let periodStart: [Int64]
    /// Per figure: its value.
    public let value: [Double]
    /// Per figure: its own status (dictionary index; for an observation, the observation's).
    public let figureStatus: [Int64]
}
