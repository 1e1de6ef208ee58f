import Testing
import VintageCore
import VintageTestSupport

@testable import VintageLog

@Suite struct AppendAtomicityTests {
    @Test func aBatchWithOneBadEventStoresNothing() throws {
        let f = try LogFixture()
        try f.append(Lines.defineTotal)
        let batch = [
            Lines.observation(period: "2026-01"), Lines.observation(period: "2026-02"),
            Lines.observation("kr.exports.unknown", period: "2026-03")
        ].joined(separator: "\n")
        let error = try #require(try f.rejection(batch))
        #expect(error.line == 3)
        #expect(error.field == "series")
        #expect(try f.log.lastSeq() == 1)
        #expect(Int64(try f.log.liveVintages().count) == 0)
        #expect(try f.count("SELECT count(*) FROM event_ids") == 1)
    }

    @Test func aRejectedBatchLeavesTheChainUsableForTheNextAppend() throws {
        let f = try LogFixture()
        try f.append(Lines.defineTotal)
        _ = try f.rejection(Lines.observation("nope"))
        let outcome = try f.append(Lines.observation())
        #expect(outcome.seqRange == 2...2)
        #expect(try f.log.verify().isIntact)
    }

    @Test func seqIsGaplessAcrossAppendsAndDuplicates() throws {
        let f = try LogFixture()
        try f.append(Lines.defineTotal)
        try f.append([Lines.observation(period: "2026-01"), Lines.observation(period: "2026-02")].joined(separator: "\n"))
        try f.append([Lines.observation(period: "2026-02"), Lines.observation(period: "2026-03")].joined(separator: "\n"))
        #expect(try f.events().map(\.seq) == [1, 2, 3, 4])
    }

    @Test func oneAppendRecordsOneRecordingTime() throws {
        let f = try LogFixture()
        try f.append([Lines.defineTotal, Lines.observation()].joined(separator: "\n"), at: 42)
        #expect(try f.events().map(\.recordedAt.microseconds) == [42, 42])
    }

    @Test func anAppendIsSplitIntoBlocksAtomically() throws {
        let f = try LogFixture()
        let batches = [
            try prepared(Lines.defineTotal), try prepared(Lines.observation()),
            try prepared(Lines.observation("kr.exports.missing"))
        ].map(PreparedBatch.init)
        var iterator = batches.makeIterator()
        #expect(throws: LogError.self) {
            _ = try f.log.append(recordedAt: Timestamp(microseconds: 1)) { iterator.next() }
        }
        #expect(try f.log.lastSeq() == 0)
    }

    @Test func aCorrectionMayTargetAnEarlierEventOfTheSameBatch() throws {
        let f = try LogFixture()
        let batch = [
            Lines.defineTotal, Lines.observation(value: "1", id: "typo"),
            #"{"type":"correction","target":"typo","replacement":{"type":"observation","series":"kr.exports.total","period":"2026-01","value":2,"released_at":"2026-02-01T00:00:00Z"}}"#
        ]
        #expect(try f.append(batch.joined(separator: "\n")).stored == 3)
    }

    @Test func aCorrectionMayNotTargetALaterEventOfTheSameBatch() throws {
        let f = try LogFixture()
        let batch = [Lines.defineTotal, #"{"type":"retraction","target":"later"}"#, Lines.observation(id: "later")]
        let error = try #require(try f.rejection(batch.joined(separator: "\n")))
        #expect(error.line == 2)
        #expect(error.field == "target")
    }
}
