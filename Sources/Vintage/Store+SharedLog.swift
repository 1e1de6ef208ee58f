import VintageLog

extension Store {
    /// Makes the store's log a replica of `upstream`, which then decides every append (see
    /// ``LogUpstream``); nil makes the local log the truth again.
    public func setLogUpstream(_ upstream: (any LogUpstream)?) {
        nonisolated(unsafe) let upstream = upstream
        log.withLock { $0.upstream = upstream }
    }

    /// The chain position after the log's last batch, nil when the log is empty.
    public func logHead() throws(StoreError) -> LogHead? {
        do { return try log.withLock { log throws(LogError) in try log.lastHead() } } catch { throw .log(error) }
    }

    /// Copies batches of the shared log this store replicates, following its last one, into
    /// its log (checked as replay checks them), and brings the projection up to them.
    public func replicate(_ batches: [ReplicatedBatch]) throws(StoreError) {
        guard !batches.isEmpty else { return }
        do { try log.withLock { log throws(LogError) in try log.replicate(batches) } } catch { throw .log(error) }
        try catchUp()
    }
}
