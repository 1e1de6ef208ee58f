/// Why a piece of text is not a valid timestamp or period.
public struct TimeSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A short reason a person can act on, e.g. "month 13 is out of range".
    public var reason: String

    /// Creates an error with its reason.
    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}
