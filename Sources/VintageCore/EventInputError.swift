/// Why an input event was rejected: the input line, the field at fault (a path such as
/// `observations[2].value`), and a reason a person can act on.
public struct EventInputError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The 1-based input line the event starts on.
    public var line: Int
    /// The field at fault, or nil when the line as a whole is (e.g. malformed JSON).
    public var field: String?
    /// What is wrong, e.g. "expected a finite number, found NaN".
    public var reason: String

    /// Creates an error.
    public init(line: Int, field: String?, reason: String) {
        self.line = line
        self.field = field
        self.reason = reason
    }

    /// One line: `line 3: field 'value': expected a finite number, found NaN`.
    public var description: String {
        if let field { return "line \(line): field '\(field)': \(reason)" }
        return "line \(line): \(reason)"
    }
}
