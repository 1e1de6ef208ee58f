import VintageCore

/// What a series keeps beside its immutable chunks, in the manifest: rows not yet written to
/// a chunk, the ends of chunk rows that a later correction or retraction ended, and the live
/// statements that no row shows (a vintage stated again with the same value), which a later
/// retraction may bring forward. Correction notes are not stored: they are read from the log
/// (``Projection/annotate(_:log:)``).
///
/// A batch of events changes a series' head; when the head holds more than
/// ``Projection/headRowLimit`` rows, compaction writes them into chunks.
package struct SeriesHead: Hashable, Sendable {
    /// Rows not yet in a chunk, in ``RowKey`` order, without correction notes.
    package var rows: [VintageRow] = []
    /// Ends of rows stored in chunks.
    package var ended = EndedRows()
    /// Live statements not shown by a row.
    package var unshown: [SlotStatement] = []

    package init(rows: [VintageRow] = [], ended: EndedRows = EndedRows(), unshown: [SlotStatement] = []) {
        self.rows = rows
        self.ended = ended
        self.unshown = unshown
    }

    var isEmpty: Bool { rows.isEmpty && ended.isEmpty && unshown.isEmpty }

    /// Ends the row with `key` from log position `endedAt`: in the head when it is there,
    /// else recorded as ended for the chunk holding it. (Started rows join the head in bulk,
    /// see ``merge(_:)``.)
    package mutating func end(_ key: RowKey, at endedAt: Int64) {
        let i = insertionIndex(key)
        if i < rows.count && rows[i].key == key {
            rows[i].visibleUntil = endedAt
        } else {
            ended.end(key, at: endedAt)
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

    /// Adds rows started by a batch (any order) to the head's rows, keeping key order.
    package mutating func merge(_ started: [VintageRow]) {
        var incoming = started.map { row -> VintageRow in
            var r = row
            r.correction = nil
            return r
        }
        incoming.sort { $0.key < $1.key }
        if rows.isEmpty || rows.last!.key < incoming.first!.key {
            rows += incoming
            return
        }
        var merged: [VintageRow] = []
        merged.reserveCapacity(rows.count + incoming.count)
        var i = 0, j = 0
        while i < rows.count || j < incoming.count {
            if j == incoming.count || (i < rows.count && rows[i].key < incoming[j].key) {
                merged.append(rows[i]); i += 1
            } else {
                merged.append(incoming[j]); j += 1
            }
        }
        rows = merged
    }
}
