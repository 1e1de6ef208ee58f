import VintageColumnar

/// Why a series' rows could not be written to, or read from, a chunk.
///
/// Every damaged or foreign byte string handed to the chunk readers of this module ends in
/// one of these errors; none of them is ever a trap.
public enum SeriesChunkError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The chunk format rejected the bytes (checksum, truncation, bad encoding, …) or the columns.
    case chunk(ChunkError)
    /// The chunk is a well-formed chunk but not one of a series' rows: wrong column count,
    /// column types or zone-map columns.
    case notASeriesChunk(String)
    /// The rows handed to the encoder are not strictly increasing by
    /// `(validTime, releasedAt, visibleFrom)`; `index` is the first row out of order.
    case unsorted(index: Int)
    /// A status needs a code but the table already holds ``StatusTable/capacity`` statuses:
    /// the caller must write this chunk (and later ones) with a new table.
    case statusTableFull(status: String)
    /// A stored status code that the chunk's status table does not define.
    case unknownStatusCode(UInt8)
    /// The decoded rows contradict the chunk's zone map or the row order every series chunk
    /// keeps (valid times not ascending).
    case inconsistent(String)

    /// A one-line description a person can act on.
    public var description: String {
        switch self {
        case .chunk(let error): return error.description
        case .notASeriesChunk(let what): return "not a chunk of vintage rows: \(what)"
        case .unsorted(let index): return "rows are not in chunk order at row \(index)"
        case .statusTableFull(let status):
            return "status table full (\(StatusTable.capacity) statuses): cannot add \"\(status)\"; start a new table"
        case .unknownStatusCode(let code): return "status code \(code) is not in the chunk's status table"
        case .inconsistent(let what): return "chunk rows are inconsistent: \(what)"
        }
    }
}
