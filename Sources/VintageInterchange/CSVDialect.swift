/// How a CSV file is written: its field separator, its decimal mark and the cells that
/// stand for a missing value.
public struct CSVDialect: Hashable, Sendable {
    /// The field separator (`,` `;` or tab), or nil to detect it from the header line.
    public var delimiter: UInt8?
    /// Whether numbers use a decimal comma (`1.234,5`): `,` is then the decimal mark and
    /// `.` or a space between digits groups thousands.
    public var decimalComma: Bool
    /// Cells, besides the empty one, that mean "no value" (matched ignoring case).
    public var missingMarkers: [String]

    /// The markers every importer treats as missing besides the empty cell: `.` (FRED), `:`
    /// (Eurostat), `NA`, `NaN`, `Null`, `N/A`, `#N/A`.
    public static let standardMissingMarkers = [".", ":", "NA", "NaN", "Null", "N/A", "#N/A"]

    /// Creates a dialect; `extraMissing` adds to ``standardMissingMarkers``.
    public init(delimiter: UInt8? = nil, decimalComma: Bool = false, extraMissing: [String] = []) {
        self.delimiter = delimiter
        self.decimalComma = decimalComma
        self.missingMarkers = CSVDialect.standardMissingMarkers + extraMissing
        missingBytes = missingMarkers.map { Array($0.utf8.map(CSVDialect.lower)) }
    }

    private var missingBytes: [[UInt8]]

    /// Whether a cell stands for a missing value (empty, or one of ``missingMarkers``).
    public func isMissing(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        if cell.isEmpty { return true }
        if cell.count > 8 { return matchesMarker(cell) }
        let first = cell[0]
        // Numbers start with a digit, a sign or a decimal mark followed by a digit: only
        // then can the cell be a value, so most cells skip the marker comparison.
        if first >= 48 && first <= 57 { return false }
        return matchesMarker(cell)
    }

    func matchesMarker(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        outer: for marker in missingBytes where marker.count == cell.count {
            for i in 0..<cell.count where CSVDialect.lower(cell[i]) != marker[i] { continue outer }
            return true
        }
        return false
    }

    static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b | 0x20 : b }
}
