/// Prepared events together with the order of their id keys, ready for a log to probe its
/// id index in key order. Built on a background thread, so the log's sequential commit
/// does as little as possible.
public struct PreparedBatch: Sendable {
    /// The events, in input order.
    public var events: [PreparedEvent]
    /// Indexes into ``events`` sorted by ``PreparedEvent/idKey`` (ties in input order).
    public var keyOrder: [Int]

    /// Prepares the batch.
    public init(_ events: [PreparedEvent]) {
        self.events = events
        keyOrder = events.indices.sorted { a, b in
            let ka = events[a].idKey, kb = events[b].idKey
            return ka != kb ? ka < kb : a < b
        }
    }
}
