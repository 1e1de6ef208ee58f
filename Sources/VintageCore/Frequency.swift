/// How often a series is published.
public enum Frequency: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case daily, weekly, monthly, quarterly, annual, irregular

    public var description: String { rawValue }
}
