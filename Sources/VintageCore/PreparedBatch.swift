/// Prepared events together with the order of their id keys, ready for a log to probe its
/// id index in key order. Built on a background thread, so the log's sequential commit
/// does as little as possible.
public struct PreparedBatch: Sendable {
    /// The events, in input order.
    public private(set) var events: [PreparedEvent]
    /// ``PreparedEvent/idKey`` of each event, in input order.
    public let keys: [Int64]
    /// Indexes into ``events`` sorted by key (ties in input order).
    public let keyOrder: [Int]

    /// Prepares the batch.
    public init(_ events: [PreparedEvent]) {
        self.events = events
        let keys = events.map(\.idKey)
        self.keys = keys
        keyOrder = keys.indices.sorted { a, b in keys[a] != keys[b] ? keys[a] < keys[b] : a < b }
    }

    /// Moves every event's line number by `offset` (for a batch parsed from the middle of
    /// an input as if it started on line 1).
    public mutating func shiftLines(by offset: Int) {
        guard offset != 0 else { return }
        for i in events.indices { events[i].line += offset }
    }
}
