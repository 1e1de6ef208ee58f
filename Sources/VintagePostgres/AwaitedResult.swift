import Dispatch
import Synchronization

/// Runs async PostgreSQL work from the command line's synchronous code: the calling thread
/// (never one of Swift concurrency's) waits for `work`, run as a task, and gets its result.
func awaited<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    let outcome = Mutex<Result<T, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task {
        let result: Result<T, any Error>
        do { result = .success(try await work()) } catch { result = .failure(error) }
        outcome.withLock { $0 = result }
        done.signal()
    }
    done.wait()
    return try outcome.withLock { $0! }.get()
}
