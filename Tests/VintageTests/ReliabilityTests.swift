import Dispatch
import Foundation
import Synchronization
import Testing
import VintageFiles
import VintageLog
import VintageProjection

@testable import Vintage

/// Issue 12: the store never says something false about itself — no false damage under
/// concurrent writers, no committed append reported as failed, no lost log silently replaced.
@Suite struct ReliabilityTests {
    func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("vintage-reliability-\(UUID().uuidString)").path
    }

    static let definitions = #"{"type":"series","series":"kr.exports.total","unit":"USD"}"#
    static let total = SeriesID(unchecked: "kr.exports.total")

    /// The points of kr.exports.total.
    static func pointCount(_ store: Store) throws(StoreError) -> Int {
        try store.points(of: [total]).first?.points.count ?? 0
    }

    static func observations(_ range: Range<Int>) -> [UInt8] {
        Array(
            range.map {
                #"{"type":"observation","series":"kr.exports.total","period":"\#(1000 + $0)","value":\#($0),"released_at":"2026-02-01T00:00:00Z"}"#
            }.joined(separator: "\n").utf8)
    }

    static func prepared(_ bytes: [UInt8]) throws -> [PreparedEvent] {
        try bytes.withUnsafeBufferPointer { try NDJSONReader.events(in: $0) }.map(PreparedEvent.init)
    }

    /// A reader finds the projection behind the log and waits for the projection's lock;
    /// meanwhile another writer appends and commits its projection beyond the log position
    /// the reader read. The reader must re-read the log, not call the store damaged.
    @Test func aReaderOvertakenByAnotherWriterReReadsTheLog() throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(directory: path, create: true)
        _ = try store.append(ndjson: Array((Self.definitions + "\n").utf8) + Self.observations(0..<10))
        // Another process's log commit whose projection step has not run yet.
        let other = try SQLiteEventLog(path: Store.logPath(in: path), create: false)
        _ = try other.append(Self.prepared(Self.observations(10..<20)), recordedAt: .now())
        let reader = try Store(directory: path)
        let answer = Mutex<Result<Int, StoreError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let directory = try ProjectionDirectory.open(inStore: path)
        try directory.withWriteLock {
            DispatchQueue.global().async {
                let result = Result { () throws(StoreError) -> Int in try Self.pointCount(reader) }
                answer.withLock { $0 = result }
                done.signal()
            }
            // Let the reader read the log's end and wait for this lock.
            Thread.sleep(forTimeInterval: 0.5)
            _ = try other.append(Self.prepared(Self.observations(20..<30)), recordedAt: .now())
            var projection = try Projection.open(inStore: path)
            try projection.catchUp(log: LogProjectionReader(log: other), to: try other.lastSeq())
        }
        done.wait()
        let result = try #require(answer.withLock { $0 })
        #expect(try result.get() == 30)
    }

    /// Once the log has committed, the append has succeeded, even when the projection cannot
    /// follow; the next command catches up.
    @Test func anAppendWhoseProjectionStepFailsStillSucceeds() throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(directory: path, create: true)
        _ = try store.append(ndjson: Array((Self.definitions + "\n").utf8) + Self.observations(0..<5))
        #expect(store.projectionLag == nil)
        // The projection's lock cannot be taken (as with a full disk or a lock held too long).
        let lock = path + "/projection/LOCK"
        try? FileManager.default.removeItem(atPath: lock)
        try FileManager.default.createDirectory(atPath: lock, withIntermediateDirectories: false)
        let outcome = try store.append(ndjson: Self.observations(5..<8))
        #expect(outcome.stored == 3)
        #expect(store.projectionLag != nil)
        #expect(try store.lastSeq() == 9)
        try FileManager.default.removeItem(atPath: lock)
        let retry = try store.append(ndjson: Self.observations(5..<8))
        #expect(retry.duplicates == 3)
        #expect(try Self.pointCount(store) == 8)
        #expect(try store.verify().isIntact)
    }

    /// A store whose log was deleted or emptied while its projection reflects events is
    /// damaged: opening it to write does not create a fresh log over the loss.
    @Test func aLostLogIsNotReplacedByANewOne() throws {
        for emptied in [false, true] {
            let path = temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: path) }
            do {
                let store = try Store(directory: path, create: true)
                _ = try store.append(ndjson: Array((Self.definitions + "\n").utf8) + Self.observations(0..<5))
            }
            let log = Store.logPath(in: path)
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: log + suffix) }
            if emptied {
                FileManager.default.createFile(atPath: log, contents: Data())
            } else {
                try FileManager.default.removeItem(atPath: log)
            }
            for create in [true, false] {
                #expect {
                    _ = try Store(directory: path, create: create)
                } throws: { error in
                    guard case StoreError.log(.damaged(_, let reason)) = error else { return false }
                    return reason.contains(emptied ? "empty" : "missing") && reason.contains("6 events")
                }
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: log)[.size] as? Int) ?? nil
            #expect(size == (emptied ? 0 : nil))
        }
    }

    /// A log swapped for an older copy holds fewer events than the projection reflects:
    /// appends are refused, and replay refuses to drop the difference unless forced.
    @Test func aShorterLogIsRefusedForWritesAndReplay() throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let log = Store.logPath(in: path)
        let copy = path + "-old.sqlite"
        defer { try? FileManager.default.removeItem(atPath: copy) }
        do {
            let store = try Store(directory: path, create: true)
            _ = try store.append(ndjson: Array((Self.definitions + "\n").utf8) + Self.observations(0..<5))
        }
        try FileManager.default.copyItem(atPath: log, toPath: copy)
        do {
            let store = try Store(directory: path)
            _ = try store.append(ndjson: Self.observations(5..<10))
        }
        try FileManager.default.removeItem(atPath: log)
        try FileManager.default.copyItem(atPath: copy, toPath: log)
        let store = try Store(directory: path)
        #expect {
            _ = try store.append(ndjson: Self.observations(10..<12))
        } throws: { error in
            guard case StoreError.log(.damaged(_, let reason)) = error else { return false }
            return reason.contains("11 events") && reason.contains("only 6")
        }
        #expect(try store.lastSeq() == 6)
        #expect(throws: StoreError.self) { _ = try store.replay() }
        #expect(try ProjectionDirectory.committedLogSeq(inStore: path) == 11)
        let forced = try store.replay(force: true)
        #expect(forced.droppedEvents == 5)
        #expect(try Self.pointCount(store) == 5)
    }

    /// Projection errors say "rebuild it with `vintage replay`" once, and only when a replay helps.
    @Test func replayAdviceOnlyWhereItHelps() {
        let damaged = Store.storeError(ProjectionFileError.chunkMissing(path: "/s/projection/chunks/a.vtch"))
        #expect(damaged.description.components(separatedBy: "vintage replay").count == 2)
        let full = Store.storeError(ProjectionFileError.io(path: "/s/projection/chunks", operation: "write", reason: "No space left on device"))
        #expect(full.description.hasPrefix("projection: no space left on device"))
        #expect(!full.description.contains("replay"))
        #expect(!Store.storeError(ProjectionError.locked(path: "/s/projection/LOCK", waitedMilliseconds: 60_000)).description.contains("replay"))
        #expect(
            !Store.storeError(ProjectionFileError.unreadableSnapshotInfo(path: "/s/projection/snapshots/a/INFO", reason: "missing")).description
                .contains("replay"))
        let ahead = Store.storeError(ProjectionError.aheadOfLog(projectionSeq: 10, logSeq: 2))
        #expect(ahead.isDamageOrLock)
        #expect(ahead.description.components(separatedBy: "replay").count == 2)
    }

    /// The `--fill` cap counts every series of the query, not each alone.
    @Test func theFillCapCountsEverySeriesOfTheQuery() throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(directory: path, create: true)
        let lines = (0..<3).flatMap { s in
            [
                #"{"type":"series","series":"s\#(s)","unit":"USD","tags":{"group":"g1"}}"#,
                #"{"type":"observation","series":"s\#(s)","period":"2020-01-01","value":1,"released_at":"2026-02-01T00:00:00Z"}"#
            ]
        }.joined(separator: "\n")
        _ = try store.append(ndjson: Array(lines.utf8))
        let from = Timestamp(CivilDate(year: 1000, month: 1, day: 1)).microseconds
        let to = Timestamp(CivilDate(year: 2000, month: 1, day: 1)).microseconds
        // 365,242 daily buckets: one series is allowed, three are not.
        let query = try AnalyticQuery(points: PointQuery(from: from, to: to), aggregate: .sum, bucket: try Bucket(parsing: "1d"), fill: .prev)
        _ = try store.query([SeriesID(unchecked: "s0")], query)
        #expect {
            _ = try store.query([], where: TagFilter(["group": "g1"]), query)
        } throws: { error in
            "\(error)".contains("--fill would emit 1095726 buckets")
        }
    }
}
