import VintageLog
import VintageLogUpgrade
import VintageSystem

extension Store {
    /// Converts the log of the store in `directory` to the current format (see
    /// ``LogUpgrade``): a format-1 log is rewritten as record batches, checked event by event
    /// against the old one and swapped in atomically; a current one is left alone. The
    /// projection needs no change (the events and their seqs are the same). Run it without
    /// other writers: the old log is closed just before the swap.
    /// Another writer's lock is waited for up to `lockTimeoutMilliseconds`.
    public static func upgrade(
        directory: String, lockTimeoutMilliseconds: Int32 = 60_000,
        progress: ((_ done: Int64, _ total: Int64) -> Void)? = nil
    ) throws(StoreError) -> LogUpgradeReport {
        try refuseLostLog(in: directory)
        guard (try? FileDescriptor.status(ofPath: logPath(in: directory))) != nil else { throw .log(.noStore(path: directory)) }
        do {
            return try LogUpgrade.upgrade(path: logPath(in: directory), busyTimeoutMilliseconds: max(0, lockTimeoutMilliseconds), progress: progress)
        } catch { throw .log(error) }
    }
}
