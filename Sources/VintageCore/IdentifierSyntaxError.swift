/// Why a piece of text is not a valid series id or event id.
public struct IdentifierSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A short reason a person can act on.
    public var reason: String

    /// Creates an error with its reason.
    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}
