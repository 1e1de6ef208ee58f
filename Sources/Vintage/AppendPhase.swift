/// The phases of an append, as reported by `append --timing`.
public enum AppendPhase: String, Sendable, CaseIterable {
    /// Reading the input file.
    case read
    /// Parsing, validating and encoding the events (on background threads), overlapped
    /// with checking the log's rules and committing the transaction durably.
    case parseAndCommit = "parse+commit"
    /// Bringing the projection up to the new events and committing it.
    case projection
}
