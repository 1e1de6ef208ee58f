import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A bounded first-in first-out channel between two threads: `send` blocks while it is full,
/// `receive` while it is empty; after `close`, `receive` drains what is left and then returns
/// nil.
final class Channel<Element: Sendable>: @unchecked Sendable {
    private var items: [Element?]
    private var head = 0, count = 0
    private var closed = false
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init(capacity: Int) {
        items = Array(repeating: nil, count: capacity)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(changed, nil)
    }

    deinit {
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        changed.deallocate()
    }

    func send(_ element: Element) {
        pthread_mutex_lock(mutex)
        while count == items.count { pthread_cond_wait(changed, mutex) }
        items[(head + count) % items.count] = element
        count += 1
        pthread_cond_broadcast(changed)
        pthread_mutex_unlock(mutex)
    }

    func receive() -> Element? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while count == 0 && !closed { pthread_cond_wait(changed, mutex) }
        guard count > 0 else { return nil }
        let element = items[head]
        items[head] = nil
        head = (head + 1) % items.count
        count -= 1
        pthread_cond_broadcast(changed)
        return element
    }

    func close() {
        pthread_mutex_lock(mutex)
        closed = true
        pthread_cond_broadcast(changed)
        pthread_mutex_unlock(mutex)
    }
}

/// Runs `body` on another thread, then `done`; ``wait()`` rethrows what `body` threw.
final class Reader: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private var error: (any Error)?

    init(_ body: @escaping @Sendable () throws -> Void, done: @escaping @Sendable () -> Void) {
        DispatchQueue.global().async {
            do { try body() } catch { self.error = error }
            done()
            self.finished.signal()
        }
    }

    func wait() throws {
        finished.wait()
        if let error { throw error }
    }
}

/// Runs `body` on another thread; ``value()`` waits for its result (or rethrows its error).
final class Worker<Result: Sendable>: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private var result: Swift.Result<Result, any Error>?

    init(_ body: @escaping @Sendable () throws -> Result) {
        DispatchQueue.global().async {
            self.result = Swift.Result { try body() }
            self.finished.signal()
        }
    }

    func value() throws -> Result {
        finished.wait()
        return try result!.get()
    }
}
