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

    /// One line: `line 3: field 'value': expected a finite number, found NaN`. Line breaks and
    /// other control characters quoted from the input are shown escaped (`\n`, `\u{1B}`).
    public var description: String {
        if let field { return "line \(line): field '\(Self.oneLine(field))': \(Self.oneLine(reason))" }
        return "line \(line): \(Self.oneLine(reason))"
    }

    /// `text` with control characters and line separators escaped, so that it prints on one line.
    static func oneLine(_ text: String) -> String {
        func needsEscape(_ s: Unicode.Scalar) -> Bool {
            s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029
        }
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out.append(contentsOf: #"\n"#.unicodeScalars)
            case "\r": out.append(contentsOf: #"\r"#.unicodeScalars)
            case "\t": out.append(contentsOf: #"\t"#.unicodeScalars)
            case _ where needsEscape(scalar): out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
