import Testing
import VintageCore
@testable import VintageLog

/// Batches longer than one multi-row statement, with duplicates in the middle of a group.
@Suite struct MultiRowInsertTests {
    static func observations(_ range: ClosedRange<Int>, id: (Int) -> String? = { _ in nil }) -> [String] {
        range.map { n in Lines.observation(period: String(1000 + n), value: String(n), id: id(n)) }
    }

    @Test func duplicatesInsideAGroupShiftLaterRowsAndKeepTheChainIntact() throws {
        let f = try LogFixture()
        try f.append(([Lines.defineTotal] + Self.observations(1...10)).joined(separator: "\n"))
        // 100 new events with every third one of the first ten repeated among them.
        var lines = Self.observations(11...110)
        for (k, n) in [1, 4, 7, 10].enumerated() { lines.insert(Self.observations(n...n)[0], at: 5 + 20 * k) }
        let outcome = try f.append(lines.joined(separator: "\n"))
        #expect(outcome.stored == 100 && outcome.duplicates == 4 && outcome.seqRange == 12...111)
        #expect(try f.log.verify().isIntact)
        #expect(try f.count("SELECT count(*) FROM event_ids") == 111)
        #expect(try f.count("SELECT count(*) FROM events e JOIN event_ids k ON k.seq = e.seq") == 111)
        // Every stored event is found again by id: re-appending everything is all duplicates.
        let again = try f.append(([Lines.defineTotal] + Self.observations(1...110)).joined(separator: "\n"))
        #expect(again.stored == 0 && again.duplicates == 111)
    }

    @Test func anIdConflictInsideAGroupIsReportedOnItsLine() throws {
        let f = try LogFixture()
        try f.append(Lines.defineTotal)
        var lines = Self.observations(1...60, id: { "e\($0)" })
        lines[40] = Lines.observation(period: "2999", value: "1", id: "e3")
        let error = try #require(try f.rejection(lines.joined(separator: "\n")))
        #expect(error.line == 41)
        #expect(error.field == "id")
        #expect(error.description.contains("line 3"))
        #expect(try f.log.lastSeq() == 1)
    }
}
