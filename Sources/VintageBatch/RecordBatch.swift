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
    public func forEachCanonicalEvent(_ body: (_ index: Int, _ type: EventType, _ explicitID: EventID?, _ json: UnsafeBufferPointer<UInt8>) throws -> Void) throws {
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
