import Testing
import VintageCore

@testable import VintageLog

@Suite struct IdempotencyTests {
    @Test func appendingTheSameInputTwiceStoresNothingNew() throws {
        let f = try LogFixture()
        let input = [Lines.defineTotal, Lines.observation(), Lines.observation(period: "2026-02", value: "60e9")].joined(separator: "\n")
        let first = try f.append(input)
        let second = try f.append(input)
        #expect(first.stored == 3 && first.duplicates == 0)
        #expect(second.stored == 0 && second.duplicates == 3 && second.seqRange == nil)
        #expect(try f.log.lastSeq() == 3)
    }

    @Test func aDuplicateLineInsideOneInputIsStoredOnce() throws {
        let f = try LogFixture()
        let outcome = try f.append([Lines.defineTotal, Lines.observation(), Lines.observation()].joined(separator: "\n"))
        #expect(outcome.stored == 2 && outcome.duplicates == 1)
    }

    @Test func derivedIdsIgnoreKeyOrderAndWhitespace() throws {
        let f = try LogFixture()
        try f.append(Lines.defineTotal)
        try f.append(#"{"type":"observation","series":"kr.exports.total","period":"2026-01","value":65.8e9,"released_at":"2026-02-01T00:00:00Z"}"#)
        let again = try f.append(
            #"{ "value": 65800000000, "released_at": "2026-02-01T09:00:00+09:00", "period": "2026-01", "series": "kr.exports.total", "type": "observation" }"#
        )
        #expect(again.duplicates == 1)
    }

    @Test func anIdReusedWithOtherContentIsRejected() throws {
        let f = try LogFixture()
        try f.append([Lines.defineTotal, Lines.observation(id: "jan")].joined(separator: "\n"))
        let error = try #require(try f.rejection(Lines.observation(period: "2026-02", id: "jan")))
        #expect(error.field == "id")
        #expect(error.description.contains("already the id of event seq 2"))
    }

    @Test func anIdReusedWithOtherContentInsideOneInputIsRejected() throws {
        let f = try LogFixture()
        let error = try #require(
            try f.rejection(
                [
                    Lines.defineTotal, Lines.observation(id: "x"),
                    Lines.observation(period: "2026-02", id: "x")
                ].joined(separator: "\n")))
        #expect(error.line == 3)
        #expect(error.description.contains("line 2"))
    }

    @Test func anExplicitIdWithIdenticalContentIsADuplicate() throws {
        let f = try LogFixture()
        try f.append([Lines.defineTotal, Lines.observation(id: "jan")].joined(separator: "\n"))
        #expect(try f.append(Lines.observation(id: "jan")).duplicates == 1)
    }

    @Test func theSameContentWithoutAnIdAfterAnExplicitIdIsAnotherEvent() throws {
        // The derived id differs from the given one, so this is not a re-append: the figure
        // repeats the same value at the same vintage, which the rules allow.
        let f = try LogFixture()
        try f.append([Lines.defineTotal, Lines.observation(id: "jan")].joined(separator: "\n"))
        let again = try f.append(Lines.observation())
        #expect(again.stored == 1 && again.duplicates == 0)
        #expect(try f.append(Lines.observation()).duplicates == 1)
    }
}
