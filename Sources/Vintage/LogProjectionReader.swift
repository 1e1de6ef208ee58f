import VintageCore
import VintageLog
import VintageProjection

/// The log as the projection reads it: events decoded from their canonical JSON.
struct LogProjectionReader: ProjectionLogReader {
    let log: SQLiteEventLog

    func forEachEvent(after seq: Int64, _ body: (SequencedEvent) throws -> Void) throws {
        try log.forEachStoredEvent(fromSeq: seq + 1) { stored in
            try body(SequencedEvent(event: try stored.event(), id: stored.id, seq: stored.seq))
        }
    }

    func forEachCanonicalEvent(after seq: Int64, _ body: (_ json: [UInt8], _ type: EventType, _ id: EventID, _ seq: Int64) throws -> Void) throws {
        try log.forEachStoredEvent(fromSeq: seq + 1) { stored in try body(stored.body, stored.type, stored.id, stored.seq) }
    }

    func event(at seq: Int64) throws -> SequencedEvent? {
        guard let stored = try log.storedEvent(at: seq) else { return nil }
        return SequencedEvent(event: try stored.event(), id: stored.id, seq: seq)
    }

    func seq(of id: EventID) throws -> Int64? { try log.storedEvent(withID: id)?.seq }
}
