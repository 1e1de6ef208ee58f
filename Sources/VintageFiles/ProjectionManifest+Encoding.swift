import VintageColumnar
import VintageCore

/// The manifest's bytes.
///
/// Every format version shares one frame, so that damage and a newer format are told apart:
///
/// ```
/// "VMAN"  u32 format version  body  u32 CRC-32C of everything before it
/// ```
///
/// The checksum is checked before the version, so a flipped bit in the version field reads
/// as damage, and an intact manifest of a newer format is refused as such. Format 3's body,
/// integers in LEB128 (signed ones zigzagged), strings and byte strings length-prefixed,
/// maps in ascending key order (so equal manifests have equal bytes):
///
/// ```
/// logSeq
/// table count, per table: name, entry count, entries (0, or 1 and a string)
/// attachment count, per attachment: name, stored bytes
/// series count N
/// series index: N u32s, the start of each series' entry relative to the first entry's
///               start (ascending, as the entries are in ascending id order)
/// per series (its entry): id, chunk count, chunks, head, status count, statuses
/// chunk:        name, byte count, u32 CRC-32C, summary, offset in the file
/// stored bytes: 0 and the bytes, or 1 and a chunk
/// ```
///
/// The series index lets a reader find one series' entry by a binary search over the ids,
/// compared in place, and decode that entry alone (``SeriesTable``): a query of one series
/// of thousands reads the whole file and its checksum, but checks only the index and its
/// own entry. Decoding checks every entry unless asked not to (`checkingEveryEntry`).
///
/// Format 2 puts the series section first (`logSeq`, series count, the entries, then the
/// tables and attachments), without an index; format 1 is format 2 without the chunk's
/// offset (every chunk a file of its own). Both are still read (every entry scanned when
/// the manifest is decoded) and written again as format 3.
extension ProjectionManifest {
    /// The four bytes a manifest starts with.
    static let magic: [UInt8] = Array("VMAN".utf8)

    /// The manifest in the current format.
    public func encoded() -> [UInt8] { encoded(formatVersion: Self.formatVersion) }

    /// The manifest in format `formatVersion` (3, or 2 for tests of reading old projections).
    func encoded(formatVersion: UInt32) -> [UInt8] {
        precondition(formatVersion == 2 || formatVersion == 3, "manifest format \(formatVersion) is not written")
        var w = ManifestByteWriter()
        for b in Self.magic { w.u8(b) }
        w.u32(formatVersion)
        w.varInt(logSeq)
        let ids = series.keys.sorted()
        if formatVersion == 2 {
            w.varUInt(UInt64(ids.count))
            for id in ids { Self.write(series[id]!, of: id, to: &w) }
        }
        w.varUInt(UInt64(tables.count))
        for name in tables.keys.sorted() {
            w.string(name)
            let entries = tables[name]!
            w.varUInt(UInt64(entries.count))
            for entry in entries { w.optionalString(entry) }
        }
        w.varUInt(UInt64(attachments.count))
        for name in attachments.keys.sorted() {
            w.string(name)
            Self.write(attachments[name]!, to: &w)
        }
        if formatVersion >= 3 {
            // The entries, then the index of where each starts in them.
            var entries = ManifestByteWriter()
            var starts: [UInt32] = []
            starts.reserveCapacity(ids.count)
            for id in ids {
                precondition(entries.bytes.count <= Int(UInt32.max), "a manifest's series entries exceed 4 GiB")
                starts.append(UInt32(entries.bytes.count))
                if let unchanged = series.unchangedEntryBytes(id) {
                    entries.raw(unchanged)
                } else {
                    Self.write(series[id]!, of: id, to: &entries)
                }
            }
            w.varUInt(UInt64(ids.count))
            for start in starts { w.u32(start) }
            w.raw(entries.bytes[...])
        }
        let crc = CRC32C.checksum(w.bytes)
        w.u32(crc)
        return w.bytes
    }

    /// One series' entry.
    private static func write(_ entry: Series, of id: SeriesID, to w: inout ManifestByteWriter) {
        w.string(id.rawValue)
        w.varUInt(UInt64(entry.chunks.count))
        for chunk in entry.chunks { write(chunk, to: &w) }
        write(entry.head, to: &w)
        w.varUInt(UInt64(entry.statuses.count))
        for status in entry.statuses { w.optionalString(status) }
    }

