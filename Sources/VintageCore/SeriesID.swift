/// The identifier of a series: 1–128 characters of `a-z 0-9 . _ - / :`.
public struct SeriesID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The identifier text, e.g. `kr.exports.total`.
    public let rawValue: String

    /// The longest identifier accepted.
    public static let maximumLength = 128

    /// Validates and wraps an identifier.
    public init(_ text: String) throws(IdentifierSyntaxError) {
        var copy = text
        if let problem = copy.withUTF8({ SeriesID.problem(in: $0) }) { throw problem }
        self.rawValue = text
    }

    /// Wraps text already known to be a valid identifier (e.g. read back from the log).
    public init(unchecked text: String) { self.rawValue = text }

    /// Why `bytes` is not a valid series id, or nil when it is.
    public static func problem(in bytes: UnsafeBufferPointer<UInt8>) -> IdentifierSyntaxError? {
        guard !bytes.isEmpty else { return IdentifierSyntaxError("a series id cannot be empty") }
        guard bytes.count <= maximumLength else {
            return IdentifierSyntaxError("a series id has at most \(maximumLength) characters (this one has \(bytes.count))")
        }
        for b in bytes {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: ":"):
                continue
            default:
                return IdentifierSyntaxError("a series id uses only a-z 0-9 . _ - / : (found '\(String(decoding: bytes, as: UTF8.self))')")
            }
        }
        return nil
    }

    public static func < (lhs: SeriesID, rhs: SeriesID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }
}
