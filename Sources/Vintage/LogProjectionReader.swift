import VintageCore
import VintageLog
import VintageProjection

/// The log as the projection reads it: events decoded from their canonical JSON.
struct LogProjectionReader: ProjectionLogReader {
    let log: SQLiteEventLog

    func forEachEvent(after seq: Int64, _ body: (SequencedEvent) throws -> Void) throws {
        try log.forEachEvent(fromSeq: seq + 1, type: nil) { logged in
            try body(SequencedEvent(event: try logged.event(), id: logged.id, seq: logged.seq))
            return true
        }
    }

    func forEachCanonicalEvent(after seq: Int64, _ body: (_ json: [UInt8], _ type: EventType, _ id: EventID, _ seq: Int64) throws -> Void) throws {
        try log.forEachEvent(fromSeq: seq + 1, type: nil) { logged in
            try body(logged.body, logged.type, logged.id, logged.seq)
            return true
        }
    }

    func event(at seq: Int64) throws -> SequencedEvent? {
        guard let stored = try log.storedEvent(at: seq) else { return nil }
        return SequencedEvent(event: try stored.event(), id: stored.id, seq: seq)
    }

    func seq(of id: EventID) throws -> Int64? { try log.storedEvent(withID: id)?.seq }
}
