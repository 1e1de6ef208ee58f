/// A CSV file's header line: finds columns by name (ignoring case and surrounding spaces)
/// or by 1-based number, and names them in error messages.
struct CSVHeader {
    /// The header cells as written.
    let names: [String]
    private let keys: [String]

    init(_ names: [String]) {
        self.names = names
        keys = names.map(CSVHeader.key)
    }

    /// Reads the header line of `csv`.
    static func read(_ csv: CSVReader) throws(InterchangeError) -> CSVHeader {
        guard try csv.next() else { throw InterchangeError(file: csv.file, reason: "the file is empty (expected a header line)") }
        return CSVHeader(csv.strings)
    }

    static func key(_ name: String) -> String {
        name.trimmingSpaces().lowercased()
    }

    /// The index of the first column named one of `candidates`, or given by number.
    func index(of candidates: String...) -> Int? { index(ofAny: candidates) }

    /// See ``index(of:)``.
    func index(ofAny candidates: [String]) -> Int? {
        for candidate in candidates {
            let k = CSVHeader.key(candidate)
            if let i = keys.firstIndex(of: k) { return i }
            if let n = Int(k), n >= 1, n <= names.count { return n - 1 }
        }
        return nil
    }

    /// `3 (value)`: a column's number and name, for error messages.
    func describe(_ i: Int) -> String {
        i < names.count ? "\(i + 1) (\(names[i]))" : "\(i + 1)"
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}
