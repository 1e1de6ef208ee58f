import VintageCore
import VintageLog
import VintageSQLite
import VintageSystem

/// What `upgrade` did to a log.
public struct LogUpgradeReport: Hashable, Sendable {
    /// The format the log had (``SQLiteEventLog/formatVersion`` when there was nothing to do).
    public var fromFormat: Int
    /// The events converted and checked.
    public var events: Int64
    /// The log's size on disk before and after, in bytes.
    public var bytesBefore: Int64
    public var bytesAfter: Int64
}

/// Converts a format-1 log to the current format: written beside it, compared event by event with the
/// old log (seq, id, type, recording time, canonical JSON), verified as a whole, then moved
/// over the old log's name in one atomic rename. Until that rename the old log is untouched;
/// a failure or crash at any point leaves it in place (and at most a stale `.upgrading` file,
/// removed by the next attempt).
public enum LogUpgrade {
    /// The name of the new log while it is written.
    public static func temporaryPath(for path: String) -> String { path + ".upgrading" }

    /// Opens a write transaction on `log` for an upgrade in place: refused for a read-only
    /// store, and `locked` when another writer holds the log past its busy timeout.
    static func beginWriting(_ log: SQLiteEventLog) throws(LogError) {
        try log.refuseIfReadOnly()
        do {
            try log.db.execute("BEGIN IMMEDIATE")
        } catch {
            if error.isBusy { throw .locked(path: log.path, waitedMilliseconds: Int(log.busyTimeoutMilliseconds)) }
            throw SQLiteEventLog.classify(error, path: log.path)
        }
    }

