/// A writer about to wait for another process's lock on the store: what the store reports
/// before it waits, so that a person at a terminal knows why nothing happens.
public struct LockWait: Hashable, Sendable {
    /// The file whose lock is held: the log (`log.sqlite`) or the projection (`projection/LOCK`).
    public var path: String
    /// The process holding it, when the system says (Linux's /proc/locks).
    public var holder: Int32?
    /// How long the store will wait before it gives up with a lock error.
    public var timeoutMilliseconds: Int

    /// Creates a report.
    public init(path: String, holder: Int32?, timeoutMilliseconds: Int) {
        self.path = path
        self.holder = holder
        self.timeoutMilliseconds = timeoutMilliseconds
    }
}
