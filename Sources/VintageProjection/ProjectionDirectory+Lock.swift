#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VintageFiles

extension ProjectionDirectory {
    /// The lock file writers hold (`projection/LOCK`).
    public var lockPath: String { path + "/LOCK" }

    /// Runs `body` holding the projection's write lock — an exclusive `flock` on
    /// `projection/LOCK`, released when `body` returns or the process dies — waiting up to
    /// `timeoutMilliseconds` for another writer to finish (0: not at all), and calling
    /// `whileWaiting` once before it waits. Readers never take it.
    public func withWriteLock<T>(timeoutMilliseconds: Int = 60_000, whileWaiting: (() -> Void)? = nil,
                                 _ body: () throws -> T) throws -> T {
        let fd = try DurableFiles.openLockFile(lockPath)
        defer { close(fd) }
        var waited = 0
        var announced = false
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw ProjectionFileError.io(path: lockPath, operation: "flock", reason: DurableFiles.reason())
            }
            guard waited < timeoutMilliseconds else { throw ProjectionError.locked(path: lockPath, waitedMilliseconds: timeoutMilliseconds) }
            if !announced {
                announced = true
                whileWaiting?()
            }
            usleep(5_000)
            waited += 5
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
