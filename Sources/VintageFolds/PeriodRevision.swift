import VintageCore

/// How one point of a series (one period) was revised: its first and latest vintage in a
/// view, and the change between them.
public struct PeriodRevision: Hashable, Sendable {
    /// The start of the period (valid time), UTC microseconds.
    public var validTime: Int64
    /// The value first released.
    public var firstValue: Double
    /// When it was first released, UTC microseconds.
    public var firstReleasedAt: Int64
    /// The value of the latest vintage.
    public var latestValue: Double
    /// When the latest value was set: the release time of the vintage that changed the
    /// value to it (a later re-publication of the same value does not move it), UTC microseconds.
    public var latestReleasedAt: Int64
    /// The number of later vintages that changed the value (a re-publication of the same
    /// value is not a revision).
    public var revisions: Int

    /// Creates one.
    public init(validTime: Int64, firstValue: Double, firstReleasedAt: Int64, latestValue: Double, latestReleasedAt: Int64, revisions: Int) {
        self.validTime = validTime
        self.firstValue = firstValue
        self.firstReleasedAt = firstReleasedAt
        self.latestValue = latestValue
        self.latestReleasedAt = latestReleasedAt
        self.revisions = revisions
    }

    /// The total revision: latest − first, exact to the figures' decimals (see ``DecimalSum``).
    public var revision: Double { exactRevision.value }

    /// The total revision as an exact decimal.
    public var exactRevision: DecimalSum { DecimalSum.difference(latestValue, firstValue) }

    /// The total revision in percent of the first value's magnitude: revision ÷ |first| × 100,
    /// the correctly rounded quotient of the exact revision; nil when the first value is zero.
    public var revisionPercent: Double? {
        exactRevision.percent(of: DecimalSum(firstValue))
    }
}
