import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Independent pieces of work spread over the machine's cores.
package enum ParallelWork {
    /// The cores online (at least 1).
    package static let coreCount = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    /// `transform` applied to every index, on as many threads as there are cores; the
    /// results in index order.
    package static func map<T: Sendable>(_ indices: Range<Int>, _ transform: @Sendable (Int) -> T) -> [T] {
        let results = Mutex<[Int: T]>([:])
        DispatchQueue.concurrentPerform(iterations: indices.count) { k in
            let value = transform(indices.lowerBound + k)
            results.withLock { $0[indices.lowerBound + k] = value }
        }
        return results.withLock { all in indices.map { all[$0]! } }
    }
}
