/// The statuses of a series' chunks as one-byte codes, so that strings stay out of chunks.
///
/// Code 0 is "no status" (`nil`); codes 1...255 name the table's statuses in the order they
/// were added. The table is kept beside the chunks (in the manifest) and handed back when
/// they are read. It holds at most ``capacity`` statuses: when a chunk needs one more, the
/// encoder throws ``SeriesChunkError/statusTableFull(status:)`` and the caller must write
/// that chunk, and later ones, with a new table (each ``SeriesChunk`` carries its own).
public struct StatusTable: Hashable, Sendable {
    /// The most statuses a table holds (codes 1...255; code 0 is nil).
    public static let capacity = 255

    /// The statuses, code 1 first.
    public private(set) var statuses: [String]
    /// The code of each status.
    private var codes: [String: UInt8]

    /// Creates a table holding `statuses` as codes 1, 2, … in order.
    ///
    /// - Throws: ``SeriesChunkError/statusTableFull(status:)`` beyond ``capacity`` statuses,
    ///   ``SeriesChunkError/notASeriesChunk(_:)`` for a status listed twice.
    public init(_ statuses: [String] = []) throws(SeriesChunkError) {
        self.statuses = []
        self.codes = [:]
        for status in statuses {
            guard codes[status] == nil else { throw .notASeriesChunk("status \"\(status)\" listed twice in a status table") }
            guard insert(status) != nil else { throw .statusTableFull(status: status) }
        }
    }

    /// Creates a table from its code-indexed form (``codeList``, as a manifest keeps it):
    /// element `i` is the status of code `i`; element 0, when present, must be nil, and the
    /// others distinct non-nil statuses. An empty list is the empty table.
    ///
    /// - Throws: ``SeriesChunkError/notASeriesChunk(_:)`` for a list of another shape,
    ///   ``SeriesChunkError/statusTableFull(status:)`` beyond 256 codes.
    public init(codeList: [String?]) throws(SeriesChunkError) {
        guard let first = codeList.first else { try self.init(); return }
        guard first == nil else { throw .notASeriesChunk("status code 0 must stand for no status") }
        var names: [String] = []
        for status in codeList.dropFirst() {
            guard let status else { throw .notASeriesChunk("only status code 0 may stand for no status") }
            names.append(status)
        }
        try self.init(names)
    }

    /// The table indexed by code: `nil` (code 0), then the statuses.
    public var codeList: [String?] { [nil] + statuses.map { $0 } }

    /// The code of `status`, if the table holds it (0 for nil).
    public func code(of status: String?) -> UInt8? {
        guard let status else { return 0 }
        return codes[status]
    }

    /// The code of `status`, adding it when new; nil when it is new and the table is full.
    @discardableResult
    public mutating func insert(_ status: String?) -> UInt8? {
        if let code = code(of: status) { return code }
        guard let status, statuses.count < Self.capacity else { return nil }
        statuses.append(status)
        let code = UInt8(statuses.count)
        codes[status] = code
        return code
    }

    /// The status a code stands for (`.some(nil)` for code 0), or nil when the table does not
    /// define the code.
    public func status(ofCode code: UInt8) -> String?? {
        if code == 0 { return .some(nil) }
        let index = Int(code) - 1
        guard index < statuses.count else { return nil }
        return .some(statuses[index])
    }

    /// Two tables are equal when they hold the same statuses in the same order.
    public static func == (a: StatusTable, b: StatusTable) -> Bool { a.statuses == b.statuses }

    /// Hashes the statuses in order.
    public func hash(into hasher: inout Hasher) { hasher.combine(statuses) }
}
