import VintageCore
import VintageFiles

/// Why the projection could not answer or move forward. Every case is repaired by
/// rebuilding the projection from the log (`vintage replay`), except a failure of the log
/// itself, which is passed through.
public enum ProjectionError: Error, CustomStringConvertible {
    /// A projection file is missing, damaged or cannot be written.
    case file(ProjectionFileError)
    /// A chunk of `series` in file `file` is damaged.
    case chunk(series: SeriesID, file: String, SeriesChunkError)
    /// Data kept in the manifest (a series' head, the catalog) is damaged.
    case manifest(what: String, ManifestError)
    /// The manifest reflects more of the log than the log holds: it belongs to another log.
    case aheadOfLog(projectionSeq: Int64, logSeq: Int64)
    /// Another process held the projection's lock for longer than the time allowed.
    case locked(path: String, waitedMilliseconds: Int)
    /// Reading the log failed.
    case log(any Error)

    public var description: String {
        switch self {
        case let .file(error): return error.description
        case let .chunk(series, file, error): return "chunk \(file) of series '\(series)': \(error)"
        case let .manifest(what, error): return "projection manifest, \(what): \(error)"
        case let .aheadOfLog(projectionSeq, logSeq):
            return "the projection reflects seq \(projectionSeq) but the log ends at seq \(logSeq)"
        case let .locked(path, ms): return "\(path): the projection is locked by another process (waited \(ms) ms)"
        case let .log(error): return "\(error)"
        }
    }
}
