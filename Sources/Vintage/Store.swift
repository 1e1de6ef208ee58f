import Synchronization
import VintageCore
import VintageFiles
import VintageLog
import VintageProjection
import VintageSystem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A Vintage store: a directory holding the event log (the truth) and its projection (the
/// read side, rebuilt from the log whenever needed).
///
/// Safe to use from concurrent code: operations on one `Store` are serialised; several
/// processes may read while one appends, and appenders are serialised by the log's lock.
/// Every read first brings the projection up to the log's last event, so it never misses
/// an appended event — even one whose process crashed before updating the projection.
public final class Store: Sendable {
    /// The store's directory.
    public let directory: String
    let log: Serialized<SQLiteEventLog>
    let projection: Serialized<ProjectionHolder>
    /// How writers wait for another process's lock.
    let locks: LockPolicy
    private let lag = Mutex<StoreError?>(nil)

    /// Why the projection could not follow this store's last append (a projection lock held
    /// too long, a full disk under `projection/`), or nil when it did. The append itself
    /// succeeded — the log committed its events — and the next command catches up.
    public var projectionLag: StoreError? { lag.withLock { $0 } }

    /// The log file inside a store directory.
    public static func logPath(in directory: String) -> String { directory + "/log.sqlite" }

    /// The format version of the stores this code writes: the log's, the store's truth
    /// (a store with a newer one is refused).
    public static var formatVersion: Int { SQLiteEventLog.formatVersion }
    /// The format version of the projections this code writes (the projection is rebuilt
    /// from the log when its format changes).
    public static var projectionFormatVersion: Int { Int(ProjectionManifest.formatVersion) }

    /// Opens the store in `directory`. With `create`, makes the directory (and its missing
    /// parents, as `mkdir -p`) and an empty log when they do not exist; otherwise a missing
    /// store is an error.
    ///
    /// A writer waits up to `lockTimeoutMilliseconds` for another process's lock (0: fails
    /// at once), calling `whileWaiting` before each wait with the lock and, when the system
    /// says, its holder.
    public init(
        directory: String, create: Bool = false, lockTimeoutMilliseconds: Int32 = 60_000,
        whileWaiting: (@Sendable (LockWait) -> Void)? = nil
    ) throws(StoreError) {
        self.directory = directory
        locks = LockPolicy(timeoutMilliseconds: max(0, lockTimeoutMilliseconds), whileWaiting: whileWaiting)
        var directoryInfo = stat()
        if stat(directory, &directoryInfo) == 0, (directoryInfo.st_mode & S_IFMT) != S_IFDIR {
            throw .unreadableFile(path: directory, reason: "it is not a directory")
        }
        if create {
            try Self.makeDirectory(directory)
        }
        try Self.refuseLostLog(in: directory)
        if !create {
            var info = stat()
            guard stat(Store.logPath(in: directory), &info) == 0 else { throw .log(.noStore(path: directory)) }
        }
        do {
            log = Serialized(
                try SQLiteEventLog(
                    path: Store.logPath(in: directory), create: create, busyTimeoutMilliseconds: locks.timeoutMilliseconds,
                    whileWaiting: locks.logWait(logPath: Store.logPath(in: directory))))
        } catch { throw .log(error) }
        do {
            projection = Serialized(ProjectionHolder(try Projection.open(inStore: directory)))
        } catch {
            guard let directory = try? ProjectionDirectory.open(inStore: directory) else { throw Self.storeError(error) }
            projection = Serialized(ProjectionHolder(Projection.empty(in: directory), openFailure: Self.storeError(error)))
        }
    }

    /// Closes the log's database connection (a writer's write-ahead log is checkpointed)
    /// without freeing the rest, for a process about to end: the store must not be used
    /// afterwards. Freeing the store closes the log as well.
    public func close() {
        log.withLock { $0.close() }
    }

    /// Makes `path` and any missing parent directories, as `mkdir -p`; the error names the
    /// part that could not be made.
    static func makeDirectory(_ path: String) throws(StoreError) {
        var reason: Errno
        do { try FileDescriptor.makeDirectory(path, permissions: 0o755); return } catch { reason = error }
        if reason == .noSuchFileOrDirectory {
            var parent = path
            while parent.count > 1, parent.hasSuffix("/") { parent.removeLast() }
            if let slash = parent.lastIndex(of: "/") {
                let head = String(parent[..<slash])
                if !head.isEmpty { try makeDirectory(head) }
                do { try FileDescriptor.makeDirectory(path, permissions: 0o755); return } catch { reason = error }
            }
        }
        if reason == .fileExists, (try? FileDescriptor.status(ofPath: path))?.kind == .directory { return }
        if reason == .fileExists || reason == .notADirectory {
            // Name the part in the way: the first one that exists and is not a directory.
            var part = path.hasPrefix("/") ? "/" : ""
            for component in path.split(separator: "/") {
                part += (part.isEmpty || part.hasSuffix("/") ? "" : "/") + component
                if let status = try? FileDescriptor.status(ofPath: part), status.kind != .directory {
                    throw .cannotCreate(path: path, reason: "\(part) is not a directory")
                }
            }
        }
        throw .cannotCreate(path: path, reason: reason.description)
    }

    /// The seq of the last event in the log (0 when empty).
    public func lastSeq() throws(StoreError) -> Int64 {
        do { return try log.withLock { log throws(LogError) in try log.lastSeq() } } catch { throw .log(error) }
    }

    /// Appends events atomically: all of them, or none when any is rejected.
    public func append(_ events: [InputEvent]) throws(StoreError) -> AppendOutcome {
        let prepared = events.map(PreparedEvent.init)
        try refuseLogBehindProjection()
        let outcome: AppendOutcome
        do {
            outcome = try log.withLock { log throws(LogError) in try log.append(prepared, recordedAt: .now()) }
        } catch { throw .log(error) }
        catchUpAfterCommit()
        return outcome
    }

    /// Brings the projection up after the log committed an append. The append has succeeded
    /// then, whatever happens here: a failure is kept in ``projectionLag``, not thrown.
    func catchUpAfterCommit() {
        do {
            try catchUp()
            lag.withLock { $0 = nil }
        } catch {
            lag.withLock { $0 = error }
        }
    }

    /// Refuses to write when the log is missing or empty while a projection reflects events:
    /// the log was lost, and a new one would silently replace it.
    static func refuseLostLog(in directory: String) throws(StoreError) {
        let log = try? FileDescriptor.status(ofPath: logPath(in: directory))
        let missing = log == nil
        guard missing || log!.size == 0 else { return }
        guard (try? FileDescriptor.status(ofPath: directory + "/projection/" + ProjectionDirectory.manifestName)) != nil else { return }
        let reflected = try? ProjectionDirectory.committedLogSeq(inStore: directory)
        guard reflected != 0 else { return }
        let events = reflected.map { "\($0) events" } ?? "events (its manifest is damaged)"
        throw .log(
            .damaged(
                path: logPath(in: directory),
                reason:
                    "the log is \(missing ? "missing" : "empty") but the projection reflects \(events): restore log.sqlite from a backup; nothing was written"
            ))
    }

    /// Refuses to write onto a log holding fewer events than the committed projection
    /// reflects (a log truncated or replaced by an older copy). The manifest is read before
    /// the log, so a concurrent append can only make the log longer than it.
    func refuseLogBehindProjection() throws(StoreError) {
        let reflected: Int64? = projection.withLock { holder in
            guard holder.openFailure == nil, (try? holder.value.reload()) != nil else { return nil }
            return holder.value.logSeq
        }
        guard let reflected else { return }
        let last = try lastSeq()
        if reflected > last { throw Self.lostLog(projectionSeq: reflected, logSeq: last) }
    }

    /// Parses NDJSON (or a JSON array of events) and appends it atomically.
    public func append(ndjson bytes: [UInt8]) throws(StoreError) -> AppendOutcome {
        try append(ndjson: bytes, phases: nil, progress: nil)
    }

    /// ``append(ndjson:)``, reporting how long each phase took to `phases` and the input
    /// bytes handed to the log so far (and the total) to `progress`.
    public func append(
        ndjson bytes: [UInt8], phases: ((AppendPhase, Duration) -> Void)?,
        progress: ((_ bytesDone: Int, _ bytesTotal: Int) -> Void)?
    ) throws(StoreError) -> AppendOutcome {
        try append(phases: phases) { commit in try EventBatchPreparer.withBatches(of: bytes, progress: progress, commit) }
    }

    /// Appends the batches `source` hands to the log's commit, atomically.
    private func append(
        phases: ((AppendPhase, Duration) -> Void)?,
        source: (_ commit: (_ nextBatch: () throws -> PreparedBatch?) throws -> AppendOutcome) throws -> AppendOutcome
    ) throws(StoreError) -> AppendOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        try refuseLogBehindProjection()
        do {
            let outcome = try log.withLock { log in
                try source { nextBatch in
                    try log.append(recordedAt: .now(), batches: nextBatch)
                }
            }
            phases?(.parseAndCommit, clock.now - start)
            Self.crashHereIfAsked()
            let projected = clock.now
            catchUpAfterCommit()
            phases?(.projection, clock.now - projected)
            return outcome
        } catch let e as StoreError {
            throw e
        } catch let e as LogError {
            throw .log(e)
        } catch {
            throw .invalidRequest("\(error)")
        }
    }

    /// Reads a file (or standard input for `-`) and appends its events atomically.
    ///
    /// A regular file is read a few blocks at a time while the events are committed, so an
    /// append holds a few blocks in memory, not the file. Standard input and other streams
    /// are read whole first, so that a slow producer never holds the writers' lock; either
    /// way a line longer than 64 MiB is an error naming it.
    public func append(
        contentsOf path: String, phases: ((AppendPhase, Duration) -> Void)? = nil,
        progress: ((_ bytesDone: Int, _ bytesTotal: Int) -> Void)? = nil
    ) throws(StoreError) -> AppendOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        if path != "-", InputFile.isRegularFile(path) {
            let input = try InputBlocks(path: path)
            phases?(.read, clock.now - start)
            return try append(phases: phases) { commit in try EventBatchPreparer.withBatches(reading: input, progress: progress, commit) }
        }
        let bytes = try InputFile.read(path)
        phases?(.read, clock.now - start)
        return try append(ndjson: bytes, phases: phases, progress: progress)
    }

    /// Events from `fromSeq` on, optionally of one type, at most `limit` of them.
    public func events(fromSeq: Int64 = 1, limit: Int? = nil, type: EventType? = nil) throws(StoreError) -> [LoggedEvent] {
        var result: [LoggedEvent] = []
        try forEachEvent(fromSeq: fromSeq, type: type) { event in
            if let limit, result.count >= limit { return false }
            result.append(event)
            return true
        }
        return result
    }

    /// Calls `body` with each event from `fromSeq` on, in seq order, until it returns false.
    public func forEachEvent(fromSeq: Int64 = 1, type: EventType? = nil, _ body: (LoggedEvent) throws -> Bool) throws(StoreError) {
        try walkingLog { log in try log.forEachEvent(fromSeq: fromSeq, type: type, body) }
    }

    /// ``forEachEvent(fromSeq:type:_:)`` without a ``LoggedEvent`` per event: `body` receives
    /// each event's seq, id, type, recording time and canonical JSON (valid during the call
    /// only), until it returns false. For printing a long log fast.
    public func forEachEventText(
        fromSeq: Int64 = 1, type: EventType? = nil,
        _ body: (
            _ seq: Int64, _ id: EventID, _ type: EventType, _ recordedAt: Timestamp,
            _ json: UnsafeBufferPointer<UInt8>
        ) throws -> Bool
    ) throws(StoreError) {
        try walkingLog { log in try log.forEachEventText(fromSeq: fromSeq, type: type, body) }
    }

    /// Runs `walk` over the locked log: a log error becomes ``StoreError/log(_:)``, a store
    /// error thrown by the caller's body stays as it is, anything else it throws is an invalid
    /// request.
    private func walkingLog(_ walk: (SQLiteEventLog) throws -> Void) throws(StoreError) {
        do {
            try log.withLock { log in try walk(log) }
        } catch let e as LogError {
            throw .log(e)
        } catch let e as StoreError {
            throw e
        } catch {
            throw .invalidRequest("\(error)")
        }
    }

    /// Checks the store: the log's checksums, hash chain, seq continuity and indexes; every
    /// projection file's checksum; and the projection's agreement with a fresh fold of the
    /// log. `progress` receives the number of events checked so far, now and then.
    public func verify(progress: ((_ checked: Int64, _ total: Int64) -> Void)? = nil) throws(StoreError) -> VerificationReport {
        let logReport = try verifyLog(progress: progress)
        guard logReport.isIntact else { return VerificationReport(log: logReport, projection: []) }
        return VerificationReport(log: logReport, projection: try verifyProjection())
    }

    /// The log's part of ``verify(progress:)``: checksums, hash chain, seq continuity and indexes.
    public func verifyLog(progress: ((_ checked: Int64, _ total: Int64) -> Void)? = nil) throws(StoreError) -> LogVerification {
        do {
            return try log.withLock { log throws(LogError) in
                let total = try log.lastSeq()
                return try log.verify(limit: 20) { progress?($0, total) }
            }
        } catch { throw .log(error) }
    }

    /// The projection's part of ``verify(progress:)``: every projection file's checksum and
    /// the projection's agreement with a fresh fold of the log; one line per problem.
    public func verifyProjection() throws(StoreError) -> [String] {
        do {
            return try withProjection { projection, reader in
                var found = projection.directory.verifyFiles()
                found += try projection.disagreements(withFoldOf: reader, limit: 20)
                return found
            }
        } catch .projection(let reason) {
            return [reason]
        } catch .log(.damaged(_, let reason)) {
            return [reason]
        }
    }

    /// The log's chain position at `seq` (nil when the log holds no event `seq`), to compare
    /// with a head recorded earlier (see ``LogHead``).
    public func head(at seq: Int64) throws(StoreError) -> LogHead? {
        do { return try log.withLock { log throws(LogError) in try log.head(at: seq) } } catch { throw .log(error) }
    }

    /// For the crash test: with `VINTAGE_TEST_CRASH_AFTER_LOG_COMMIT` set, the process kills
    /// itself (SIGKILL) right after the log commit, before the projection is updated.
    static func crashHereIfAsked() {
        guard getenv("VINTAGE_TEST_CRASH_AFTER_LOG_COMMIT") != nil else { return }
        kill(getpid(), SIGKILL)
    }
}
