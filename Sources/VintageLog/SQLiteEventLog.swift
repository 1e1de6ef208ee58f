import CSQLite
import VintageCore
import VintageSQLite
import VintageSystem

/// The event log in one SQLite database file (WAL mode, full fsync at each commit).
///
/// One instance is one connection: use it from one thread at a time. Several processes may
/// read while one appends; appenders are serialised by SQLite's write lock, waited for up
/// to ``busyTimeoutMilliseconds``.
public final class SQLiteEventLog: EventLog {
    /// The database file.
    public let path: String
    /// How long an append waits for another writer's lock before failing with ``LogError/locked(path:waitedMilliseconds:)``.
    public let busyTimeoutMilliseconds: Int32
    /// Called once before an append waits for another writer's lock.
    public let whileWaiting: (() -> Void)?

    /// The format version of the logs this code writes (newer ones are refused).
    public static var formatVersion: Int { LogSchema.formatVersion }

    /// The log's format version: ``formatVersion``, or 1 for a log written before record
    /// batches (read, not written; see `vintage upgrade`).
    public private(set) var format: Int = LogSchema.formatVersion

    /// Whether the log was opened read-only, because its file or directory cannot be written
    /// (a read-only mount, another user's store): reads work, appends are refused.
    public let isReadOnly: Bool

    /// Whether appends refuse periods that do not fit their series' frequency: off only
    /// while ``LogUpgrade`` copies a log written before the rule, whose history stays as it is.
    package var checksFrequencies = true

    /// The most events one record batch holds (an append writes several when it has more);
    /// tests lower it to exercise appends and look-ups across batches.
    var eventsPerBatch = 16_384

    /// The shared log this log is a replica of, which decides every append (nil: this log is the truth).
    public var upstream: (any LogUpstream)?

    /// Whether this log's new batches may use entropy-coded columns: a format-4 log, and a
    /// shared log of format 4 when it replicates one (readers of format 3 do not know them).
    var writesEntropyCodedBatches: Bool {
        format >= LogSchema.formatVersion && (upstream?.formatVersion ?? LogSchema.formatVersion) >= LogSchema.formatVersion
    }

    package let db: SQLiteConnection
    /// Batches decoded recently (see ``batch(holding:)``).
    let decodedBatches = BatchCache()
    /// The log's statements, prepared once.
    private(set) var sql: LogStatements!

    /// Closes the database connection now rather than when the log is freed, so that a
    /// process can end without freeing everything else it holds. The log must not be used
    /// afterwards.
    public func close() {
        sql = nil
        db.close()
    }

    /// Opens the log at `path`, creating an empty one when `create` is true and the file
    /// does not exist. An append waits up to `busyTimeoutMilliseconds` for another writer,
    /// calling `whileWaiting` first.
    public init(path: String, create: Bool, busyTimeoutMilliseconds: Int32 = 10_000, whileWaiting: (() -> Void)? = nil) throws(LogError) {
        self.path = path
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        self.whileWaiting = whileWaiting
        isReadOnly = Self.cannotWrite(path)
        do {
            // Read-only: with a write-ahead log and its index left by a writer, SQLite reads
            // them as usual; without (the normal state after the last writer closed), the
            // file alone is the whole log and is opened immutable.
            let sidecars = FileDescriptor.isAccessible(path + "-wal", read: true) && FileDescriptor.isAccessible(path + "-shm", read: true)
            db = try SQLiteConnection(path: path, create: create && !isReadOnly, readOnly: isReadOnly, immutable: !sidecars)
        } catch {
            if error.primaryCode == SQLITE_CANTOPEN, !create || isReadOnly {
                if (try? FileDescriptor.status(ofPath: path)) == nil { throw .noStore(path: path) }
            }
            throw Self.classify(error, path: path)
        }
        db.setBusyTimeout(milliseconds: busyTimeoutMilliseconds)
        try guarded {
            if !isReadOnly {
                try db.execute(LogSchema.pageSize)
                try db.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA cache_size=-65536;")
            }
            try openOrCreateSchema(create: create && !isReadOnly)
            if format != LogSchema.formatOne { sql = try LogStatements(db) }
        }
    }

    /// Whether this process cannot write the log at `path`: the file exists and it or its
    /// directory is not writable (a new log is created by whoever can).
    private static func cannotWrite(_ path: String) -> Bool {
        guard FileDescriptor.isAccessible(path) else { return false }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        return !FileDescriptor.isAccessible(path, write: true) || !FileDescriptor.isAccessible(directory, write: true)
    }

    /// Refuses to write to a read-only log, in one line naming it.
    package func refuseIfReadOnly() throws(LogError) {
        if isReadOnly { throw .storage(SQLiteError(code: SQLITE_READONLY, message: "read-only", context: path)) }
    }

    private func openOrCreateSchema(create: Bool) throws {
        // Each look-up finishes its statement at once: a statement left open keeps a read
        // snapshot, and a write lock cannot then be waited for (SQLite answers busy at once).
        if try db.scalarText("SELECT name FROM sqlite_master WHERE type='table' AND name='store_meta'") == nil {
            guard create, try db.scalarText("SELECT count(*) FROM sqlite_master") == "0" else {
                throw LogError.notAStore(path: path, reason: "it has no Vintage metadata")
            }
            try db.execute("BEGIN IMMEDIATE")
            do {
                // Another process may have created the store while this one waited for the lock.
                if try db.scalarText("SELECT name FROM sqlite_master WHERE name='store_meta'") != nil {
                    try db.execute("COMMIT")
                    return try openOrCreateSchema(create: false)
                }
                try db.execute(LogSchema.create)
                try db.execute("INSERT INTO store_meta VALUES('format_version', '\(LogSchema.formatVersion)')")
                try db.execute("COMMIT")
            } catch {
                try? db.execute("ROLLBACK")
                throw error
            }
            return
        }
        guard let text = try db.scalarText("SELECT value FROM store_meta WHERE key='format_version'"), let found = Int(text) else {
            throw LogError.notAStore(path: path, reason: "it has no format version")
        }
        if found > LogSchema.formatVersion {
            throw LogError.newerFormat(path: path, found: found, supported: LogSchema.formatVersion)
        }
        guard found >= LogSchema.formatOne else { throw LogError.notAStore(path: path, reason: "its format version \(found) is unknown") }
        format = found
    }

    /// Runs `body`, turning SQLite errors into ``LogError``s.
    package func guarded<T>(_ body: () throws -> T) throws(LogError) -> T {
        do {
            return try body()
        } catch let e as LogError {
            throw e
        } catch let e as SQLiteError {
            throw Self.classify(e, path: path)
        } catch {
            throw .storage(SQLiteError(code: 1, message: "\(error)", context: path))
        }
    }

    package static func classify(_ e: SQLiteError, path: String) -> LogError {
        if e.isDamage { return .damaged(path: path, reason: e.message) }
        return .storage(e)
    }

    /// The seq of the last stored event, 0 when the log is empty.
    public func lastSeq() throws(LogError) -> Int64 {
        if format == LogSchema.formatOne { return try guarded { try Int64(db.scalarText("SELECT coalesce(max(seq), 0) FROM events") ?? "0") ?? 0 } }
        return try guarded {
            let s = sql.lastSeq
            defer { s.reset() }
            try s.step()
            return s.int64(0)
        }
    }
}
