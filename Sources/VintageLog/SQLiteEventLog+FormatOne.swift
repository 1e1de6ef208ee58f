import VintageCore
import VintageSQLite

/// Reading a format-1 log (one row per event, per-event hash chain), which this version reads
/// but no longer writes: what queries, `log`, `verify` and `upgrade` need.
extension SQLiteEventLog {
    func formatOneForEachEvent(fromSeq: Int64, type: EventType?, _ body: (LoggedEvent) throws -> Bool) throws {
        let sql =
            type == nil
            ? "SELECT seq, id, type, recorded_at, body, checksum, link FROM events WHERE seq >= ? ORDER BY seq"
            : "SELECT seq, id, type, recorded_at, body, checksum, link FROM events WHERE seq >= ? AND type = ? ORDER BY seq"
        let s = try db.prepare(sql, persistent: false)
        try s.bind(1, fromSeq)
        if let type { try s.bind(2, type.rawValue) }
        do {
            while try s.step() {
                let typeText = s.string(2)
                guard let eventType = EventType(rawValue: typeText) else {
                    throw LogError.damaged(path: path, reason: "event seq \(s.int64(0)) has unknown type '\(typeText)'")
                }
                let checksum = s.bytes(5)
                let id = s.isNull(1) ? EventID(derivedFromContentHash: checksum) : EventID(unchecked: s.string(1))
                let event = LoggedEvent(
                    seq: s.int64(0), id: id, type: eventType,
                    recordedAt: Timestamp(microseconds: s.int64(3)), body: s.bytes(4),
                    checksum: checksum, link: s.bytes(6))
                guard try body(event) else { break }
            }
        } catch let e as SQLiteError {
            throw Self.classify(e, path: path)
        }
    }

    func formatOneLookUpEvent(withID id: EventID) throws -> StoredEvent? {
        let probe = try db.prepare(
            "SELECT seq FROM event_ids WHERE id_key = ?1 UNION ALL SELECT seq FROM event_id_collisions WHERE id_key = ?1", persistent: false)
        let candidates = try probe.seqs(withIDKey: id.indexKey)
        for seq in candidates {
            if let found = try formatOneLookUpEvent(at: seq), found.id == id { return found }
        }
        return nil
    }

    func formatOneLookUpEvent(at seq: Int64) throws -> StoredEvent? {
        let fetch = try db.prepare("SELECT id, type, body, checksum FROM events WHERE seq = ?", persistent: false)
        defer { fetch.reset() }
        try fetch.bind(1, seq)
        guard try fetch.step() else { return nil }
        let checksum = fetch.bytes(3)
        let id = fetch.isNull(0) ? EventID(derivedFromContentHash: checksum) : EventID(unchecked: fetch.string(0))
        guard let type = EventType(rawValue: fetch.string(1)) else {
            throw LogError.damaged(path: path, reason: "event seq \(seq) has unknown type '\(fetch.string(1))'")
        }
        return StoredEvent(seq: seq, id: id, type: type, body: fetch.bytes(2), checksum: checksum)
    }

    func formatOneScanEvents(
        fromSeq: Int64, throughSeq: Int64, checksums: Bool,
        _ body: (Int64, EventID, EventType, UnsafeBufferPointer<UInt8>, [UInt8]) throws -> Void
    ) throws {
        let s = try db.prepare("SELECT seq, id, type, body, checksum FROM events WHERE seq >= ? AND seq <= ? ORDER BY seq", persistent: false)
        try s.bind(1, fromSeq)
        try s.bind(2, throughSeq)
        do {
            while try s.step() {
                let seq = s.int64(0)
                guard let type = s.withText(2, { EventType(utf8: $0) }) else {
                    throw LogError.damaged(path: path, reason: "event seq \(seq) has unknown type '\(s.string(2))'")
                }
                let checksum = checksums || s.isNull(1) ? s.bytes(4) : []
                let id = s.isNull(1) ? EventID(derivedFromContentHash: checksum) : EventID(unchecked: s.string(1))
                try s.withText(3) { json in try body(seq, id, type, json, checksum) }
            }
        } catch let e as SQLiteError {
            throw Self.classify(e, path: path)
        }
    }

    func formatOneForEachCheckedEventBody(
        fromSeq: Int64, throughSeq: Int64,
        _ body: (_ seq: Int64, _ id: EventID, _ type: EventType, _ json: UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        let first = max(1, fromSeq)
        var previousLink = HashChain.genesis
        if first > 1 {
            let s = try db.prepare("SELECT link FROM events WHERE seq = ?", persistent: false)
            try s.bind(1, first - 1)
            guard try s.step() else { throw LogError.damaged(path: path, reason: "seq \(first - 1) is missing") }
            previousLink = s.bytes(0)
        }
        var expected = first
        let s = try db.prepare(
            "SELECT seq, id, type, recorded_at, body, checksum, link FROM events WHERE seq >= ? AND seq <= ? ORDER BY seq", persistent: false)
        try s.bind(1, first)
        try s.bind(2, throughSeq)
        do {
            while try s.step() {
                let seq = s.int64(0)
                func damaged(_ problem: String) -> LogError { .damaged(path: path, reason: "seq \(seq): \(problem)") }
                if seq != expected { throw damaged("the log jumps there from seq \(expected - 1)") }
                guard let type = s.withText(2, { EventType(utf8: $0) }) else { throw damaged("unknown type '\(s.string(2))'") }
                let checksum = s.bytes(5)
                let id = s.isNull(1) ? EventID(derivedFromContentHash: checksum) : EventID(unchecked: s.string(1))
                let link = HashChain.link(
                    previous: previousLink, seq: seq, recordedAt: Timestamp(microseconds: s.int64(3)), id: id, checksum: checksum)
                guard link == s.bytes(6) else { throw damaged("hash chain broken (the event or one before it was changed, removed or reordered)") }
                try s.withText(4) { json in
                    var hasher = SHA256()
                    hasher.update(bufferPointer: UnsafeRawBufferPointer(json))
                    guard hasher.finalize().elementsEqual(checksum) else { throw damaged("checksum does not match the stored event") }
                    try body(seq, id, type, json)
                }
                previousLink = link
                expected += 1
            }
        } catch let e as SQLiteError {
            throw Self.classify(e, path: path)
        }
    }

    func formatOneHead(at seq: Int64) throws -> LogHead? {
        let s = try db.prepare("SELECT link FROM events WHERE seq = ?", persistent: false)
        try s.bind(1, seq)
        return try s.step() ? LogHead(seq: seq, link: s.bytes(0)) : nil
    }
}
