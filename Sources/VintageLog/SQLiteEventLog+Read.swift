import VintageCore

extension SQLiteEventLog {
    /// Calls `body` with each event from `fromSeq` on (optionally of one type), in seq order,
    /// until it returns false.
    public func forEachEvent(fromSeq: Int64, type: EventType?, _ body: (LoggedEvent) throws -> Bool) throws {
        let sql = type == nil
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
                let event = LoggedEvent(seq: s.int64(0), id: id, type: eventType,
                                        recordedAt: Timestamp(microseconds: s.int64(3)), body: s.bytes(4),
                                        checksum: checksum, link: s.bytes(6))
                guard try body(event) else { break }
            }
        } catch let e as SQLiteError {
            throw Self.classify(e, path: path)
        }
    }
}