    /// Decodes a manifest. Total: any damage is a ``ManifestError``, never a crash.
    ///
    /// With `checkingEveryEntry` false, a format-3 manifest's series entries are checked
    /// only when each is first decoded (``SeriesTable/entry(_:)`` throws for a damaged one):
    /// for readers that need a few series of many. The checksum over the whole file is
    /// checked either way.
    public init(decoding bytes: [UInt8], checkingEveryEntry: Bool = true) throws(ManifestError) {
        guard bytes.count >= 12 else { throw .damaged("\(bytes.count) bytes, too short for a manifest") }
        guard Array(bytes[0..<4]) == Self.magic else { throw .damaged("it does not start with VMAN") }
        let bodyEnd = bytes.count - 4
        var trailer = ManifestByteReader(bytes, from: bodyEnd)
        let stored = try trailer.u32("checksum")
        let computed = bytes.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<bodyEnd])) }
        guard stored == computed else { throw .damaged("checksum mismatch (the file is truncated or corrupted)") }
        var r = ManifestByteReader(bytes, from: 4, to: bodyEnd)
        let version = try r.u32("format version")
        guard version <= Self.formatVersion else { throw .newerFormat(found: version, supported: Self.formatVersion) }
        guard version >= 1 else { throw .damaged("format version 0 does not exist") }

        let logSeq = try r.varInt("log seq")
        guard logSeq >= 0 else { throw .damaged("negative log seq \(logSeq)") }
        // Formats 1 and 2: the series section is scanned — every check decoding makes, no
        // chunk reference made — and each entry decoded when first asked for (see `SeriesTable`).
        var offsets: [SeriesID: Int] = [:]
        if version <= 2 {
            var previousName: String? = nil
            let seriesCount = try r.count("series count")
            offsets.reserveCapacity(seriesCount)
            for _ in 0..<seriesCount {
                let start = r.offset
                let id = try Self.skipSeries(&r, version: version, previousName: &previousName)
                guard offsets.updateValue(start, forKey: id) == nil else { throw .damaged("series \(id) appears twice") }
            }
        }
        var tables: [String: [String?]] = [:]
        for _ in 0..<(try r.count("table count")) {
            let name = try r.string("table name")
            let n = try r.count("entry count of table \(name)")
            var entries: [String?] = []
            entries.reserveCapacity(n)
            for _ in 0..<n { entries.append(try r.optionalString("entry of table \(name)")) }
            guard tables.updateValue(entries, forKey: name) == nil else { throw .damaged("table \(name) appears twice") }
        }
        var attachments: [String: StoredBytes] = [:]
        for _ in 0..<(try r.count("attachment count")) {
            let name = try r.string("attachment name")
            let value = try Self.readStoredBytes(&r, of: "attachment \(name)", version: version)
            guard attachments.updateValue(value, forKey: name) == nil else { throw .damaged("attachment \(name) appears twice") }
        }
        if version <= 2 {
            try r.expectEnd("the attachments")
            self.init(logSeq: logSeq, tables: tables, attachments: attachments)
            series = SeriesTable(offsets: offsets, bytes: bytes, version: version)
            return
        }
        let seriesCount = try r.count("series count", minimumItemSize: 5)
        let index = try ManifestSeriesIndex(bytes: bytes, count: seriesCount, indexStart: r.offset, entriesEnd: bodyEnd)
        guard seriesCount > 0 || index.entriesStart == bodyEnd else {
            throw .damaged("\(bodyEnd - index.entriesStart) unexpected bytes after the series index")
        }
        self.init(logSeq: logSeq, tables: tables, attachments: attachments)
        series = SeriesTable(index: index, bytes: bytes)
        if checkingEveryEntry { try series.checkEveryEntry() }
    }

    /// One series' entry: its id, checked, and what the manifest records for it.
    static func readSeries(_ r: inout ManifestByteReader, version: UInt32) throws(ManifestError) -> (id: SeriesID, entry: Series) {
        let id = try r.seriesID("series id")
        let text = id.rawValue
        var previousName: String? = nil
        let chunkCount = try r.count("chunk count of \(text)")
        var chunks: [ChunkReference] = []
        chunks.reserveCapacity(chunkCount)
        for _ in 0..<chunkCount { chunks.append(try Self.readChunk(&r, of: text, version: version, previousName: &previousName)) }
        let head = try Self.readStoredBytes(&r, of: "head of \(text)", version: version)
        let statusCount = try r.count("status count of \(text)")
        var statuses: [String?] = []
        statuses.reserveCapacity(statusCount)
        for _ in 0..<statusCount { statuses.append(try r.optionalString("status of \(text)")) }
        return (id, Series(chunks: chunks, head: head, statuses: statuses))
    }

    /// Moves past one series' entry making every check ``readSeries(_:version:)`` makes,
    /// and returns its id; `previousName` is the last chunk name checked (and becomes this
    /// entry's last).
    static func skipSeries(
        _ r: inout ManifestByteReader, version: UInt32,
        previousName: inout String?
    ) throws(ManifestError) -> SeriesID {
        let id = try r.seriesID("series id")
        let text = id.rawValue
        let chunkCount = try r.count("chunk count of \(text)")
        for _ in 0..<chunkCount { try skipChunk(&r, of: text, version: version, previousName: &previousName) }
        switch try r.u8("kind of head of \(text)") {
        case 0: try r.skipBlob("head of \(text)")
        case 1: try skipChunk(&r, of: "head of \(text)", version: version, previousName: &previousName)
        case let tag: throw .damaged("kind \(tag) of head of \(text) is neither 0 (inline) nor 1 (file)")
        }
        let statusCount = try r.count("status count of \(text)")
        for _ in 0..<statusCount { try r.skipOptionalString("status of \(text)") }
        return id
    }

    /// Moves past a chunk reference making every check ``readChunk(_:of:version:previousName:)`` makes.
    private static func skipChunk(
        _ r: inout ManifestByteReader, of owner: String, version: UInt32,
        previousName: inout String?
    ) throws(ManifestError) {
        if let previous = previousName, r.skipString(equalTo: previous) {
        } else {
            let name = try r.string("chunk name of \(owner)")
            guard ChunkReference.isValidName(name) else { throw .damaged("invalid chunk file name '\(name)' in \(owner)") }
            previousName = name
        }
        let size = try r.varUInt("size of chunk of \(owner)")
        guard size <= UInt64(Int.max) else { throw .damaged("size of chunk of \(owner) out of range") }
        _ = try r.u32("checksum of chunk of \(owner)")
        try r.skipBlob("summary of chunk of \(owner)")
        if version >= 2 {
            let offset = try r.varUInt("offset of chunk of \(owner)")
            guard offset <= UInt64(Int.max) - size else { throw .damaged("offset of chunk of \(owner) out of range") }
        }
    }

    private static func write(_ chunk: ChunkReference, to w: inout ManifestByteWriter) {
        w.string(chunk.name)
        w.varUInt(UInt64(chunk.byteCount))
        w.u32(chunk.checksum)
        w.blob(chunk.summary)
        w.varUInt(UInt64(chunk.offset))
    }

    private static func write(_ stored: StoredBytes, to w: inout ManifestByteWriter) {
        switch stored {
        case let .inline(bytes):
            w.u8(0)
            w.blob(bytes)
        case let .file(reference):
            w.u8(1)
            write(reference, to: &w)
        }
    }

    /// A chunk reference; `previousName` is the name the last one read gave (and becomes this one's).
    private static func readChunk(
        _ r: inout ManifestByteReader, of owner: String, version: UInt32,
        previousName: inout String?
    ) throws(ManifestError) -> ChunkReference {
        // A rebuild's chunks all name the few segment files it wrote: a name equal to the
        // previous one is that string again, already checked.
        let name: String
        if let previous = previousName, r.skipString(equalTo: previous) {
            name = previous
        } else {
            name = try r.string("chunk name of \(owner)")
            guard ChunkReference.isValidName(name) else { throw .damaged("invalid chunk file name '\(name)' in \(owner)") }
            previousName = name
        }
        let size = try r.varUInt("size of chunk \(name)")
        guard size <= UInt64(Int.max) else { throw .damaged("size of chunk \(name) out of range") }
        let checksum = try r.u32("checksum of chunk \(name)")
        let summary = try r.blob("summary of chunk \(name)")
        var offset: UInt64 = 0
        if version >= 2 {
            offset = try r.varUInt("offset of chunk \(name)")
            guard offset <= UInt64(Int.max) - size else { throw .damaged("offset of chunk \(name) out of range") }
        }
        return ChunkReference(name: name, byteCount: Int(size), checksum: checksum, summary: summary, offset: Int(offset))
    }

    private static func readStoredBytes(_ r: inout ManifestByteReader, of what: String, version: UInt32) throws(ManifestError) -> StoredBytes {
        switch try r.u8("kind of \(what)") {
        case 0: return .inline(try r.blob(what))
        case 1:
            var previousName: String? = nil
            return .file(try readChunk(&r, of: what, version: version, previousName: &previousName))
        case let tag: throw .damaged("kind \(tag) of \(what) is neither 0 (inline) nor 1 (file)")
        }
    }
}
