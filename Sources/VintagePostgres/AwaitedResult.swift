import Dispatch
import PostgresNIO
import Synchronization

/// Runs async PostgreSQL work from the command line's synchronous code: the calling thread
/// (never one of Swift concurrency's) waits for `work`, run as a task, and gets its result.
///
/// With `timeout`, gives up waiting after that long (throwing ``AwaitTimeout``; the work goes
/// on, unobserved): for clean-ups that must not hang on a connection in an unknown state.
///
/// With `closing` (a connection's close future), stops waiting half a second after the
/// connection closed (throwing ``ConnectionLost``): a query sent on a connection whose server
/// died can otherwise wait for ever.
func awaited<T: Sendable>(
    timeout: Duration? = nil, closing: EventLoopFuture<Void>? = nil,
    _ work: @escaping @Sendable () async throws -> T
) throws -> T {
    let outcome = Mutex<Result<T, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task {
        let result: Result<T, any Error>
        do { result = .success(try await work()) } catch { result = .failure(error) }
        outcome.withLock { $0 = result }
        done.signal()
    }
    closing?.whenComplete { _ in done.signal() }
    let deadline: DispatchTime =
        timeout.map { .now() + .nanoseconds(Int($0.components.seconds) * 1_000_000_000 + Int($0.components.attoseconds / 1_000_000_000)) }
        ?? .distantFuture
    if done.wait(timeout: deadline) == .timedOut { throw AwaitTimeout() }
    if let result = outcome.withLock({ $0 }) { return try result.get() }
    // Woken by the close: the work's own error, if it comes soon, says more.
    if done.wait(timeout: .now() + .milliseconds(500)) == .success, let result = outcome.withLock({ $0 }) { return try result.get() }
    throw ConnectionLost()
}

/// ``awaited(timeout:closing:_:)`` gave up.
struct AwaitTimeout: Error {}

/// The connection closed while ``awaited(timeout:closing:_:)`` waited.
struct ConnectionLost: Error {}
