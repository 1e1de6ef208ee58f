import VintageCore
import VintageSQLite

/// Why the log refused an operation. Each case reads as one line naming the input line,
/// field, series or file at fault.
public enum LogError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The input event at `line` breaks a rule of the log (vintage conflict, id reuse,
    /// bad correction target, …). Nothing was stored.
    case rejected(EventInputError)
    /// No store exists at the path.
    case noStore(path: String)
    /// The file exists but is not a Vintage log.
    case notAStore(path: String, reason: String)
    /// The store was written by a newer format version than this program reads.
    case newerFormat(path: String, found: Int, supported: Int)
    /// The log was written in an older format, which this program reads but does not write.
    case needsUpgrade(path: String, found: Int)
    /// Another process held the write lock for longer than the bounded wait.
    case locked(path: String, waitedMilliseconds: Int)
    /// The log's contents are damaged (checksum, chain or SQLite corruption).
    case damaged(path: String, reason: String)
    /// SQLite failed for a reason other than the above (disk full, permissions, …).
    case storage(SQLiteError)
    /// The shared log a replica follows (``LogUpstream``) cannot be reached or failed
    /// mid-operation; nothing was written.
    case unavailable(log: String, reason: String)

    public var description: String {
        switch self {
        case .rejected(let e): return e.description
        case .noStore(let path): return "no store at \(path) (create one with `vintage init` or `vintage append`)"
        case .notAStore(let path, let reason): return "\(path) is not a Vintage store: \(reason)"
        case .newerFormat(let path, let found, let supported):
            return "\(path) was written by a newer Vintage (store format \(found); this version reads up to \(supported))"
        case .needsUpgrade(let path, let found):
            return
                "\(path) is in store format \(found), which this version reads but does not write; run `vintage upgrade` to convert it to format \(LogSchema.formatVersion)"
        case .locked(let path, let ms):
            return "\(path) is locked by another writer (\(ms == 0 ? "did not wait" : "waited \(ms) ms")); try again"
        case .damaged(let path, let reason): return "\(path) is damaged: \(reason)"
        case .storage(let e): return e.description
        case .unavailable(let log, let reason): return "the shared log \(log) is unavailable: \(reason)"
        }
    }
}
