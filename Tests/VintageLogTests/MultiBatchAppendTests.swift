import Testing
import VintageCore
import VintageTestSupport

@testable import VintageLog

/// Appends longer than one record batch: duplicates and rules across batches of the same
/// append and of earlier ones.
@Suite struct MultiBatchAppendTests {
    static func observations(_ range: ClosedRange<Int>, id: (Int) -> String? = { _ in nil }) -> [String] {
        range.map { n in Lines.observation(period: String(1000 + n), value: String(n), id: id(n)) }
    }

    @Test func duplicatesAcrossBatchesTakeNoSeqAndKeepTheChainIntact() throws {
        let f = try LogFixture()
        f.log.eventsPerBatch = 7
        try f.append(([Lines.defineTotal] + Self.observations(1...10)).joined(separator: "\n"))
        // 100 new events with some of the first ten repeated among them.
        var lines = Self.observations(11...110)
        for (k, n) in [1, 4, 7, 10].enumerated() { lines.insert(Self.observations(n...n)[0], at: 5 + 20 * k) }
        let outcome = try f.append(lines.joined(separator: "\n"))
        #expect(outcome.stored == 100 && outcome.duplicates == 4 && outcome.seqRange == 12...111)
        #expect(try f.count("SELECT count(*) FROM batches") > 15)
        #expect(try f.log.verify().isIntact)
        // Every stored event is found again: re-appending everything is all duplicates.
        let again = try f.append(([Lines.defineTotal] + Self.observations(1...110)).joined(separator: "\n"))
        #expect(again.stored == 0 && again.duplicates == 111)
    }

    @Test func aConflictWithAFigureOfAnEarlierBatchOfTheSameAppendIsRefused() throws {
        let f = try LogFixture()
        f.log.eventsPerBatch = 3
        var lines = [Lines.defineTotal] + Self.observations(1...20)
        lines.append(Lines.observation(period: "1002", value: "99"))
        let error = try #require(try f.rejection(lines.joined(separator: "\n")))
        #expect(error.line == 22 && error.field == "value")
        #expect(error.description.contains("already has the value 2"))
        #expect(try f.log.lastSeq() == 0)
    }

    @Test func anIdConflictInsideAnAppendIsReportedOnItsLine() throws {
        let f = try LogFixture()
        f.log.eventsPerBatch = 16
        try f.append(Lines.defineTotal)
        var lines = Self.observations(1...60, id: { "e\($0)" })
        lines[40] = Lines.observation(period: "2999", value: "1", id: "e3")
        let error = try #require(try f.rejection(lines.joined(separator: "\n")))
        #expect(error.line == 41)
        #expect(error.field == "id")
        #expect(error.description.contains("seq 4"))
        #expect(try f.log.lastSeq() == 1)
    }

    /// A correction naming an event of the batch just written by the same append (by its
    /// given or its derived id) finds it — also while that batch is still being encoded on
    /// another thread (``ChainedBatchWriter``): the rules store it before they read the log.
    @Test func aCorrectionNamingAnEventOfTheBatchJustWrittenFindsIt() throws {
        let f = try LogFixture()
        f.log.eventsPerBatch = 3
        // Seqs 1…10; batches [1–3], [4–6], [7–9] are written before line 11 is checked.
        var lines = [Lines.defineTotal] + Self.observations(1...7, id: { "e\($0)" }) + Self.observations(8...9)
        let derived = try #require(try prepared(lines[9]).first).id
        func correction(_ target: String, _ period: String, _ value: Int) -> String {
            #"{"type":"correction","target":"\#(target)","replacement":\#(Lines.observation(period: period, value: String(value)))}"#
        }
        lines.append(correction("e7", "1007", 70))
        lines.append(correction(derived.rawValue, "1009", 90))
        let outcome = try f.append(lines.joined(separator: "\n"))
        #expect(outcome.stored == 12 && outcome.seqRange == 1...12)
        #expect(try f.log.verify().isIntact)
        #expect(try f.count("SELECT count(*) FROM overrides") == 2)
    }
}
