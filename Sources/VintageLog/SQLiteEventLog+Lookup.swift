import VintageCore

extension SQLiteEventLog {
    /// The stored event at `seq`, if any.
    public func storedEvent(at seq: Int64) throws(LogError) -> StoredEvent? {
        try guarded { try lookUpEvent(at: seq) }
    }

    /// The stored event with this id, if any.
    public func storedEvent(withID id: EventID) throws(LogError) -> StoredEvent? {
        try guarded { try lookUpEvent(withID: id) }
    }

    /// ``storedEvent(withID:)`` inside a transaction, with the id's index key if known.
    func lookUpEvent(withID id: EventID, key: Int64? = nil) throws -> StoredEvent? {
        let probe = sql.seqsWithIDKey
        var candidates: [Int64] = []
        do {
            defer { probe.reset() }
            try probe.bind(1, key ?? id.indexKey)
            while try probe.step() { candidates.append(probe.int64(0)) }
        }
        for seq in candidates {
            if let found = try lookUpEvent(at: seq), found.id == id { return found }
        }
        return nil
    }

    /// ``storedEvent(at:)`` inside a transaction.
    func lookUpEvent(at seq: Int64) throws -> StoredEvent? {
        let fetch = sql.eventAt
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
}

extension SQLiteEventLog {
    /// Calls `body` with each stored event from `fromSeq` on (through `throughSeq`, if
    /// given), in seq order — without the recording time and chain link.
    public func forEachStoredEvent(fromSeq: Int64, throughSeq: Int64 = .max, _ body: (StoredEvent) throws -> Void) throws {
        try scanEvents(fromSeq: fromSeq, throughSeq: throughSeq, checksums: true) { seq, id, type, json, checksum in
            try body(StoredEvent(seq: seq, id: id, type: type, body: Array(json), checksum: checksum))
        }
    }

    /// Calls `body` with the seq, id, type and canonical JSON of each event in
    /// `fromSeq...throughSeq`, in seq order: what a replay of the projection reads. The JSON
    /// is SQLite's own copy, valid only during the call; the checksum is read only to derive
    /// an id the event was logged without.
    public func forEachEventBody(fromSeq: Int64, throughSeq: Int64 = .max,
                                 _ body: (_ seq: Int64, _ id: EventID, _ type: EventType, _ json: UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try scanEvents(fromSeq: fromSeq, throughSeq: throughSeq, checksums: false) { seq, id, type, json, _ in
            try body(seq, id, type, json)
        }
    }

    /// The events in `fromSeq...throughSeq` in seq order, with their checksums when asked
    /// (else empty).
    private func scanEvents(fromSeq: Int64, throughSeq: Int64, checksums: Bool,
                            _ body: (Int64, EventID, EventType, UnsafeBufferPointer<UInt8>, [UInt8]) throws -> Void) throws {
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
}
