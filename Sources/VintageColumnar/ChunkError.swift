/// Why a chunk could not be encoded, read or decoded.
///
/// Every malformed byte string handed to a reader or decoder ends in one of these
/// errors; none of them is ever a trap.
public enum ChunkError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes do not start with the chunk magic `VTCH`.
    case badMagic
    /// The chunk was written by a format version this reader does not know.
    case unsupportedVersion(UInt8)
    /// A stored checksum does not match the bytes it covers.
    case checksumMismatch(ChecksumScope)
    /// The bytes end before the named part is complete.
    case truncated(String)
    /// A stored length or count is outside what the format or the remaining bytes allow.
    case lengthOutOfRange(String)
    /// An encoding identifier that is not defined, or not defined for that column type.
    case unknownEncoding(UInt8)
    /// A column type identifier that is not defined.
    case unknownColumnType(UInt8)
    /// The bytes are structurally inconsistent (for example run lengths that do not add up to the row count).
    case malformed(String)
    /// A column index past the chunk's columns.
    case columnOutOfRange(index: Int, columnCount: Int)
    /// The column exists but holds another type than the one asked for.
    case typeMismatch(column: Int, expected: ColumnType, actual: ColumnType)
    /// The caller's output buffer is smaller than the chunk's row count.
    case bufferTooSmall(needed: Int, available: Int)
    /// The encoder was given input it cannot encode (too many rows, columns of unequal length, a bad zone-map column).
    case invalidInput(String)
    /// The zone map disagrees with the decoded columns.
    case zoneMapMismatch(String)

    /// A one-line description a person can act on.
    public var description: String {
        switch self {
        case .badMagic: return "not a Vintage chunk (bad magic)"
        case .unsupportedVersion(let v): return "chunk format version \(v) is not supported by this reader"
        case .checksumMismatch(let scope): return "chunk checksum mismatch in \(scope)"
        case .truncated(let what): return "chunk truncated while reading \(what)"
        case .lengthOutOfRange(let what): return "chunk length out of range: \(what)"
        case .unknownEncoding(let id): return "unknown column encoding id \(id)"
        case .unknownColumnType(let id): return "unknown column type id \(id)"
        case .malformed(let what): return "malformed chunk: \(what)"
        case .columnOutOfRange(let index, let count): return "column \(index) does not exist (the chunk has \(count))"
        case .typeMismatch(let column, let expected, let actual):
            return "column \(column) holds \(actual), not \(expected)"
        case .bufferTooSmall(let needed, let available):
            return "output buffer holds \(available) values, the column needs \(needed)"
        case .invalidInput(let what): return "cannot encode chunk: \(what)"
        case .zoneMapMismatch(let what): return "zone map disagrees with the columns: \(what)"
        }
    }
}

/// Which part of a chunk a checksum protects.
public enum ChecksumScope: Sendable, Equatable, CustomStringConvertible {
    /// The fixed header, zone map and column directory.
    case header
    /// The stored bytes of one column.
    case column(Int)
    /// The whole chunk, trailer excluded.
    case chunk

    /// A short name of the scope.
    public var description: String {
        switch self {
        case .header: return "the header"
        case .column(let i): return "column \(i)"
        case .chunk: return "the whole chunk"
        }
    }
}
