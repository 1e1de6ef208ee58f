import VintageCore
import VintageFiles

extension SeriesHead {
    /// The head's bytes as the manifest stores them.
    package func encoded() -> [UInt8] {
        var w = ManifestByteWriter()
        w.varUInt(UInt64(rows.count))
        var previous: Int64 = 0
        for row in rows {
            w.varInt(row.validTime &- previous)
            previous = row.validTime
            w.varInt(row.releasedAt &- row.validTime)
            w.i64(Int64(bitPattern: row.value.bitPattern))
            w.varInt(row.seq)
            w.varInt(row.visibleFrom &- row.seq)
            w.varInt(row.visibleUntil == .max ? 0 : row.visibleUntil &- row.visibleFrom)
            w.optionalString(row.status)
        }
        w.varUInt(UInt64(ended.count))
        for entry in ended.entries {
            Self.write(entry.key, to: &w)
            w.varInt(entry.visibleUntil)
        }
        w.varUInt(UInt64(unshown.count))
        for s in unshown {
            w.varInt(s.validTime)
            w.varInt(s.releasedAt)
            w.varInt(s.owner)
            w.varInt(s.seq)
            w.i64(Int64(bitPattern: s.value.bitPattern))
            w.optionalString(s.status)
            w.u8(s.note == nil ? 0 : 1)
            if let note = s.note { Self.write(note, to: &w) }
        }
        return w.bytes
    }

    /// Decodes a head written by ``encoded()``.
    package init(decoding bytes: [UInt8]) throws(ManifestError) {
        self.init()
        guard !bytes.isEmpty else { return }
        var r = ManifestByteReader(bytes)
        let rowCount = try r.count("head rows", minimumItemSize: 14)
        rows.reserveCapacity(rowCount)
        var previous: Int64 = 0
        for _ in 0..<rowCount {
            let validTime = previous &+ (try r.varInt("head row valid time"))
            previous = validTime
            let releasedAt = validTime &+ (try r.varInt("head row release time"))
            let value = Double(bitPattern: UInt64(bitPattern: try r.i64("head row value")))
            let seq = try r.varInt("head row seq")
            let visibleFrom = seq &+ (try r.varInt("head row visible-from"))
            let until = try r.varInt("head row visible-until")
            let status = try r.optionalString("head row status")
            let row = VintageRow(
                validTime: validTime, releasedAt: releasedAt, value: value, seq: seq, visibleFrom: visibleFrom,
                visibleUntil: until == 0 ? .max : visibleFrom &+ until, status: status)
            if let last = rows.last, !(last.key < row.key) { throw .damaged("head rows out of order") }
            rows.append(row)
        }
        let endedCount = try r.count("ended rows", minimumItemSize: 4)
        var entries: [EndedRows.Entry] = []
        for _ in 0..<endedCount {
            let key = try Self.readKey(&r)
            entries.append(EndedRows.Entry(key: key, visibleUntil: try r.varInt("ended row position")))
        }
        ended = EndedRows(entries)
        let unshownCount = try r.count("unshown statements", minimumItemSize: 14)
        for _ in 0..<unshownCount {
            let validTime = try r.varInt("statement valid time")
            let releasedAt = try r.varInt("statement release time")
            let owner = try r.varInt("statement owner")
            let seq = try r.varInt("statement seq")
            let value = Double(bitPattern: UInt64(bitPattern: try r.i64("statement value")))
            let status = try r.optionalString("statement status")
            let note = try r.u8("statement note flag") == 0 ? nil : try Self.readNote(&r)
            unshown.append(
                SlotStatement(
                    validTime: validTime, releasedAt: releasedAt, owner: owner, seq: seq,
                    value: value, status: status, note: note))
        }
        try r.expectEnd("series head")
    }

    private static func write(_ key: RowKey, to w: inout ManifestByteWriter) {
        w.varInt(key.validTime)
        w.varInt(key.releasedAt)
        w.varInt(key.visibleFrom)
    }

    private static func readKey(_ r: inout ManifestByteReader) throws(ManifestError) -> RowKey {
        RowKey(
            validTime: try r.varInt("row key valid time"), releasedAt: try r.varInt("row key release time"),
            visibleFrom: try r.varInt("row key visible-from"))
    }

    private static func write(_ note: CorrectionNote, to w: inout ManifestByteWriter) {
        w.string(note.correction.rawValue)
        w.u8(note.originalValue == nil ? 0 : 1)
        if let value = note.originalValue { w.i64(Int64(bitPattern: value.bitPattern)) }
    }

    private static func readNote(_ r: inout ManifestByteReader) throws(ManifestError) -> CorrectionNote {
        let id = EventID(unchecked: try r.string("correction id"))
        let hasValue = try r.u8("original value flag") != 0
        let value = hasValue ? Double(bitPattern: UInt64(bitPattern: try r.i64("original value"))) : nil
        return CorrectionNote(correction: id, originalValue: value)
    }
}
