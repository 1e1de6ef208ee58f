import VintageCore
import VintageFiles
import VintageLog
import VintageProjection

/// The projection as one `Store` holds it (mutated under the store's projection lock).
final class ProjectionHolder {
    var value: Projection
    /// Why the committed projection could not be opened (a damaged manifest); every read
    /// reports it until ``Store/replay(progress:)`` rebuilds the projection.
    var openFailure: StoreError?
    init(_ value: Projection, openFailure: StoreError? = nil) {
        self.value = value
        self.openFailure = openFailure
    }
}

extension Store {
    /// Brings the projection up to the log's last event, when another process (or a crash
    /// before the projection was updated) left it behind. Waits for the projection's write
    /// lock only when there is something to fold.
    public func catchUp(progress: ((_ done: Int64, _ total: Int64) -> Void)? = nil) throws(StoreError) {
        try withProjection(progress: progress) { _, _ in }
    }

    /// Runs `body` with the projection brought up to the log's last event, and the log.
    /// A read that finds a chunk file removed under it (a concurrent writer's garbage
    /// collection after a newer commit) re-reads the manifest and tries once more.
    func withProjection<T>(
        progress: ((_ done: Int64, _ total: Int64) -> Void)? = nil,
        _ body: (inout Projection, LogProjectionReader) throws -> T
    ) throws(StoreError) -> T {
        do {
            return try projection.withLock { holder in
                try log.withLock { log in
                    let reader = LogProjectionReader(log: log)
                    if let failure = holder.openFailure {
                        guard let reopened = try? Projection.open(inStore: directory) else { throw failure }
                        holder.value = reopened
                        holder.openFailure = nil
                    }
                    try Self.refresh(&holder.value, reader: reader, locks: locks, progress: progress)
                    do {
                        return try body(&holder.value, reader)
                    } catch ProjectionError.file(.chunkMissing) {
                        try holder.value.reload()
                        return try body(&holder.value, reader)
                    }
                }
            }
        } catch {
            throw Self.storeError(error)
        }
    }

    /// Reloads a manifest another process committed, and catches up with the log (and, for a
    /// projection written before the announcement timeline was kept, recovers it).
    static func refresh(
        _ projection: inout Projection, reader: LogProjectionReader, locks: LockPolicy,
        progress: ((_ done: Int64, _ total: Int64) -> Void)?
    ) throws {
        try projection.reload()
        let last = try reader.log.lastSeq()
        guard projection.logSeq != last || projection.lacksAnnouncementTimeline else { return }
        if reader.log.isReadOnly {
            throw StoreError.projection(
                "it reflects seq \(projection.logSeq), the log ends at seq \(last), and the store is read-only: any command run with write access brings it up"
            )
        }
        try locks.withProjectionWriteLock(projection.directory) {
            try projection.reload()
            // Another process may have appended and caught up since `last` was read: the
            // manifest reloaded under the lock is then ahead of it, not of the log.
            let current = try reader.log.lastSeq()
            try projection.catchUp(log: reader, to: current, progress: progress)
            try collectGarbage(&projection)
        }
    }

    /// Removes files no manifest names, after a commit replaced chunks. Called under the
    /// projection's write lock.
    static func collectGarbage(_ projection: inout Projection) throws {
        try projection.directory.removeSnapshotLeftovers()
        guard projection.replacedChunks else { return }
        try projection.directory.collectGarbage()
        projection.replacedChunks = false
    }

    /// A description of projection damage that a rebuild from the log repairs, with that advice.
    static func advised(_ description: String) -> String {
        description.contains("`vintage replay`") ? description : description + "; rebuild it with `vintage replay`"
    }

    /// The projection reflects more events than the log holds: the log lost events (it was
    /// truncated, deleted or replaced by an older copy). Nothing may be written, and a replay
    /// would drop the events only the projection still reflects.
    static func lostLog(projectionSeq: Int64, logSeq: Int64) -> StoreError {
        .log(
            .damaged(
                path: "log.sqlite",
                reason:
                    "the projection reflects \(projectionSeq) events but the log holds only \(logSeq): the log lost events (restore log.sqlite from a backup; `vintage replay --force` rebuilds the projection from the shorter log, dropping the rest)"
            ))
    }

    /// A failure of any layer as the store reports it.
    static func storeError(_ error: any Error) -> StoreError {
        switch error {
        case let e as StoreError: return e
        case let e as LogError: return .log(e)
        case let e as EventInputError: return .log(.damaged(path: "log.sqlite", reason: "a stored event does not decode: \(e)"))
        case ProjectionError.log(let inner): return storeError(inner)
        case ProjectionError.file(let e): return storeError(e)
        case ProjectionError.locked(let path, let ms): return .log(.locked(path: path, waitedMilliseconds: ms))
        case let ProjectionError.aheadOfLog(projectionSeq, logSeq): return lostLog(projectionSeq: projectionSeq, logSeq: logSeq)
        case let e as ProjectionError:
            switch e {
            case .locked, .log: return .projection(e.description)
            default: return .projection(advised(e.description))
            }
        case let e as ProjectionFileError:
            switch e {
            case .snapshotExists, .snapshotNotFound, .invalidSnapshotName: return .invalidRequest(e.description)
            // A system call that failed (a full disk, a permission) or a damaged snapshot is
            // not repaired by a replay.
            case .io(_, _, let reason) where reason == "No space left on device":
                return .projection("no space left on device (\(e.description)); free some space and run the command again")
            case .io, .unreadableSnapshotInfo: return .projection(e.description)
            case .unreadableManifest(let path, _) where path.contains("/" + ProjectionDirectory.snapshotsName + "/"):
                return .projection(e.description)
            default: return .projection(advised(e.description))
            }
        default: return .invalidRequest("\(error)")
        }
    }
}
