import VintageCore
import VintageLog
import VintageProjection

/// The log as the projection reads it: events decoded from their canonical JSON; a whole
/// read (a replay) checks every checksum and chain link as it goes.
struct LogProjectionReader: ProjectionLogReader {
    let log: SQLiteEventLog

    func forEachEvent(after seq: Int64, _ body: (SequencedEvent) throws -> Void) throws {
        try log.forEachStoredEvent(fromSeq: seq + 1) { stored in
            try body(SequencedEvent(event: try stored.event(), id: stored.id, seq: stored.seq))
        }
    }

    func forEachCanonicalEvent(after seq: Int64,
                               _ body: (_ json: UnsafeBufferPointer<UInt8>, _ type: EventType, _ id: EventID, _ seq: Int64) throws -> Void) throws {
        try log.forEachCheckedEventBody(fromSeq: seq + 1) { seq, id, type, json in try body(json, type, id, seq) }
    }

    func event(at seq: Int64) throws -> SequencedEvent? {
        guard let stored = try log.storedEvent(at: seq) else { return nil }
        return SequencedEvent(event: try stored.event(), id: stored.id, seq: seq)
    }

    func seq(of id: EventID) throws -> Int64? { try log.storedEvent(withID: id)?.seq }

    func lastSeq() throws -> Int64 { try log.lastSeq() }

    func concurrentRanges() -> (any ConcurrentLogRanges)? { LogRangeReader(path: log.path) }
}

/// Reads seq ranges of the log at `path`, each on a read-only connection of its own (so
/// from any thread); the caller holds the log's lock, so no event is appended meanwhile.
struct LogRangeReader: ConcurrentLogRanges {
    let path: String

    func forEachCanonicalEvent(in seqs: ClosedRange<Int64>,
                               _ body: (_ json: UnsafeBufferPointer<UInt8>, _ type: EventType, _ id: EventID, _ seq: Int64) throws -> Void) throws {
        let log = try SQLiteEventLog(path: path, create: false)
        try log.forEachCheckedEventBody(fromSeq: seqs.lowerBound, throughSeq: seqs.upperBound) { seq, id, type, json in
            try body(json, type, id, seq)
        }
    }
}
