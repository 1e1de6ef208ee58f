import VintageCore

/// Events kept as their canonical JSON, with their type and explicit id: all of a codec-1
/// batch, and the events of a codec-2 batch that its columns do not hold.
///
/// Each record: `tag u8` (type index, bit 7 set when an id follows), the id as a
/// varuint-prefixed string when present, the canonical JSON as a varuint-prefixed string.
struct JSONRecords: Sendable {
    /// One event's place in ``text``.
    struct Entry: Sendable {
        var type: EventType
        var id: EventID?
        var json: Range<Int>
    }

    /// The records' bytes.
    var text: [UInt8]
    /// The events, in order.
    var entries: [Entry]

    /// Appends one record.
    static func append(_ event: PreparedEvent, to w: inout BatchWriter) {
        let explicit = !event.idIsDerived
        w.u8(event.event.type.batchTag | (explicit ? RecordBatchFormat.explicitIDFlag : 0))
        if explicit { w.string(event.id.rawValue) }
        w.lengthPrefixed(event.body)
    }

    /// Reads `count` records from `r`, up to the reader's end or `count` records.
    static func read(_ r: inout BatchReader, count: Int, entries: inout [Entry]) throws(RecordBatchError) {
        entries.reserveCapacity(entries.count + count)
        for i in 0..<count {
            let tag = try r.u8("event \(i)'s tag")
            guard tag & 0x78 == 0, Int(tag & 7) < EventType.allCases.count else {
                throw RecordBatchError("record batch event \(i) has an unknown tag \(tag)")
            }
            let type = EventType.allCases[Int(tag & 7)]
            var id: EventID?
            if tag & RecordBatchFormat.explicitIDFlag != 0 {
                let range = try r.lengthPrefixed("event \(i)'s id")
                id = try checkedID(r.base, range, event: i)
            }
            let json = try r.lengthPrefixed("event \(i)'s JSON")
            guard json.count >= 2 else { throw RecordBatchError("record batch event \(i) has \(json.count) bytes of JSON") }
            entries.append(Entry(type: type, id: id, json: json))
        }
    }

    /// A stored explicit id, validated.
    static func checkedID(_ base: UnsafeRawBufferPointer, _ range: Range<Int>, event i: Int) throws(RecordBatchError) -> EventID {
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: base[range]), as: UTF8.self)
        do { return try EventID(text) } catch {
            throw RecordBatchError("record batch event \(i) has an invalid id: \(error)")
        }
    }

    /// The event of entry `i`, decoded from its JSON and checked against its tag.
    func event(_ i: Int) throws(RecordBatchError) -> Event {
        let entry = entries[i]
        let event: Event
        do { event = try Event(canonicalJSON: Array(text[entry.json])) } catch {
            throw RecordBatchError("record batch event \(i) is not a valid event: \(error)")
        }
        guard event.type == entry.type else {
            throw RecordBatchError("record batch event \(i) is tagged \(entry.type) but holds \(event.type)")
        }
        return event
    }
}
