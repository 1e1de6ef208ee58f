import Foundation
import Testing
import VintageCore
import VintageTestSupport

@testable import VintageLog

@Suite struct StoreFileTests {
    @Test func aStoreFromANewerFormatIsRefused() throws {
        let f = try LogFixture()
        try f.tamper("UPDATE store_meta SET value = '99' WHERE key = 'format_version'")
        #expect(throws: LogError.newerFormat(path: f.path, found: 99, supported: LogSchema.formatVersion)) {
            _ = try SQLiteEventLog(path: f.path, create: false)
        }
    }

    @Test func aMissingStoreIsReportedWithoutCreatingIt() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("absent-\(UUID().uuidString).sqlite").path
        #expect(throws: LogError.noStore(path: path)) { _ = try SQLiteEventLog(path: path, create: false) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aFileThatIsNotAStoreIsReported() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("garbage-\(UUID().uuidString).sqlite").path
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: LogError.self) { _ = try SQLiteEventLog(path: path, create: false) }
    }

    @Test func aLockedStoreIsWaitedForThenReported() throws {
        let f = try LogFixture()
        let other = try SQLiteEventLog(path: f.path, create: false, busyTimeoutMilliseconds: 100)
        try f.log.db.execute("BEGIN IMMEDIATE")
        defer { try? f.log.db.execute("ROLLBACK") }
        let events = try prepared(Lines.defineTotal)
        #expect(throws: LogError.locked(path: f.path, waitedMilliseconds: 100)) {
            _ = try other.append(events, recordedAt: Timestamp(microseconds: 1))
        }
    }

    @Test func readersSeeCommittedEventsWhileAWriterHoldsTheLock() throws {
        let f = try LogFixture()
        try f.append(Lines.defineTotal)
        let reader = try SQLiteEventLog(path: f.path, create: false)
        try f.log.db.execute("BEGIN IMMEDIATE")
        defer { try? f.log.db.execute("ROLLBACK") }
        #expect(try reader.lastSeq() == 1)
    }
}
