/// The constants of the record batch format (see docs/log.md, "Record batch format").
enum RecordBatchFormat {
    /// `VTRB`.
    static let magic: [UInt8] = [0x56, 0x54, 0x52, 0x42]
    /// The format version written and read.
    static let version: UInt8 = 1
    /// Magic, version, codec, 2 reserved bytes, event count (u32), payload length (u32).
    static let headerSize = 16
    /// The CRC-32C trailer.
    static let trailerSize = 4
    /// The most events one batch holds.
    static let maximumEventCount = 1 << 20
    /// The most bytes a section may expand to (bounds every allocation a decoder makes).
    static let maximumExpandedSize = 1 << 30
    /// LZ4 never expands a block by more than this ratio (a match of 255 literals per byte, rounded up).
    static let maximumLZ4Ratio = 256

    /// The codec of a batch's payload.
    enum Codec: UInt8 {
        /// Every event as canonical JSON, with its type and explicit id, in one LZ4 block.
        case canonicalJSON = 1
        /// Observation-shaped content as columns of VintageColumnar chunks, the rest as codec 1's records.
        case columnar = 2
    }

    /// The tag of an event in codec 1's records and codec 2's text section: the type's index
    /// in ``EventType/allCases`` in the low 3 bits, ``explicitIDFlag`` when an id is stored.
    static let explicitIDFlag: UInt8 = 0x80
}
