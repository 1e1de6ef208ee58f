import VintageCore

/// A logged event with its id and position, as the projection folds it.
public struct SequencedEvent: Sendable {
    /// The event.
    public var event: Event
    /// Its id.
    public var id: EventID
    /// Its position in the log.
    public var seq: Int64

    /// Creates one.
    public init(event: Event, id: EventID, seq: Int64) {
        self.event = event
        self.id = id
        self.seq = seq
    }
}

/// What the projection reads from the log while moving forward: events after a position,
/// and single earlier events by seq or id (the targets of corrections). The projection
/// module knows no log implementation; the store passes one in.
public protocol ProjectionLogReader {
    /// Calls `body` with every event after `seq`, in log order.
    func forEachEvent(after seq: Int64, _ body: (SequencedEvent) throws -> Void) throws
    /// Calls `body` with the canonical JSON (valid during the call only), type, id and seq of
    /// every event after `seq`, in log order, without decoding it (for ``ReplayFold``).
    func forEachCanonicalEvent(
        after seq: Int64,
        _ body: (_ json: UnsafeBufferPointer<UInt8>, _ type: EventType, _ id: EventID, _ seq: Int64) throws -> Void) throws
    /// The event at `seq`, if any.
    func event(at seq: Int64) throws -> SequencedEvent?
    /// The seq of the event with id `id`, if any.
    func seq(of id: EventID) throws -> Int64?
    /// The seq of the last event (0: none).
    func lastSeq() throws -> Int64
    /// Folds every event after `seq` into `fold`, in log order: observations and releases
    /// the log holds as columns straight from them (see
    /// ``ReplayFold/applyFigures(seq:explicitID:record:figures:)``), other observations and
    /// releases as canonical JSON, and every other event (definitions, announcements,
    /// corrections, retractions) decoded once: applied as a value, which `other` then
    /// receives too. `progress` receives the last seq folded now and then. By default,
    /// every event from its canonical JSON.
    func fold(
        after seq: Int64, into fold: inout ReplayFold, progress: (Int64) -> Void,
        other: (SequencedEvent) throws -> Void) throws
    /// A reader of seq ranges that may run on other threads, each range on a connection of
    /// its own, so that a replay reads and folds parts of the log at once; nil when the log
    /// offers none (replay then reads on one thread).
    func concurrentRanges() -> (any ConcurrentLogRanges)?
}

/// Reads the log's events in seq ranges from any thread (see
/// ``ProjectionLogReader/concurrentRanges()``).
public protocol ConcurrentLogRanges: Sendable {
    /// Calls `body` with the canonical JSON (valid during the call only), type, id and seq of
    /// every event whose seq is in `seqs`, in log order.
    func forEachCanonicalEvent(
        in seqs: ClosedRange<Int64>,
        _ body: (_ json: UnsafeBufferPointer<UInt8>, _ type: EventType, _ id: EventID, _ seq: Int64) throws -> Void) throws
    /// Where to cut the log's seqs `1...last` into at most `count` ranges of about equal
    /// reading work: each range's last seq but the last one's, ascending; nil to cut by event
    /// count (the default).
    func cuts(into count: Int, last: Int64) -> [Int64]?
    /// ``ProjectionLogReader/fold(after:into:progress:other:)`` for the events whose seq is
    /// in `seqs`.
    func fold(
        _ seqs: ClosedRange<Int64>, into fold: inout ReplayFold, progress: (Int64) -> Void,
        other: (SequencedEvent) throws -> Void) throws
}

extension ProjectionLogReader {
    /// No concurrent reading unless the log offers it.
    public func concurrentRanges() -> (any ConcurrentLogRanges)? { nil }

    /// Every event as canonical JSON.
    public func fold(
        after seq: Int64, into fold: inout ReplayFold, progress: (Int64) -> Void,
        other: (SequencedEvent) throws -> Void
    ) throws {
        try forEachCanonicalEvent(after: seq) { json, type, id, seq in
            try fold.apply(canonicalJSON: json, type: type, id: id, seq: seq, other: other)
            if seq & 0x3FF == 0 { progress(seq) }
        }
    }
}

extension ConcurrentLogRanges {
    /// By event count.
    public func cuts(into count: Int, last: Int64) -> [Int64]? { nil }

    /// Every event as canonical JSON.
    public func fold(
        _ seqs: ClosedRange<Int64>, into fold: inout ReplayFold, progress: (Int64) -> Void,
        other: (SequencedEvent) throws -> Void
    ) throws {
        try forEachCanonicalEvent(in: seqs) { json, type, id, seq in
            try fold.apply(canonicalJSON: json, type: type, id: id, seq: seq, other: other)
            if seq & 0x3FF == 0 { progress(seq) }
        }
    }
}

extension ReplayFold {
    /// Applies an event read as canonical JSON (see
    /// ``ProjectionLogReader/fold(after:into:progress:other:)``): an observation or release
    /// straight from the bytes; any other event decoded once, applied as a value and passed
    /// to `other`.
    public mutating func apply(
        canonicalJSON json: UnsafeBufferPointer<UInt8>, type: EventType, id: EventID, seq: Int64,
        other: (SequencedEvent) throws -> Void
    ) throws {
        switch type {
        case .observation, .release:
            try apply(canonicalJSON: json, id: id, seq: seq)
        case .series, .announcement, .correction, .retraction:
            let event = try Event(canonicalJSON: Array(json))
            apply(event, id: id, seq: seq)
            try other(SequencedEvent(event: event, id: id, seq: seq))
        }
    }
}
