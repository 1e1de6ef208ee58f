/// A shared log that a local log replicates (PostgreSQL, for a team): it decides the order
/// of every append, and the local log copies its batches byte for byte.
///
/// An append on a replica (``SQLiteEventLog/upstream`` set) runs, inside the replica's write
/// transaction: ``beginAppend(replicaHead:)`` — the upstream locks its end and hands back the
/// batches the replica lacks, which the replica copies, checking each as replay does —; the
/// append's rules on the replica, unchanged; then ``commitAppend(_:)`` with the batches
/// written, which the upstream stores and commits before the replica commits. Any failure
/// before that commit calls ``abandonAppend()`` and leaves both logs as they were.
public protocol LogUpstream: AnyObject {
    /// How messages name the shared log (its address, without any password).
    var name: String { get }

    /// The shared log's store format (3 or 4): what the batches it holds may contain.
    var formatVersion: Int { get }

    /// Locks the shared log's end against other appenders and returns its batches after
    /// `replicaHead` (the replica's last batch; nil when the replica is empty). Throws when
    /// the replica is not a prefix of the shared log.
    func beginAppend(replicaHead: LogHead?) throws -> [ReplicatedBatch]

    /// Stores `batches` (the append's, in order, following the shared log's end) and commits.
    func commitAppend(_ batches: [ReplicatedBatch]) throws

    /// Releases the lock taken by ``beginAppend(replicaHead:)`` without storing anything.
    func abandonAppend()
}

extension LogUpstream {
    /// The current store format, for a shared log that does not say.
    public var formatVersion: Int { LogSchema.formatVersion }
}
