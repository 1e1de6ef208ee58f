import VintageLog

/// What `verify` found: the log's integrity and the projection's agreement with the log.
public struct VerificationReport: Hashable, Sendable {
    /// The log's checksums, hash chain and seq continuity.
    public var log: LogVerification
    /// Problems of the projection: damaged or missing files, and every disagreement with a
    /// fresh fold of the log. Not checked when the log itself is damaged.
    public var projection: [String]
    /// Whether every check passed.
    public var isIntact: Bool { log.isIntact && projection.isEmpty }
    /// Every problem found, one line each.
    public var problems: [String] { log.problems + projection }
}
