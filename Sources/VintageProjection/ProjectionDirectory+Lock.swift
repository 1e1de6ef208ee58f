import VintageFiles
import VintageSystem

extension ProjectionDirectory {
    /// The lock file writers hold (`projection/LOCK`).
    public var lockPath: String { path + "/LOCK" }

    /// Runs `body` holding the projection's write lock — an exclusive `flock` on
    /// `projection/LOCK`, released when `body` returns or the process dies — waiting up to
    /// `timeoutMilliseconds` for another writer to finish (0: not at all), and calling
    /// `whileWaiting` once before it waits. Readers never take it.
    public func withWriteLock<T>(
        timeoutMilliseconds: Int = 60_000, whileWaiting: (() -> Void)? = nil,
        _ body: () throws -> T
    ) throws -> T {
        let fd = try DurableFiles.openLockFile(lockPath)
        defer { try? fd.close() }
        let locked: Bool
        do { locked = try fd.lockExclusive(timeoutMilliseconds: timeoutMilliseconds, whileWaiting: whileWaiting) } catch {
            throw ProjectionFileError.io(path: lockPath, operation: "flock", reason: error.description)
        }
        guard locked else { throw ProjectionError.locked(path: lockPath, waitedMilliseconds: timeoutMilliseconds) }
        defer { fd.unlock() }
        return try body()
    }
}
