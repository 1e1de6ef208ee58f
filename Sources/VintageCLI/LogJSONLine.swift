import VintageCore

/// Writes the JSON lines of `vintage log --format json` straight into the output buffer,
/// byte for byte as ``RowTable/jsonLine(_:_:)`` writes them for the log's columns (seq, id,
/// type, recorded_at, event), without a row of cells or a writer per event.
struct LogJSONLine {
    /// The recording time written last, and its text (one per append: most lines repeat it).
    private var lastRecordedAt: Timestamp?
    private var recordedAtText: [UInt8] = []

    private static let seqKey: StaticString = #"{"seq":"#
    private static let idKey: StaticString = #","id":"#
    private static let typeKey: StaticString = #","type":""#
    private static let recordedAtKey: StaticString = #"","recorded_at":""#
    private static let eventKey: StaticString = #"","event":"#

    /// Appends the line of one event.
    mutating func append(
        seq: Int64, id: EventID, type: EventType, recordedAt: Timestamp, json: UnsafeBufferPointer<UInt8>,
        to out: inout [UInt8]
    ) {
        if recordedAt != lastRecordedAt {
            recordedAtText.removeAll(keepingCapacity: true)
            recordedAt.appendISO8601(to: &recordedAtText)
            lastRecordedAt = recordedAt
        }
        Self.append(Self.seqKey, to: &out)
        DecimalDigits.append(seq, to: &out)
        Self.append(Self.idKey, to: &out)
        Self.appendString(id.rawValue, to: &out)
        Self.append(Self.typeKey, to: &out)
        var typeText = type.rawValue
        typeText.withUTF8 { out.append(contentsOf: $0) }
        Self.append(Self.recordedAtKey, to: &out)
        recordedAtText.withUnsafeBufferPointer { out.append(contentsOf: $0) }
        Self.append(Self.eventKey, to: &out)
        out.append(contentsOf: json)
        out.append(UInt8(ascii: "}"))
        out.append(UInt8(ascii: "\n"))
    }

    /// Constant text (no array to retain).
    @inline(__always)
    private static func append(_ text: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A string as `JSONWriter.string` writes it: plain text as is, anything else escaped by
    /// the writer itself.
    private static func appendString(_ s: String, to out: inout [UInt8]) {
        var text = s
        let plain = text.withUTF8 { utf8 -> Bool in
            for b in utf8 where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { return false }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: utf8)
            out.append(UInt8(ascii: "\""))
            return true
        }
        if plain { return }
        var w = JSONWriter()
        w.string(s)
        out.append(contentsOf: w.bytes)
    }
}
