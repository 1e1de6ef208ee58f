import Vintage
import VintageCLI
import VintageLog
import VintagePostgres

/// The command line's stores on a shared log in PostgreSQL: what `vintage-postgres` installs
/// (``install()``) before running the command line.
public struct PostgresSupport: SharedLogSupport {
    /// Makes the command line open stores on a shared log with this support.
    public static func install() { SharedLog.support = PostgresSupport() }

    public func openStore(directory: String, waitSeconds: Double?, eachBatch: ((String) -> Void)?, replica: (Bool) throws -> Store) throws -> Store {
        guard let address = try SharedStore.address(inStore: directory) else { return try replica(false) }
        return try SharedStore.open(
            directory: directory, address: address, lockTimeoutMilliseconds: Self.milliseconds(waitSeconds),
            eachBatch: { batch in eachBatch?(Self.line(for: batch)) }
        ) {
            try replica(false)
        }
    }

    public func createStore(directory: String, url: String, waitSeconds: Double?, replica: (Bool) throws -> Store) throws -> (
        store: Store, created: Bool
    ) {
        let address: PostgresLogAddress
        do { address = try PostgresLogAddress(parsing: url) } catch { throw error.storeError }
        return try SharedStore.create(directory: directory, address: address, lockTimeoutMilliseconds: Self.milliseconds(waitSeconds), open: replica)
    }

    public func follow(
        _ store: Store, directory: String, pollSeconds: Double, shouldStop: @escaping () -> Bool,
        eachBatch: @escaping (String) -> Void
    ) throws {
        guard let address = try SharedStore.address(inStore: directory) else { return }
        let follower = SharedLogFollower(address: address, pollInterval: .milliseconds(Int64(pollSeconds * 1000)))
        let log = try PostgresLog(address: address)
        try follower.follow(store, from: log, shouldStop: shouldStop) { eachBatch(Self.line(for: $0)) }
    }

    /// `--wait`'s seconds (default 60) in milliseconds.
    static func milliseconds(_ seconds: Double?) -> Int { Int(((seconds ?? 60) * 1000).rounded()) }

    /// `follow`'s line for a batch applied.
    static func line(for batch: ReplicatedBatch) -> String {
        let count = batch.lastSeq - batch.firstSeq + 1
        return "applied seqs \(batch.firstSeq)-\(batch.lastSeq) (\(count) event\(count == 1 ? "" : "s"), recorded \(batch.recordedAt))"
    }
}
