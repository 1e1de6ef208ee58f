/// Rows of a series ended after their chunk was written: per row key, the `visibleUntil`
/// that replaces the one stored in the chunk.
///
/// Chunks are immutable; when a later correction or retraction ends a row already in one,
/// the series' head records the end here and readers apply it while reading the chunk
/// (compaction later writes the row with its end into a new chunk). A key that matches no
/// stored row is ignored. Entries are kept in chunk order, so a reader finds those of one
/// chunk by binary search.
public struct EndedRows: Hashable, Sendable {
    /// One ended row: its key and the log position from which it is no longer visible.
    public struct Entry: Hashable, Sendable {
        /// The row's key.
        public var key: RowKey
        /// The first log position at which the row is no longer part of the store.
        public var visibleUntil: Int64

        /// Creates an entry.
        public init(key: RowKey, visibleUntil: Int64) {
            self.key = key
            self.visibleUntil = visibleUntil
        }
    }

    /// The entries, in key order, one per key.
    public private(set) var entries: [Entry] = []

    /// Creates an empty set of ended rows.
    public init() {}

    /// Creates ended rows from `entries`; of several entries for one key the last one counts.
    public init(_ entries: some Sequence<Entry>) {
        for entry in entries { end(entry.key, at: entry.visibleUntil) }
    }

    /// Whether no row is ended.
    public var isEmpty: Bool { entries.isEmpty }

    /// The number of ended rows.
    public var count: Int { entries.count }

    /// Records that the row with `key` is no longer visible from `visibleUntil` on,
    /// replacing an earlier entry for the same key.
    public mutating func end(_ key: RowKey, at visibleUntil: Int64) {
        let i = firstIndex(notBefore: key)
        if i < entries.count && entries[i].key == key {
            entries[i].visibleUntil = visibleUntil
        } else {
            entries.insert(Entry(key: key, visibleUntil: visibleUntil), at: i)
        }
    }

    /// The recorded end of the row with `key`, if any.
    public subscript(key: RowKey) -> Int64? {
        let i = firstIndex(notBefore: key)
        return i < entries.count && entries[i].key == key ? entries[i].visibleUntil : nil
    }

    /// `row` with its recorded end applied.
    public func applied(to row: VintageRow) -> VintageRow {
        guard let end = self[row.key] else { return row }
        var ended = row
        ended.visibleUntil = end
        return ended
    }

    /// The positions of the entries whose valid time lies in `validTimes`.
    package func indices(validTimes: ClosedRange<Int64>) -> Range<Int> {
        let lower = firstIndex(notBefore: RowKey(validTime: validTimes.lowerBound, releasedAt: .min, visibleFrom: .min))
        var upper = lower
        while upper < entries.count && entries[upper].key.validTime <= validTimes.upperBound { upper += 1 }
        return lower..<upper
    }

    /// The first position whose key is not before `key`.
    private func firstIndex(notBefore key: RowKey) -> Int {
        var lo = 0, hi = entries.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if entries[mid].key < key { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
