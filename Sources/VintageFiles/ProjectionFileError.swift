/// A failure reading or writing the projection's files, naming the file at fault.
///
/// The projection is a cache of the log: every one of these can be repaired by
/// rebuilding it (`vintage replay`), and none of them ever means a crash.
public enum ProjectionFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A system call on `path` failed; `reason` is the system's message.
    case io(path: String, operation: String, reason: String)
    /// The manifest at `path` cannot be used.
    case unreadableManifest(path: String, ManifestError)
    /// A file the manifest names does not exist.
    case chunkMissing(path: String)
    /// A file is too short to hold the chunk the manifest records (`expected`: the least size
    /// that holds it).
    case chunkSizeMismatch(path: String, expected: Int, found: Int)
    /// A file's CRC-32C differs from the one the manifest records.
    case chunkChecksumMismatch(path: String, expected: UInt32, found: UInt32)
    /// A chunk file name that is not a plain name inside the chunk directory.
    case invalidFileName(String)
    /// A snapshot name that is not allowed, and why.
    case invalidSnapshotName(String, reason: String)
    /// A snapshot of that name exists already.
    case snapshotExists(String)
    /// No snapshot of that name exists.
    case snapshotNotFound(String)
    /// A snapshot's description file (its `INFO`) is missing or damaged.
    case unreadableSnapshotInfo(path: String, reason: String)

    public var description: String {
        switch self {
        case let .io(path, operation, reason):
            return "\(path): \(operation) failed: \(reason)"
        case let .unreadableManifest(path, error):
            return "\(path): \(error)"
        case let .chunkMissing(path):
            return "\(path): missing (named by the manifest)"
        case let .chunkSizeMismatch(path, expected, found):
            return "\(path): \(found) bytes, the manifest records a chunk ending at byte \(expected)"
        case let .chunkChecksumMismatch(path, expected, found):
            return "\(path): CRC-32C \(Self.hex(found)), the manifest records \(Self.hex(expected)) (the file is damaged)"
        case let .invalidFileName(name):
            return "'\(name)' is not a valid chunk file name"
        case let .invalidSnapshotName(name, reason):
            return "invalid snapshot name '\(name)': \(reason)"
        case let .snapshotExists(name):
            return "a snapshot named '\(name)' exists already"
        case let .snapshotNotFound(name):
            return "no snapshot named '\(name)'"
        case let .unreadableSnapshotInfo(path, reason):
            return "\(path): \(reason)"
        }
    }
}

/// Why a manifest's bytes cannot be decoded.
public enum ManifestError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes are truncated, fail their checksum, or do not follow the format.
    case damaged(String)
    /// The manifest was written in a format newer than this build reads.
    case newerFormat(found: UInt32, supported: UInt32)

    public var description: String {
        switch self {
        case let .damaged(reason):
            return "damaged manifest: \(reason)"
        case let .newerFormat(found, supported):
            return
                "manifest format \(found) was written by a newer vintage (this build reads up to format \(supported)); upgrade vintage, or rebuild the projection with `vintage replay`"
        }
    }
}

extension ProjectionFileError {
    /// Eight hexadecimal digits.
    fileprivate static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
