import VintageCore
import VintageLog

/// Why a store operation failed, with the exit status class SPEC.md gives it.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The input was malformed or broke a rule; nothing was stored.
    case input(EventInputError)
    /// The log refused the operation.
    case log(LogError)
    /// An input file could not be read.
    case unreadableFile(path: String, reason: String)
    /// A directory of a new store could not be made (`path` is the part that failed).
    case cannotCreate(path: String, reason: String)
    /// A request that cannot be answered as asked (e.g. a seq beyond the log's end).
    case invalidRequest(String)
    /// The projection is damaged (the reason then says that `vintage replay` rebuilds it),
    /// locked, or cannot be written.
    case projection(String)

    /// Whether this is damage to the store or a lock held too long (exit status 3), as
    /// opposed to a user error (exit status 1).
    public var isDamageOrLock: Bool {
        switch self {
        case .log(.newerFormat), .log(.needsUpgrade), .log(.locked), .log(.damaged), .log(.notAStore), .log(.storage), .log(.unavailable),
            .projection:
            true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .input(let e): e.description
        case .log(let e): e.description
        case .unreadableFile(let path, let reason): "cannot read \(path): \(reason)"
        case .cannotCreate(let path, let reason): "cannot create the directory \(path) for the store: \(reason)"
        case .invalidRequest(let reason): reason
        case .projection(let reason): "projection: \(reason)"
        }
    }
}
