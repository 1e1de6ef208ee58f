/// What identifies a row within a series: its vintage key and the log position it started at
/// (at most one row of a vintage key starts at one position). Ordered as series chunks
/// store rows: by valid time, then release time, then `visibleFrom`.
public struct RowKey: Hashable, Sendable, Comparable {
    /// The start of the point's period, UTC microseconds.
    public var validTime: Int64
    /// When the vintage was released, UTC microseconds.
    public var releasedAt: Int64
    /// The first log position at which the row is part of the store.
    public var visibleFrom: Int64

    /// Creates a key.
    public init(validTime: Int64, releasedAt: Int64, visibleFrom: Int64) {
        self.validTime = validTime
        self.releasedAt = releasedAt
        self.visibleFrom = visibleFrom
    }

    /// The key of `row`.
    public init(_ row: VintageRow) {
        self.init(validTime: row.validTime, releasedAt: row.releasedAt, visibleFrom: row.visibleFrom)
    }

    /// Chunk order: valid time, then release time, then `visibleFrom`.
    @inlinable
    public static func < (a: RowKey, b: RowKey) -> Bool {
        if a.validTime != b.validTime { return a.validTime < b.validTime }
        if a.releasedAt != b.releasedAt { return a.releasedAt < b.releasedAt }
        return a.visibleFrom < b.visibleFrom
    }
}

extension VintageRow {
    /// The row's key: vintage key and `visibleFrom`.
    public var key: RowKey { RowKey(self) }
}
