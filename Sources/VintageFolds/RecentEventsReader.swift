import VintageCore

/// A log reader that keeps the events it last read by seq, so that reading the same few
/// events again and again (the correction and the corrected event behind every row of a
/// correction's replacement, when verify annotates a series' rows) decodes each once.
/// Everything else goes to the log it wraps.
package struct RecentEventsReader<Log: ProjectionLogReader>: ProjectionLogReader {
    /// The events read, by seq (emptied when it holds ``capacity``).
    final class Kept {
        var events: [Int64: SequencedEvent?] = [:]
    }

    let log: Log
    let kept = Kept()
    /// The most events kept.
    let capacity = 64

    package init(_ log: Log) { self.log = log }

    package func forEachEvent(after seq: Int64, _ body: (SequencedEvent) throws -> Void) throws {
        try log.forEachEvent(after: seq, body)
    }

    package func forEachCanonicalEvent(
        after seq: Int64,
        _ body: (_ json: UnsafeBufferPointer<UInt8>, _ type: EventType, _ id: EventID, _ seq: Int64) throws -> Void
    ) throws {
        try log.forEachCanonicalEvent(after: seq, body)
    }

    package func event(at seq: Int64) throws -> SequencedEvent? {
        if let event = kept.events[seq] { return event }
        let event = try log.event(at: seq)
        if kept.events.count >= capacity { kept.events.removeAll(keepingCapacity: true) }
        kept.events[seq] = event
        return event
    }

    package func seq(of id: EventID) throws -> Int64? { try log.seq(of: id) }

    package func lastSeq() throws -> Int64 { try log.lastSeq() }

    package func concurrentRanges() -> (any ConcurrentLogRanges)? { log.concurrentRanges() }
}
