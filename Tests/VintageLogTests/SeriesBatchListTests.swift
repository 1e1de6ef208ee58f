import Foundation
import Testing
import VintageCore
import VintageLogUpgrade
import VintageTestSupport

@testable import VintageLog

/// The packed index of batches by series (store format 3), and format-2 logs with one row
/// per (series, batch): written as they are, packed by `upgrade`.
@Suite struct SeriesBatchListTests {
    typealias Entry = SeriesBatchList.Entry

    static func decode(_ bytes: [UInt8], firstSeq: Int64) -> SeriesBatchList? {
        bytes.withUnsafeBytes { SeriesBatchList(decoding: $0, firstSeq: firstSeq) }
    }

    @Test(arguments: [Int64(86_400_000_000), 1_000_000, 1000, 1, 7])
    func aListDecodesToItsEntries(step: Int64) throws {
        var entries: [Entry] = []
        for i in 0..<Int64(SeriesBatchList.capacity) {
            let seq: Int64 = 5 + i * 300 + i % 3
            let low: Int64 = (i * 30 - 20_000) * step
            let high: Int64 = low + (i % 2) * step
            entries.append(Entry(firstSeq: seq, low: low, high: high))
        }
        let list = SeriesBatchList(entries: entries)
        let bytes = list.encoded()
        #expect(Self.decode(bytes, firstSeq: 5) == list)
        if step == 86_400_000_000 { #expect(bytes.count < 5 * entries.count) }
    }

    @Test func damagedListsAreRefusedOrDecodeWithoutTrapping() {
        let list = SeriesBatchList(entries: [Entry(firstSeq: 3, low: 1_000_000, high: 2_000_000), Entry(firstSeq: 9, low: 5_000_000, high: 5_000_000)]
        )
        let bytes = list.encoded()
        for n in 0..<bytes.count { #expect(Self.decode(Array(bytes[0..<n]), firstSeq: 3) == nil) }
        #expect(Self.decode(bytes + [0], firstSeq: 3) == nil)
        #expect(Self.decode(bytes, firstSeq: 4)?.entries.first?.firstSeq == 4)
        for i in 0..<bytes.count {
            for bit in 0..<8 {
                var edited = bytes
                edited[i] ^= 1 << bit
                _ = Self.decode(edited, firstSeq: 3)
            }
        }
        #expect(Self.decode([9, 1, 0, 0, 0], firstSeq: 1) == nil)
    }

    static func observation(_ n: Int, value: String? = nil) -> String {
        Lines.observation(
            period: String(1000 + n), value: value ?? String(n),
            releasedAt: String(format: "2026-03-%02dT%02d:00:00Z", n % 28 + 1, n / 28))
    }

    @Test func aSeriesInManyBatchesGetsSeveralListsAndOldVintagesAreStillFound() throws {
        let f = try LogFixture()
        f.log.eventsPerBatch = 1
        try f.append(([Lines.defineTotal] + (1...150).map { Self.observation($0) }).joined(separator: "\n"))
        #expect(try f.count("SELECT count(*) FROM series_batch_lists") == 3)
        #expect(try f.log.verify().isIntact)
        for n in [1, 64, 65, 100, 150] {
            let error = try #require(try f.rejection(Self.observation(n, value: "0.5")), "vintage \(n)")
            #expect(error.description.contains("already has the value \(n)"))
            #expect(try f.append(Self.observation(n)).duplicates == 1)
        }
    }

    @Test func aListWhoseRangeIsNotItsEntriesIsReported() throws {
        let f = try LogFixture()
        try f.append([Lines.defineTotal, Self.observation(1)].joined(separator: "\n"))
        try f.tamper("UPDATE series_batch_lists SET max_released = max_released + 1")
        #expect(try f.log.verify().problems.contains { $0.contains("index table series_batch_lists is damaged") })
    }

    @Test func aFormatTwoLogIsWrittenAsItIsAndUpgradePacksItsIndex() throws {
        let f = try LogFixture()
        try f.tamper("DROP TABLE series_batch_lists; \(LogSchema.seriesBatchesTable) UPDATE store_meta SET value = '2' WHERE key = 'format_version';")
        let old = try SQLiteEventLog(path: f.path, create: false)
        #expect(old.format == 2)
        old.eventsPerBatch = 1
        let lines = [Lines.defineTotal] + (1...70).map { Self.observation($0) }
        _ = try old.append(try prepared(lines.joined(separator: "\n")), recordedAt: Timestamp(microseconds: 1_000_000))
        #expect(try f.count("SELECT count(*) FROM series_batches") == 70)
        #expect(throws: LogError.self) {
            _ = try old.append(try prepared(Self.observation(3, value: "0.5")), recordedAt: Timestamp(microseconds: 2_000_000))
        }
        #expect(try old.verify().isIntact)
        let head = try old.verify().head
        old.close()

        let report = try LogUpgrade.upgrade(path: f.path)
        #expect(report.fromFormat == 2 && report.events == 71)
        #expect(report.bytesAfter <= report.bytesBefore, "VACUUM's pages are checkpointed out of the write-ahead log")
        let upgraded = try SQLiteEventLog(path: f.path, create: false)
        #expect(upgraded.format == LogSchema.formatVersion)
        #expect(try f.count("SELECT count(*) FROM series_batch_lists") == 2)
        #expect(try f.count("SELECT count(*) FROM sqlite_master WHERE name = 'series_batches'") == 0)
        let verification = try upgraded.verify()
        #expect(verification.isIntact && verification.head == head)
        #expect(throws: LogError.self) {
            _ = try upgraded.append(try prepared(Self.observation(66, value: "0.5")), recordedAt: Timestamp(microseconds: 3_000_000))
        }
        _ = try upgraded.append(try prepared(Self.observation(71)), recordedAt: Timestamp(microseconds: 3_000_000))
        #expect(try upgraded.verify().isIntact)
        #expect(try LogUpgrade.upgrade(path: f.path).fromFormat == LogSchema.formatVersion)
    }
}
