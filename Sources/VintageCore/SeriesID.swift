/// The identifier of a series: 1–128 characters of `a-z 0-9 . _ - / :`.
///
/// Ids are case-insensitive: input may use `A-Z` (FRED's `GDPC1`, SDMX keys), which
/// ``init(_:)`` reads as `a-z`, so that an id is always kept, compared and printed in its
/// lower-case form.
public struct SeriesID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The identifier text in its lower-case form, e.g. `kr.exports.total`.
    public let rawValue: String

    /// The longest identifier accepted.
    public static let maximumLength = 128

    /// Validates an identifier in any case and wraps its lower-case form.
    public init(_ text: String) throws(IdentifierSyntaxError) {
        var copy = text
        let result: Result<SeriesID, IdentifierSyntaxError> = copy.withUTF8 { SeriesID.parse($0) }
        self = try result.get()
    }

    /// Wraps text already known to be a valid identifier in its lower-case form (e.g. read
    /// back from the log).
    public init(unchecked text: String) { self.rawValue = text }

    /// Validates identifier bytes in any case and wraps their lower-case form; the bytes
    /// are copied into a `String` once.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<SeriesID, IdentifierSyntaxError> {
        guard bytes.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else {
            if let problem = problem(in: bytes) { return .failure(problem) }
            return .success(SeriesID(unchecked: String(decoding: bytes, as: UTF8.self)))
        }
        let lower = bytes.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }
        if let problem = lower.withUnsafeBufferPointer({ problem(in: $0, original: bytes) }) { return .failure(problem) }
        return .success(SeriesID(unchecked: String(decoding: lower, as: UTF8.self)))
    }

    /// Why `bytes` is not a valid series id in its lower-case form, or nil when it is.
    public static func problem(in bytes: UnsafeBufferPointer<UInt8>) -> IdentifierSyntaxError? {
        problem(in: bytes, original: bytes)
    }

    /// ``problem(in:)``, quoting `original` (the id as written) in the message.
    private static func problem(in bytes: UnsafeBufferPointer<UInt8>, original: UnsafeBufferPointer<UInt8>) -> IdentifierSyntaxError? {
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
                return IdentifierSyntaxError(
                    "a series id uses only a-z (A-Z read as a-z), 0-9 and . _ - / : (found '\(String(decoding: original, as: UTF8.self))')")
            }
        }
        return nil
    }

    public static func < (lhs: SeriesID, rhs: SeriesID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }
}
