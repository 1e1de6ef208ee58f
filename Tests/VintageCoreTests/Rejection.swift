import Testing

@testable import VintageCore

/// One rejected input: the line and field the error must name, and words its reason must hold.
struct Rejection: Sendable, CustomTestStringConvertible {
    var name: String
    var input: String
    var line = 1
    var field: String?
    var reason: String

    init(_ name: String, _ input: String, line: Int = 1, field: String?, reason: String) {
        self.name = name
        self.input = input
        self.line = line
        self.field = field
        self.reason = reason
    }

    var testDescription: String { name }

    /// Checks that decoding rejects the input with this line, field and reason, and that the
    /// one-line description says so.
    func check(sourceLocation: SourceLocation = #_sourceLocation) {
        guard let error = rejection(of: input) else {
            Issue.record("accepted: \(input)", sourceLocation: sourceLocation)
            return
        }
        #expect(error.line == line, "\(error)", sourceLocation: sourceLocation)
        #expect(error.field == field, "\(error)", sourceLocation: sourceLocation)
        #expect(error.reason.contains(reason), "\(error)", sourceLocation: sourceLocation)
        let prefix = field.map { "line \(line): field '\($0)': " } ?? "line \(line): "
        #expect(error.description == prefix + error.reason, sourceLocation: sourceLocation)
        #expect(!error.description.contains("\n"), "the description is one line: \(error)", sourceLocation: sourceLocation)
    }
}

/// A valid observation with one field's JSON value replaced (or removed when `value` is nil).
func observation(_ field: String, _ value: String?) -> String {
    var fields: [(String, String)] = [
        ("type", #""observation""#), ("series", #""kr.exports.total""#), ("period", #""2026-01""#),
        ("value", "65.8e9"), ("released_at", #""2026-02-01T00:00:00Z""#)
    ]
    if let i = fields.firstIndex(where: { $0.0 == field }) {
        if let value { fields[i].1 = value } else { fields.remove(at: i) }
    } else if let value {
        fields.append((field, value))
    }
    return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
}
