import VintageColumnar
import VintageCore

/// Encodes events, in log order, as one record batch.
public enum RecordBatchEncoder {
    /// The bytes of one batch holding `events` (at least one), in order; without
    /// `allowsEntropyCoding`, its columns stay in chunk format version 2 (for store format 3).
    public static func encode(_ events: some Collection<PreparedEvent>, allowsEntropyCoding: Bool = true) -> [UInt8] {
        encode(events, codec: .columnar, allowsEntropyCoding: allowsEntropyCoding)
    }

    /// The bytes of one batch of `events` written with `codec`.
    static func encode(_ events: some Collection<PreparedEvent>, codec: RecordBatchFormat.Codec, allowsEntropyCoding: Bool = true) -> [UInt8] {
        precondition(
            !events.isEmpty && events.count <= RecordBatchFormat.maximumEventCount,
            "a record batch holds 1 to \(RecordBatchFormat.maximumEventCount) events")
        var payload = BatchWriter()
        switch codec {
        case .canonicalJSON:
            var records = BatchWriter()
            for e in events { JSONRecords.append(e, to: &records) }
            LZ4Section.append(records.bytes, to: &payload)
        case .columnar:
            ColumnarEncoding.encode(events, allowsEntropyCoding: allowsEntropyCoding, to: &payload)
        }
        var w = BatchWriter()
        w.bytes.reserveCapacity(payload.bytes.count + RecordBatchFormat.headerSize + RecordBatchFormat.trailerSize)
        w.bytes.append(contentsOf: RecordBatchFormat.magic)
        w.u8(RecordBatchFormat.version)
        w.u8(codec.rawValue)
        w.u8(0)
        w.u8(0)
        w.u32(UInt32(events.count))
        w.u32(UInt32(payload.bytes.count))
        w.bytes.append(contentsOf: payload.bytes)
        w.u32(CRC32C.checksum(w.bytes))
        return w.bytes
    }
}

extension RecordBatchEncoder {
    /// A codec-1 batch (every event as canonical JSON in one LZ4 block), for comparisons and
    /// for tests that old batches still decode.
    public static func encodeCanonicalJSON(_ events: some Collection<PreparedEvent>) -> [UInt8] {
        encode(events, codec: .canonicalJSON)
    }
}