    /// Upgrades the log at `path`, waiting up to `busyTimeoutMilliseconds` for another
    /// writer's lock; `progress` receives the events converted so far and the total. A log
    /// already in the current format is left as it is.
    public static func upgrade(
        path: String, busyTimeoutMilliseconds: Int32 = 10_000,
        progress: ((_ done: Int64, _ total: Int64) -> Void)? = nil
    ) throws(LogError) -> LogUpgradeReport {
        let old = try SQLiteEventLog(path: path, create: false, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        let before = diskBytes(path)
        if old.format == LogSchema.formatThree {
            defer { old.close() }
            let events = try old.lastSeq()
            try markFormatFour(old)
            return LogUpgradeReport(fromFormat: LogSchema.formatThree, events: events, bytesBefore: before, bytesAfter: diskBytes(path))
        }
        if old.format == LogSchema.formatTwo {
            defer { old.close() }
            let events = try old.lastSeq()
            try packSeriesBatches(old)
            return LogUpgradeReport(fromFormat: LogSchema.formatTwo, events: events, bytesBefore: before, bytesAfter: diskBytes(path))
        }
        guard old.format == LogSchema.formatOne else {
            let events = try old.lastSeq()
            old.close()
            return LogUpgradeReport(fromFormat: old.format, events: events, bytesBefore: before, bytesAfter: before)
        }
        try old.refuseIfReadOnly()
        // The old log's write lock, held until it is closed: no writer (an older Vintage)
        // appends meanwhile, and a second upgrade waits, then finds the log upgraded.
        do {
            try old.db.execute("BEGIN IMMEDIATE")
        } catch {
            old.close()
            if error.isBusy { throw .locked(path: path, waitedMilliseconds: Int(old.busyTimeoutMilliseconds)) }
            throw SQLiteEventLog.classify(error, path: path)
        }
        let total = try old.lastSeq()
        let newPath = temporaryPath(for: path)
        for suffix in ["", "-wal", "-shm"] { try? FileDescriptor.remove(newPath + suffix) }
        do throws(LogError) {
            let new = try SQLiteEventLog(path: newPath, create: true)
            new.checksFrequencies = false
            try copyEvents(from: old, to: new, total: total, progress: progress)
            try compare(old, new)
            let verification = try new.verify()
            guard verification.isIntact else {
                throw LogError.damaged(path: newPath, reason: "the converted log does not verify: \(verification.problems[0])")
            }
            new.close()
            try? old.db.execute("ROLLBACK")
            old.close()
            try swap(newPath, over: path)
            return LogUpgradeReport(fromFormat: LogSchema.formatOne, events: total, bytesBefore: before, bytesAfter: diskBytes(path))
        } catch {
            try? old.db.execute("ROLLBACK")
            old.close()
            for suffix in ["", "-wal", "-shm"] { try? FileDescriptor.remove(newPath + suffix) }
            throw error
        }
    }

    /// Appends the old log's events to the new one, one append per recording time (so that
    /// every event keeps its seq, id and recording time), in pieces of bounded size.
    private static func copyEvents(
        from old: SQLiteEventLog, to new: SQLiteEventLog, total: Int64,
        progress: ((Int64, Int64) -> Void)?
    ) throws(LogError) {
        try old.guarded {
            let cursor = try old.db.prepare("SELECT seq, id, type, recorded_at, body, checksum FROM events ORDER BY seq", persistent: false)
            var next: StoredEventRow? = try StoredEventRow.read(cursor)
            var done: Int64 = 0
            while let first = next {
                let recordedAt = first.recordedAt
                let outcome = try new.append(recordedAt: recordedAt) {
                    var events: [PreparedEvent] = []
                    while let row = next, row.recordedAt == recordedAt, events.count < 4096 {
                        events.append(PreparedEvent(InputEvent(line: Int(row.seq), id: row.id, event: try Event(canonicalJSON: row.body))))
                        next = try StoredEventRow.read(cursor)
                    }
                    done += Int64(events.count)
                    progress?(done, total)
                    return events.isEmpty ? nil : PreparedBatch(events)
                }
                guard outcome.duplicates == 0 else {
                    throw LogError.damaged(
                        path: old.path,
                        reason: "the log holds \(outcome.duplicates) duplicate event(s) recorded at \(recordedAt); nothing was converted")
                }
            }
        }
    }

    /// Checks that both logs hold the same events: seq, id, type, recording time, bytes.
    private static func compare(_ old: SQLiteEventLog, _ new: SQLiteEventLog) throws(LogError) {
        try old.guarded {
            let cursor = try old.db.prepare("SELECT seq, id, type, recorded_at, body, checksum FROM events ORDER BY seq", persistent: false)
            try new.forEachEvent(fromSeq: 1, type: nil) { event in
                guard let row = try StoredEventRow.read(cursor) else {
                    throw LogError.damaged(path: new.path, reason: "seq \(event.seq): the converted log holds more events than the old one")
                }
                guard row.seq == event.seq, row.id == event.id, row.type == event.type.rawValue, row.recordedAt == event.recordedAt,
                    row.body == event.body
                else {
                    throw LogError.damaged(path: new.path, reason: "seq \(row.seq): the converted event differs from the old log's")
                }
                return true
            }
            if let extra = try StoredEventRow.read(cursor) {
                throw LogError.damaged(path: new.path, reason: "seq \(extra.seq): the converted log ends before the old one")
            }
        }
    }

    /// Moves `newPath` over `path` atomically and makes the rename durable.
    private static func swap(_ newPath: String, over path: String) throws(LogError) {
        do { try FileDescriptor.rename(newPath, path) } catch {
            throw .storage(SQLiteError(code: 10, message: "cannot rename \(newPath): \(error.description)", context: path))
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        if let fd = try? FileDescriptor.open(directory, .readOnly) {
            try? fd.sync()
            try? fd.close()
        }
    }

    /// The bytes a log takes on disk, its write-ahead files included.
    static func diskBytes(_ path: String) -> Int64 {
        var total: Int64 = 0
        for suffix in ["", "-wal", "-shm"] {
            if let status = try? FileDescriptor.status(ofPath: path + suffix) { total += status.allocatedSize }
        }
        return total
    }
}

/// One row of a format-1 log's `events` table, read by ``LogUpgrade``.
private struct StoredEventRow {
    var seq: Int64
    var id: EventID
    var type: String
    var recordedAt: Timestamp
    var body: [UInt8]

    /// The next row of `cursor`, nil at the end.
    static func read(_ cursor: SQLiteStatement) throws -> StoredEventRow? {
        guard try cursor.step() else { return nil }
        let checksum = cursor.bytes(5)
        let id = cursor.isNull(1) ? EventID(derivedFromContentHash: checksum) : EventID(unchecked: cursor.string(1))
        return StoredEventRow(
            seq: cursor.int64(0), id: id, type: cursor.string(2), recordedAt: Timestamp(microseconds: cursor.int64(3)),
            body: cursor.bytes(4))
    }
}
