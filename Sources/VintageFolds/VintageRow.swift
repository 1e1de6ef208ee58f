/// One vintage of one point as the projection holds it, with the log positions between
/// which it is part of the store.
///
/// Every view of the store is a selection of rows:
/// - `--at-seq N` sees the rows with `visibleFrom <= N < visibleUntil` (without it, the rows
///   still current, `visibleUntil == .max`);
/// - `--as-of T` keeps those with `releasedAt <= T`;
/// - a point's value is then its row with the latest `releasedAt` (or, with
///   `--first-release`, the earliest).
///
/// A correction logged at seq `c` ends the rows its target contributed (`visibleUntil = c`)
/// and starts the replacement's rows (`visibleFrom = c`, `seq = c`), so that every view after
/// `c` — `--as-of` views included — sees the replacement, and only `--at-seq` views before
/// `c` see the original. A retraction only ends rows.
///
/// A vintage stated by several live events with the same value is one row, showing the
/// earliest live statement's `seq`, `status` and correction note; when that statement is
/// corrected or retracted while another still asserts the vintage, the row ends and a row
/// with the remaining statement's `seq` and `status` starts at that position. At any log
/// position a vintage key (`validTime`, `releasedAt`) has at most one visible row.
public struct VintageRow: Hashable, Sendable {
    /// The start of the point's period (valid time), UTC microseconds.
    public var validTime: Int64
    /// When the publisher released this vintage, UTC microseconds.
    public var releasedAt: Int64
    /// The value.
    public var value: Double
    /// The seq shown for this vintage: the event that stated it, or the correction that
    /// restated it.
    public var seq: Int64
    /// The first log position at which the row is part of the store.
    public var visibleFrom: Int64
    /// The first log position at which it no longer is; `Int64.max` while it is current.
    public var visibleUntil: Int64
    /// The publisher's status, e.g. `preliminary`.
    public var status: String?
    /// When the row is stated by a correction's replacement: that correction and the
    /// original value. Nil for a row stated by an event as logged.
    public var correction: CorrectionNote?

    /// Creates a row.
    public init(
        validTime: Int64, releasedAt: Int64, value: Double, seq: Int64, visibleFrom: Int64,
        visibleUntil: Int64 = .max, status: String? = nil, correction: CorrectionNote? = nil
    ) {
        self.validTime = validTime
        self.releasedAt = releasedAt
        self.value = value
        self.seq = seq
        self.visibleFrom = visibleFrom
        self.visibleUntil = visibleUntil
        self.status = status
        self.correction = correction
    }

    /// Whether the row is part of the store as it stood after event `seq`.
    @inlinable
    public func isVisible(atSeq seq: Int64) -> Bool { visibleFrom <= seq && seq < visibleUntil }

    /// Whether the row is part of the store now.
    @inlinable
    public var isCurrent: Bool { visibleUntil == .max }
}
