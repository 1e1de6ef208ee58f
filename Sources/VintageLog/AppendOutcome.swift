/// What an append did: how many events were stored, how many were duplicates of events
/// already in the log, the seq range of the stored ones, and what it stored that was likely
/// not meant.
public struct AppendOutcome: Hashable, Sendable {
    /// Events newly stored.
    public var stored: Int
    /// Events identical to ones already in the log (same id, same content): not stored again.
    public var duplicates: Int
    /// The seq of the first and last stored event, or nil when nothing was stored.
    public var seqRange: ClosedRange<Int64>?
    /// What the stored events did that was likely not meant, in input order (the append
    /// succeeded all the same).
    public var warnings: [AppendWarning]

    /// Creates an outcome.
    public init(stored: Int, duplicates: Int, seqRange: ClosedRange<Int64>?, warnings: [AppendWarning] = []) {
        self.stored = stored
        self.duplicates = duplicates
        self.seqRange = seqRange
        self.warnings = warnings
    }
}
