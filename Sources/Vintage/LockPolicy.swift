import VintageFiles
import VintageProjection

/// How a store waits for another writer's lock: for how long, and whom it tells first.
struct LockPolicy: Sendable {
    /// How long to wait before giving up (0: give up at once).
    var timeoutMilliseconds: Int32
    /// Called once before each wait, with who holds the lock.
    var whileWaiting: (@Sendable (LockWait) -> Void)?

    /// The log's callback: reports a wait for the SQLite write lock on `logPath`. In WAL
    /// mode that lock is byte 120 of the `-shm` file (SQLite's WAL_WRITE_LOCK), so its
    /// holder is the process with a write lock there.
    func logWait(logPath: String) -> (@Sendable () -> Void)? {
        guard let whileWaiting else { return nil }
        let timeout = Int(timeoutMilliseconds)
        return {
            whileWaiting(
                LockWait(
                    path: logPath, holder: LockHolder.process(holdingWriteLockOn: logPath + "-shm", byte: 120),
                    timeoutMilliseconds: timeout))
        }
    }

    /// Runs `body` holding the projection's write lock, waiting as this policy says.
    func withProjectionWriteLock<T>(_ directory: ProjectionDirectory, _ body: () throws -> T) throws -> T {
        let path = directory.lockPath
        let timeout = Int(timeoutMilliseconds)
        return try directory.withWriteLock(
            timeoutMilliseconds: timeout,
            whileWaiting: whileWaiting.map { report in
                { report(LockWait(path: path, holder: LockHolder.process(holdingWriteLockOn: path), timeoutMilliseconds: timeout)) }
            }, body)
    }
}
