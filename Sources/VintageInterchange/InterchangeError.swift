/// Why an import or export failed: one line naming the file, the line and the column at
/// fault, and what to do about it.
public struct InterchangeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file (or `-` for standard input).
    public var file: String
    /// The 1-based line of the file, when the fault is in one.
    public var line: Int?
    /// The column, e.g. `3 (value)`, when the fault is in one.
    public var column: String?
    /// What is wrong.
    public var reason: String

    /// Creates an error.
    public init(file: String, line: Int? = nil, column: String? = nil, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `file, line 12, column 3 (value): reason`, on one line.
    public var description: String {
        var text = file == "-" ? "standard input" : file
        if let line { text += ", line \(line)" }
        if let column { text += ", column \(column)" }
        let oneLine = reason.map { $0 == "\n" || $0 == "\r" ? " " : $0 }
        return text + ": " + String(oneLine)
    }
}
