import VintageLog

/// What `verify` found: the log's integrity (and, as projections arrive, their agreement
/// with the log).
public struct VerificationReport: Hashable, Sendable {
    /// The log's checksums, hash chain and seq continuity.
    public var log: LogVerification

    /// Whether every check passed.
    public var isIntact: Bool { log.isIntact }

    /// Every problem found, one line each.
    public var problems: [String] { log.problems }
}
