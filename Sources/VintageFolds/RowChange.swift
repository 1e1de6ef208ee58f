import VintageCore

/// One change the fold made to a series' rows, for a persistence layer that writes rows
/// out incrementally: rows are only ever started (appended) or ended (their
/// `visibleUntil` set once, from `Int64.max` to a log position). A row is identified by its
/// series, vintage key and `visibleFrom`: at most one row of a vintage key starts at one
/// log position.
public enum RowChange: Hashable, Sendable {
    /// A new row of `series`, current when started.
    case started(series: SeriesID, row: VintageRow)
    /// The row of `series` with this vintage key that started at `visibleFrom` stops being
    /// visible at `endedAt`.
    case ended(series: SeriesID, validTime: Int64, releasedAt: Int64, visibleFrom: Int64, endedAt: Int64)
}
