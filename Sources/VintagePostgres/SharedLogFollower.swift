import Dispatch
import PostgresNIO
import Synchronization
import Vintage
import VintageLog

/// Keeps a store's replica and projection current with its shared log: woken by the log's
/// notifications (PostgreSQL `LISTEN`, sent by every append's commit), and polling the log's
/// head every ``pollInterval`` as well, so that an engine without notifications, or one
/// lost, only delays it.
public final class SharedLogFollower: @unchecked Sendable {
    /// How often the shared log's head is read when no notification came.
    public let pollInterval: Duration
    private let wake = DispatchSemaphore(value: 0)
    private let stopping = Atomic<Bool>(false)
    /// Whether notifications arrive (false: polling only).
    public let listens: Bool
    /// The connection notifications arrive on, kept open while the follower lives.
    private let listener: PostgresLog?

    /// Starts listening on a connection of its own to the log at `address` (when the server
    /// refuses LISTEN, the follower polls).
    public init(address: PostgresLogAddress, pollInterval: Duration = .seconds(1)) {
        self.pollInterval = pollInterval
        listener = try? PostgresLog(address: address)
        listens = listener != nil
        guard let listener else { return }
        let connection = listener.connection, wake = self.wake
        Task {
            do {
                for try await _ in try await connection.listen(PostgresLog.channel) { wake.signal() }
            } catch {}
            // Lost: polling goes on.
        }
    }

    /// Asks ``follow(_:from:eachBatch:)`` to return (safe from any thread, not from a signal handler).
    public func stop() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        wake.signal()
    }

    /// Copies every new batch of `log` into `store`, calling `eachBatch` for each, until
    /// ``stop()`` is called or `shouldStop` says so (checked at least every 100 ms).
    public func follow(
        _ store: Store, from log: PostgresLog, shouldStop: () -> Bool = { false },
        eachBatch: (ReplicatedBatch) -> Void
    ) throws(StoreError) {
        let clock = ContinuousClock()
        var nextPoll = clock.now
        var pending = true
        while !stopping.load(ordering: .sequentiallyConsistent) && !shouldStop() {
            if pending || clock.now >= nextPoll {
                try SharedStore.catchUp(store, from: log, eachBatch: eachBatch)
                nextPoll = clock.now + pollInterval
                pending = false
            }
            if wake.wait(timeout: .now() + .milliseconds(100)) == .success { pending = true }
        }
    }
}
