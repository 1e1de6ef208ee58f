import Synchronization

/// A non-Sendable resource (a database connection) used from one thread at a time: every
/// access goes through ``withLock(_:)``.
final class Serialized<Resource>: @unchecked Sendable {
    private let lock = Mutex<Void>(())
    private let resource: Resource

    init(_ resource: Resource) { self.resource = resource }

    /// Runs `body` with exclusive access to the resource.
    func withLock<T, E: Error>(_ body: (Resource) throws(E) -> T) throws(E) -> T {
        try lock.withLock { _ throws(E) in try body(resource) }
    }
}
