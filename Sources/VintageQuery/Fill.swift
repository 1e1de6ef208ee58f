/// How `vintage query --fill` fills the empty buckets between `--from` and `--to`.
public enum Fill: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Each empty bucket takes the value of the last non-empty bucket before it in the range
    /// (empty buckets before the first non-empty one stay out).
    case prev
    /// Each empty bucket between two non-empty ones takes the value interpolated linearly by
    /// time between their values (empty buckets outside them stay out).
    case linear

    /// Parses `prev` or `linear`.
    ///
    /// - Throws: ``AnalyticQueryError/badFill(_:)`` naming the text.
    public init(parsing text: String) throws(AnalyticQueryError) {
        guard let fill = Fill(rawValue: text) else { throw .badFill(text) }
        self = fill
    }

    /// The name, as written on the command line.
    public var description: String { rawValue }
}
