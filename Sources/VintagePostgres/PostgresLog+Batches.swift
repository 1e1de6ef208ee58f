import PostgresNIO
import Vintage
import VintageLog

extension PostgresLog {
    /// The shared log's end: its last seq and link (seq 0 and 32 zero bytes when empty).
    public func head() throws(LogError) -> LogHead {
        try head(locking: false)
    }

    func head(locking: Bool) throws(LogError) -> LogHead {
        let found = try rows(locking ? "SELECT last_seq, link FROM log_head FOR UPDATE" : "SELECT last_seq, link FROM log_head")
        guard let row = found.first, let (seq, link) = try? row.decode((Int64, ByteBuffer).self) else {
            throw .damaged(path: name, reason: "its table log_head has no row")
        }
        return LogHead(seq: seq, link: Array(buffer: link))
    }

    /// The link of the batch ending at `seq`, nil when no batch ends there.
    func link(ofBatchEndingAt seq: Int64) throws(LogError) -> [UInt8]? {
        let found = try rows("SELECT link FROM batches WHERE last_seq = \(seq)")
        guard let row = found.first, let link = try? row.decode(ByteBuffer.self) else { return nil }
        return Array(buffer: link)
    }

    /// Up to `limit` batches after seq `seq`, in order.
    public func batches(after seq: Int64, limit: Int = 64) throws(LogError) -> [ReplicatedBatch] {
        let found = try rows(
            "SELECT first_seq, last_seq, recorded_at, digest, link, body FROM batches WHERE first_seq > \(seq) ORDER BY first_seq LIMIT \(limit)")
        var batches: [ReplicatedBatch] = []
        batches.reserveCapacity(found.count)
        for row in found {
            guard let (first, last, recorded, digest, link, body) = try? row.decode((Int64, Int64, Int64, ByteBuffer, ByteBuffer, ByteBuffer).self)
            else {
                throw .damaged(path: name, reason: "a row of its table batches after seq \(seq) does not decode")
            }
            batches.append(
                ReplicatedBatch(
                    firstSeq: first, lastSeq: last, recordedAt: Timestamp(microseconds: recorded),
                    body: Array(buffer: body), digest: Array(buffer: digest), link: Array(buffer: link)))
        }
        return batches
    }

    /// Refuses a replica that is not a prefix of the shared log: ahead of its end (a crash
    /// between the two commits of an append, or a log restored from an older backup), or
    /// with another link at its head.
    public func checkPrefix(_ replicaHead: LogHead?, sharedHead: LogHead) throws(LogError) {
        guard let replicaHead else { return }
        if replicaHead.seq > sharedHead.seq {
            throw .damaged(
                path: name,
                reason:
                    "the local replica holds seqs up to \(replicaHead.seq), beyond the shared log's end \(sharedHead.seq); the replica is rebuilt from the shared log on the next command"
            )
        }
        let link = replicaHead.seq == sharedHead.seq ? sharedHead.link : try self.link(ofBatchEndingAt: replicaHead.seq)
        guard link == replicaHead.link else {
            throw .damaged(
                path: name,
                reason:
                    "the local replica's head \(replicaHead) is not in the shared log; the replica is rebuilt from the shared log on the next command"
            )
        }
    }
}

extension PostgresLog {
    /// Starts an append: locks the head row (every other appender waits for it) and returns
    /// the batches the replica lacks.
    public func beginAppend(replicaHead: LogHead?) throws -> [ReplicatedBatch] {
        try rows("BEGIN")
        inTransactionFlag = true
        let shared = try head(locking: true)
        try checkPrefix(replicaHead, sharedHead: shared)
        var missing: [ReplicatedBatch] = []
        var after = replicaHead?.seq ?? 0
        while after < shared.seq {
            let more = try batches(after: after)
            guard let last = more.last else { break }
            missing += more
            after = last.lastSeq
        }
        return missing
    }

    /// Stores the append's batches, moves the head and commits (notifying followers).
    public func commitAppend(_ written: [ReplicatedBatch]) throws {
        if let last = written.last {
            for batch in written {
                try rows(
                    """
                    INSERT INTO batches VALUES (\(batch.firstSeq), \(batch.lastSeq), \(batch.recordedAt.microseconds),
                        \(ByteBuffer(bytes: batch.digest)), \(ByteBuffer(bytes: batch.link)), \(ByteBuffer(bytes: batch.body)))
                    """)
            }
            try rows("UPDATE log_head SET last_seq = \(last.lastSeq), link = \(ByteBuffer(bytes: last.link))")
            try rows("SELECT pg_notify('\(unescaped: Self.channel)', \(String(last.lastSeq)))")
        }
        try rows("COMMIT")
        inTransactionFlag = false
    }

    /// Rolls the append's transaction back, if one is open.
    public func abandonAppend() {
        guard inTransactionFlag else { return }
        inTransactionFlag = false
        _ = try? rows("ROLLBACK", timeout: .seconds(10))
    }
}
