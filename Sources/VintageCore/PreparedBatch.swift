/// Prepared events, in input order, ready for a log's sequential commit. Built on a
/// background thread, so the commit does as little as possible.
public struct PreparedBatch: Sendable {
    /// The events, in input order.
    public private(set) var events: [PreparedEvent]

    /// Prepares the batch.
    public init(_ events: [PreparedEvent]) {
        self.events = events
    }

    /// Moves every event's line number by `offset` (for a batch parsed from the middle of
    /// an input as if it started on line 1).
    public mutating func shiftLines(by offset: Int) {
        guard offset != 0 else { return }
        for i in events.indices { events[i].line += offset }
    }

    /// Takes the events out, leaving the batch empty: the array handed back is not shared,
    /// so its events can be moved out of it one by one instead of copied.
    public mutating func takeEvents() -> [PreparedEvent] {
        let taken = events
        events = []
        return taken
    }
}
