import VintageCore
import VintageLog

extension Store {
    /// Appends the events `nextBatch` hands out, batch after batch until it returns nil, in
    /// one atomic append: every event is stored, or none is. The batches are prepared and
    /// committed as they come, so an input of any size is appended without holding all of
    /// its events at once (the importers use this).
    ///
    /// An error thrown by `nextBatch` rolls the append back and is rethrown as it is; a
    /// rejected event throws ``StoreError``. `phases` hears the time of the log's part
    /// (``AppendPhase/parseAndCommit``, which here includes the caller's reading) and of the
    /// projection's catch-up.
    public func append(
        batches nextBatch: () throws -> [InputEvent]?,
        phases: ((AppendPhase, Duration) -> Void)? = nil
    ) throws -> AppendOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let outcome: AppendOutcome
        do {
            outcome = try log.withLock { log in
                try log.append(recordedAt: .now()) { () throws -> PreparedBatch? in
                    guard let events = try nextBatch() else { return nil }
                    return PreparedBatch(events.map(PreparedEvent.init))
                }
            }
        } catch let e as LogError {
            throw StoreError.log(e)
        }
        phases?(.parseAndCommit, clock.now - start)
        let projected = clock.now
        try catchUp()
        phases?(.projection, clock.now - projected)
        return outcome
    }
}
