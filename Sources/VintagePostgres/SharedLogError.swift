import Vintage
import VintageLog

/// Why a shared log could not be used, before any store operation: one line each.
public enum SharedLogError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The `--log` / `VINTAGE_LOG_URL` value is not a PostgreSQL URL Vintage reads.
    case badAddress(text: String, reason: String)
    /// The server refused the user or password, or the database does not exist: a user error.
    case refused(log: String, reason: String)
    /// The database holds no Vintage log (`vintage init --log URL` creates one).
    case noLog(log: String)
    /// The store directory names a shared log file Vintage cannot read.
    case badStoreFile(path: String, reason: String)

    public var description: String {
        switch self {
        case let .badAddress(text, reason): "--log \(text): \(reason)"
        case let .refused(log, reason): "the shared log \(log) refused the connection: \(reason)"
        case let .noLog(log): "the database \(log) holds no Vintage log (create one with `vintage init --log \(log)`)"
        case let .badStoreFile(path, reason): "cannot read \(path): \(reason)"
        }
    }

    /// The error as a store error with SPEC.md's exit status: a user error (1), except a
    /// store file that cannot be read (3).
    public var storeError: StoreError {
        switch self {
        case .badStoreFile(let path, let reason): .log(.damaged(path: path, reason: reason))
        default: .invalidRequest(description)
        }
    }
}
