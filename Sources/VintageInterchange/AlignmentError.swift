/// Why a date does not name a period of its series' frequency.
public struct AlignmentError: Error, Hashable, Sendable {
    /// What is wrong, in one line.
    public var reason: String
    init(_ reason: String) { self.reason = reason }
}
