import Testing
import VintageCore

@testable import VintageLog

@Suite struct VintageRuleTests {
    @Test func aRevisionIsANewVintage() throws {
        let f = try LogFixture()
        try f.append(
            [
                Lines.defineTotal, Lines.observation(value: "65.8e9"),
                Lines.observation(value: "65.9e9", releasedAt: "2026-02-15T00:00:00Z")
            ].joined(separator: "\n"))
        #expect(Int64(try f.log.liveVintages().count) == 2)
    }

    @Test func restatingAVintageWithAnotherValueIsRejected() throws {
        let f = try LogFixture()
        try f.append([Lines.defineTotal, Lines.observation(value: "65.8e9")].joined(separator: "\n"))
        let error = try #require(try f.rejection(Lines.observation(value: "66e9", id: "other")))
        #expect(error.field == "value")
        #expect(error.description.contains("already has the value 65800000000"))
        #expect(error.description.contains("correction"))
        #expect(try f.log.lastSeq() == 2)
    }

    @Test func restatingAVintageWithTheSameValueAddsNoVintage() throws {
        let f = try LogFixture()
        try f.append([Lines.defineTotal, Lines.observation(period: "2026-01", value: "65.8e9")].joined(separator: "\n"))
        let outcome = try f.append(Lines.observation(period: "2026-M01", value: "65800000000", id: "restated"))
        #expect(outcome.stored == 1)
        #expect(Int64(try f.log.liveVintages().count) == 1)
        #expect((try f.log.liveVintages().values.first?.refs ?? -1) == 2)
    }

    @Test func aReleaseEntryThatConflictsNamesItsIndex() throws {
        let f = try LogFixture()
        try f.append([Lines.defineTotal, Lines.defineAutos, Lines.observation("kr.exports.autos", value: "6e9")].joined(separator: "\n"))
        let release =
            #"{"type":"release","released_at":"2026-02-01T00:00:00Z","observations":[{"series":"kr.exports.total","period":"2026-01","value":1},{"series":"kr.exports.autos","period":"2026-01","value":7e9}]}"#
        let error = try #require(try f.rejection(release))
        #expect(error.field == "observations[1].value")
    }

    @Test func twoEntriesOfOneInputConflictingWithEachOtherAreRejected() throws {
        let f = try LogFixture()
        let error = try #require(
            try f.rejection([Lines.defineTotal, Lines.observation(value: "1"), Lines.observation(value: "2")].joined(separator: "\n")))
        #expect(error.line == 3)
    }

    @Test func anUnknownSeriesIsRejectedWithTheClosestDefinedId() throws {
        let f = try LogFixture()
        try f.append([Lines.defineTotal, Lines.defineAutos].joined(separator: "\n"))
        let error = try #require(try f.rejection(Lines.observation("kr.export.total")))
        #expect(error.field == "series")
        #expect(error.description.contains("did you mean 'kr.exports.total'"))
    }

    @Test func oneInputMayDefineASeriesAndThenUseIt() throws {
        let f = try LogFixture()
        #expect(try f.append([Lines.defineTotal, Lines.observation()].joined(separator: "\n")).stored == 2)
    }

    @Test func anAnnouncementWithAStepStatesAVintageOfItsSeries() throws {
        let f = try LogFixture()
        try f.append(Lines.defineTariff)
        let announcement =
            #"{"type":"announcement","released_at":"2026-01-26T22:00:00Z","kind":"tariff","title":"t","series":"us.tariff.kr","effective":"2026-02-01","value":25}"#
        try f.append(announcement)
        #expect(Int64(try f.log.liveVintages().count) == 1)
        let conflicting = #"{"type":"observation","series":"us.tariff.kr","period":"2026-02-01","value":20,"released_at":"2026-01-26T22:00:00Z"}"#
        #expect(try f.rejection(conflicting)?.field == "value")
    }

    @Test func entriesOfOneReleaseAreComparedWithEachOther() throws {
        let f = try LogFixture()
        try f.append([Lines.defineTotal, Lines.defineAutos].joined(separator: "\n"))
        func release(_ a: String, _ b: String) -> String {
            #"{"type":"release","released_at":"2026-02-01T00:00:00Z","observations":[{"series":"kr.exports.total","period":"2026-01","value":\#(a)},{"series":"kr.exports.autos","period":"2026-01","value":7},{"series":"kr.exports.total","period":"2026-01","value":\#(b)}]}"#
        }
        // The same vintage twice in one release: another value is refused, naming the entry …
        let error = try #require(try f.rejection(release("1", "2")))
        #expect(error.field == "observations[2].value")
        #expect(error.description.contains("already has the value 1"))
        #expect(try f.log.lastSeq() == 2)
        // … the same value is one vintage.
        #expect(try f.append(release("1", "1e0")).stored == 1)
        #expect(Int64(try f.log.liveVintages().count) == 2)
    }
}
