import VintageCore

/// One announcement as the projection holds it, with the log positions between which it is
/// part of the store — the same visibility model as ``VintageRow``: a correction logged at
/// seq `c` ends the announcement's row at `c` and starts its replacement's row at `c` with
/// `seq = c`; a retraction only ends it.
public struct AnnouncementRow: Hashable, Sendable {
    /// The id of the announcement event (the original, also for a corrected one).
    public var id: EventID
    /// The seq shown: the announcement's, or the correction's that restated it.
    public var seq: Int64
    /// The correction whose replacement this row shows, if any.
    public var correction: EventID?
    /// When the announcement was made, UTC microseconds.
    public var releasedAt: Int64
    /// The day the announcement takes effect (start, UTC microseconds), when it names one.
    public var effective: Int64?
    /// `effective` as written, e.g. `2026-02-01`.
    public var effectiveText: String?
    /// Who made it.
    public var source: String?
    /// What kind of announcement, e.g. `tariff`.
    public var kind: String
    /// A one-line title.
    public var title: String
    /// The parties concerned (empty when none were given).
    public var parties: [String]
    /// The full text.
    public var text: String?
    /// The announcement's tags (empty when none were given).
    public var tags: [String: String]
    /// The rate series it sets, if any.
    public var series: SeriesID?
    /// The rate it sets, if any.
    public var value: Double?
    /// The first log position at which the row is part of the store.
    public var visibleFrom: Int64
    /// The first log position at which it no longer is; `Int64.max` while it is current.
    public var visibleUntil: Int64

    /// The row of an announcement stated at `seq`, visible from `visibleFrom`.
    public init(
        _ announcement: Announcement, id: EventID, seq: Int64, correction: EventID? = nil,
        visibleFrom: Int64, visibleUntil: Int64 = .max
    ) {
        self.id = id
        self.seq = seq
        self.correction = correction
        self.releasedAt = announcement.releasedAt.microseconds
        self.effective = announcement.effective?.start.microseconds
        self.effectiveText = announcement.effective?.text
        self.source = announcement.source
        self.kind = announcement.kind
        self.title = announcement.title
        self.parties = announcement.parties ?? []
        self.text = announcement.text
        self.tags = announcement.tags ?? [:]
        self.series = announcement.step?.series
        self.value = announcement.step?.value
        self.visibleFrom = visibleFrom
        self.visibleUntil = visibleUntil
    }

    /// A row with every field given (as decoded from the projection).
    public init(
        id: EventID, seq: Int64, correction: EventID?, releasedAt: Int64, effective: Int64?, effectiveText: String?,
        source: String?, kind: String, title: String, parties: [String], text: String?, tags: [String: String],
        series: SeriesID?, value: Double?, visibleFrom: Int64, visibleUntil: Int64
    ) {
        self.id = id
        self.seq = seq
        self.correction = correction
        self.releasedAt = releasedAt
        self.effective = effective
        self.effectiveText = effectiveText
        self.source = source
        self.kind = kind
        self.title = title
        self.parties = parties
        self.text = text
        self.tags = tags
        self.series = series
        self.value = value
        self.visibleFrom = visibleFrom
        self.visibleUntil = visibleUntil
    }

    /// The announcement's place on the valid-time axis, which `--from`/`--to` select on:
    /// `effective` when it names one, otherwise when it was made.
    public var validTime: Int64 { effective ?? releasedAt }

    /// Whether the row is part of the store as it stood after event `seq`.
    @inlinable
    public func isVisible(atSeq seq: Int64) -> Bool { visibleFrom <= seq && seq < visibleUntil }

    /// Whether the row is part of the store now.
    @inlinable
    public var isCurrent: Bool { visibleUntil == .max }
}
