import VintageCore

/// What a series keeps beside its immutable chunks, in the manifest: rows not yet written to
/// a chunk, the ends of chunk rows that a later correction or retraction ended, and the live
/// statements that no row shows (a vintage stated again with the same value), which a later
/// retraction may bring forward. Correction notes are not stored: they are read from the log
/// (``Projection/annotate(_:log:)``).
///
/// A batch of events changes a series' head; when the head holds more than
/// ``Projection/headRowLimit`` rows, compaction writes them into chunks.
struct SeriesHead: Hashable, Sendable {
    /// Rows not yet in a chunk, in ``RowKey`` order, without correction notes.
    var rows: [VintageRow] = []
    /// Ends of rows stored in chunks.
    var ended = EndedRows()
    /// Live statements not shown by a row.
    var unshown: [SlotStatement] = []

    var isEmpty: Bool { rows.isEmpty && ended.isEmpty && unshown.isEmpty }

    /// Applies one journaled change to the series: a started row joins the head; an ended
    /// row is ended in the head, or recorded as ended when it lives in a chunk.
    mutating func apply(_ change: RowChange) {
        switch change {
        case .started(_, var row):
            row.correction = nil
            let i = insertionIndex(row.key)
            rows.insert(row, at: i)
        case let .ended(_, validTime, releasedAt, visibleFrom, endedAt):
            let key = RowKey(validTime: validTime, releasedAt: releasedAt, visibleFrom: visibleFrom)
            let i = insertionIndex(key)
            if i < rows.count && rows[i].key == key {
                rows[i].visibleUntil = endedAt
            } else {
                ended.end(key, at: endedAt)
            }
        }
    }

    /// The position of the first head row whose key is not before `key`.
    func insertionIndex(_ key: RowKey) -> Int {
        if let last = rows.last, last.key < key { return rows.count }
        var lo = 0, hi = rows.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if rows[mid].key < key { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
