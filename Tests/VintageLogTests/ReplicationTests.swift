import Testing
import VintageCore

@testable import VintageLog

/// A replica copying another log's batches byte for byte (``SQLiteEventLog/replicate(_:)``),
/// and appends decided by an upstream log (``LogUpstream``).
@Suite struct ReplicationTests {
    /// A log with a few appends: definitions, figures over several batches, a correction.
    static func source() throws -> LogFixture {
        let f = try LogFixture()
        f.log.eventsPerBatch = 4
        try f.append([Lines.defineTotal, Lines.defineAutos].joined(separator: "\n"), at: 1_000_000)
        try f.append(
            (1...9).map { Lines.observation(period: "2025-\($0 < 10 ? "0" : "")\($0)", value: "\($0)", id: "o\($0)") }.joined(separator: "\n"),
            at: 2_000_000)
        try f.append(
            #"{"type":"correction","target":"o3","replacement":{"type":"observation","series":"kr.exports.total","period":"2025-03","value":33,"released_at":"2026-02-01T00:00:00Z"}}"#,
            at: 3_000_000)
        return f
    }

    @Test func aReplicaHoldsTheSameBatchesAndAppliesTheSameRules() throws {
        let source = try Self.source()
        let replica = try LogFixture()
        let batches = try source.log.batches(after: 0, limit: 100)
        #expect(batches.count == 5)
        try replica.log.replicate(Array(batches.prefix(2)))
        try replica.log.replicate(batches)  // the first two again: skipped
        #expect(try replica.log.lastHead() == source.log.lastHead())
        #expect(try replica.log.batches(after: 0, limit: 100) == batches)
        #expect(try replica.log.verify().isIntact)
        #expect(try replica.events().map(\.id) == source.events().map(\.id))
        // The indexes were filled: the same rules answer on both.
        let conflicting = Lines.observation(period: "2025-01", value: "99")
        #expect(try source.rejection(conflicting)?.description == replica.rejection(conflicting)?.description)
        #expect(try replica.append(Lines.observation(period: "2025-01", value: "1", id: "o1")).duplicates == 1)
    }

    @Test func aChangedBatchIsNotCopied() throws {
        let source = try Self.source()
        let batches = try source.log.batches(after: 0, limit: 100)
        for damage in 0..<3 {
            let replica = try LogFixture()
            var changed = batches
            switch damage {
            case 0: changed[2].body[changed[2].body.count / 2] ^= 1
            case 1: changed[3].link[0] ^= 1
            default: changed[1].recordedAt = Timestamp(microseconds: 7)
            }
            #expect(throws: LogError.self) { try replica.log.replicate(changed) }
            #expect(try replica.log.lastSeq() == 0)
        }
        // A batch that does not follow the replica's end.
        let replica = try LogFixture()
        #expect(throws: LogError.self) { try replica.log.replicate(Array(batches.dropFirst())) }
        #expect(try replica.log.lastSeq() == 0)
    }

    /// An upstream made of another log: what a PostgreSQL log does, in SQLite.
    final class LogAsUpstream: LogUpstream {
        let log: SQLiteEventLog
        var failsCommit = false
        var began = 0, committed = 0, abandoned = 0
        init(_ log: SQLiteEventLog) { self.log = log }
        var name: String { "upstream" }
        func beginAppend(replicaHead: LogHead?) throws -> [ReplicatedBatch] {
            began += 1
            return try log.batches(after: replicaHead?.seq ?? 0, limit: .max)
        }
        func commitAppend(_ batches: [ReplicatedBatch]) throws {
            if failsCommit { throw LogError.unavailable(log: name, reason: "the server closed the connection") }
            try log.replicate(batches)
            committed += 1
        }
        func abandonAppend() { abandoned += 1 }
    }

    @Test func appendsOnAReplicaAreDecidedUpstream() throws {
        let shared = try Self.source()
        let replica = try LogFixture()
        let upstream = LogAsUpstream(shared.log)
        replica.log.upstream = upstream
        // The replica first copies the five batches it lacks, then appends after them.
        let outcome = try replica.append(Lines.observation(period: "2025-10", value: "10"), at: 4_000_000)
        #expect(outcome.seqRange == 13...13)
        #expect(try shared.log.lastHead() == replica.log.lastHead())
        #expect(try shared.log.verify().isIntact)
        // A rejection is the replica's rules' answer: nothing is sent upstream.
        #expect(try replica.rejection(Lines.observation(period: "2025-10", value: "11")) != nil)
        #expect(upstream.committed == 1 && upstream.abandoned == 1)
        // An upstream failing its commit leaves both logs as they were.
        upstream.failsCommit = true
        #expect(throws: LogError.unavailable(log: "upstream", reason: "the server closed the connection")) {
            try replica.append(Lines.observation(period: "2025-11", value: "11"), at: 5_000_000)
        }
        #expect(try replica.log.lastSeq() == 13 && shared.log.lastSeq() == 13)
    }

    @Test func aReplicaThatIsNotAPrefixOfItsUpstreamCannotAppend() throws {
        let shared = try Self.source()
        let replica = try LogFixture()
        try replica.append(Lines.defineTariff)
        final class Checking: LogUpstream {
            let log: SQLiteEventLog
            init(_ log: SQLiteEventLog) { self.log = log }
            var name: String { "upstream" }
            func beginAppend(replicaHead: LogHead?) throws -> [ReplicatedBatch] {
                guard let replicaHead, try log.head(at: replicaHead.seq) == replicaHead else {
                    throw LogError.damaged(path: name, reason: "the replica is not a prefix")
                }
                return try log.batches(after: replicaHead.seq, limit: .max)
            }
            func commitAppend(_ batches: [ReplicatedBatch]) throws { try log.replicate(batches) }
            func abandonAppend() {}
        }
        replica.log.upstream = Checking(shared.log)
        #expect(throws: LogError.self) { try replica.append(Lines.observation(period: "2025-11", value: "11")) }
        #expect(try shared.log.lastSeq() == 12 && replica.log.lastSeq() == 1)
    }
}
