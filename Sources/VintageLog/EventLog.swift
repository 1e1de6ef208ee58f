import VintageCore

/// The append-only event log: the store's single source of truth.
///
/// Implementations guarantee: an append is atomic (every event of a batch is stored, or
/// none); `seq` is gapless from 1; ids are unique (an identical re-append is a duplicate,
/// the same id with other content is rejected); every (series, period, released_at)
/// vintage has one value; figures name defined series, with periods that fit the series'
/// frequency in force when they are appended (figures stored before it changed stay);
/// corrections and retractions target existing events that are neither. An append's
/// outcome carries warnings for what it stored but was likely not meant. The SQLite implementation is ``SQLiteEventLog``; a
/// shared engine (PostgreSQL) can implement the same protocol later.
public protocol EventLog: AnyObject {
    /// The seq of the last stored event, 0 when the log is empty.
    func lastSeq() throws(LogError) -> Int64

    /// Appends a batch atomically, recording it at `recordedAt`.
    func append(_ events: [PreparedEvent], recordedAt: Timestamp) throws(LogError) -> AppendOutcome

    /// Appends batches taken from `nextBatch` (until it returns nil) in one atomic append,
    /// so that a large input can be parsed while earlier batches are being stored. Throws
    /// ``LogError`` or whatever `nextBatch` throws.
    func append(recordedAt: Timestamp, batches nextBatch: () throws -> PreparedBatch?) throws -> AppendOutcome

    /// Calls `body` with each event from `fromSeq` on, in seq order, until it returns false.
    func forEachEvent(fromSeq: Int64, type: EventType?, _ body: (LoggedEvent) throws -> Bool) throws

    /// Checks checksums, the hash chain and seq continuity of the whole log.
    func verify() throws(LogError) -> LogVerification
}
