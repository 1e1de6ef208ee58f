import Dispatch
import Synchronization
import VintageCore
import VintageLog

extension Store {
    /// Appends the events `nextBatch` hands out, batch after batch until it returns nil, in
    /// one atomic append: every event is stored, or none is. The batches are prepared and
    /// committed as they come, so an input of any size is appended without holding all of
    /// its events at once (the importers use this).
    ///
    /// `nextBatch` runs on a background thread, a batch or two ahead of the log's commit on
    /// the calling thread (as the NDJSON path parses ahead), and never after this method
    /// returns; it is called from one thread at a time. An error it throws rolls the append
    /// back and is rethrown as it is; a rejected event throws ``StoreError``. `phases` hears
    /// the time of the log's part (``AppendPhase/parseAndCommit``, which here includes the
    /// caller's reading) and of the projection's catch-up.
    public func append(batches nextBatch: @escaping () throws -> [InputEvent]?,
                       phases: ((AppendPhase, Duration) -> Void)? = nil) throws -> AppendOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let pipeline = BatchPipeline(nextBatch)
        defer { pipeline.stop() }
        let outcome: AppendOutcome
        do {
            outcome = try log.withLock { log in
                try log.append(recordedAt: .now()) { () throws -> PreparedBatch? in try pipeline.next() }
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

/// Runs a batch source on a background thread, preparing each batch for the log (canonical
/// bytes, checksums, id order) up to ``lookahead`` batches ahead of the consumer.
private final class BatchPipeline: @unchecked Sendable {
    static let lookahead = 2

    private let source: () throws -> [InputEvent]?
    /// Batches ready, in order; nil marks the end, a failure the source's error.
    private let ready = Mutex<[Result<PreparedBatch?, any Error>]>([])
    private let filled = DispatchSemaphore(value: 0)
    private let room = DispatchSemaphore(value: BatchPipeline.lookahead)
    private let stopped = Atomic<Bool>(false)
    private let done = DispatchGroup()

    init(_ source: @escaping () throws -> [InputEvent]?) {
        self.source = source
        done.enter()
        Thread.detach { [self] in run() }
    }

    private func run() {
        defer { done.leave() }
        while true {
            room.wait()
            if stopped.load(ordering: .acquiring) { return }
            let result: Result<PreparedBatch?, any Error>
            do {
                result = .success(try source().map { PreparedBatch($0.map(PreparedEvent.init)) })
            } catch {
                result = .failure(error)
            }
            ready.withLock { $0.append(result) }
            filled.signal()
            guard case .success(.some) = result else { return }
        }
    }

    /// The next prepared batch, nil at the end; rethrows the source's error.
    func next() throws -> PreparedBatch? {
        filled.wait()
        let result = ready.withLock { $0.removeFirst() }
        room.signal()
        return try result.get()
    }

    /// Stops the source and waits until it has stopped running.
    func stop() {
        stopped.store(true, ordering: .releasing)
        room.signal()
        done.wait()
    }
}

/// A detached thread (Foundation's `Thread` is not used here, to keep Foundation off this path).
private enum Thread {
    static func detach(_ body: @escaping @Sendable () -> Void) {
        DispatchQueue.global(qos: .userInitiated).async(execute: body)
    }
}
