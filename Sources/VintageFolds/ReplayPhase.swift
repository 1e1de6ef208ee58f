/// The phases of a replay, as `replay --timing` reports them.
public enum ReplayPhase: String, Sendable, CaseIterable {
    /// Reading the log and folding its events.
    case fold = "read+fold"
    /// Settling every vintage key into rows (corrections applied).
    case settle
    /// Encoding every series' chunks (on every core) and writing them into segment files.
    case write = "encode+write"
    /// Making the new files durable and committing the manifest.
    case commit = "sync+commit"
    /// Removing the files the new manifest replaced.
    case collectGarbage = "garbage"
}
