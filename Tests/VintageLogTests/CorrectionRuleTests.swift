import Testing
import VintageCore

@testable import VintageLog

@Suite struct CorrectionRuleTests {
    static func correction(target: String, value: String, period: String = "2026-01") -> String {
        #"{"type":"correction","target":"\#(target)","reason":"typo","replacement":{"type":"observation","series":"kr.exports.total","period":"\#(period)","value":\#(value),"released_at":"2026-02-01T00:00:00Z"}}"#
    }

    func seeded() throws -> LogFixture {
        let f = try LogFixture()
        try f.append([Lines.defineTotal, Lines.observation(value: "60e9", id: "typo")].joined(separator: "\n"))
        return f
    }

    @Test func aCorrectionReplacesTheTargetsVintage() throws {
        let f = try seeded()
        try f.append(Self.correction(target: "typo", value: "6e9"))
        #expect(Int64(try f.log.liveVintages().count) == 1)
        #expect(Int64(try f.log.liveVintages().values.first?.value ?? -1) == 6_000_000_000)
        // The corrected value is now the vintage's value: the old one conflicts.
        #expect(try f.rejection(Lines.observation(value: "60e9", id: "again"))?.field == "value")
        #expect(try f.append(Lines.observation(value: "6e9", id: "same")).stored == 1)
    }

    @Test func aCorrectionMayMoveAFigureToAnotherPeriod() throws {
        let f = try seeded()
        try f.append(Self.correction(target: "typo", value: "60e9", period: "2025-12"))
        let december = try Period("2025-12").start.microseconds
        #expect(Int64(try f.log.liveVintages().keys.filter { $0.period == december }.count) == 1)
        #expect(Int64(try f.log.liveVintages().count) == 1)
    }

    @Test func aCorrectionOfAMissingTargetIsRejected() throws {
        let f = try seeded()
        let error = try #require(try f.rejection(Self.correction(target: "nope", value: "1")))
        #expect(error.field == "target")
        #expect(error.description.contains("no event with id 'nope'"))
    }

    @Test func aCorrectionMayNotTargetACorrectionOrRetraction() throws {
        let f = try seeded()
        try f.append(#"{"type":"retraction","id":"r1","target":"typo"}"#)
        let error = try #require(try f.rejection(#"{"type":"retraction","target":"r1"}"#))
        #expect(error.field == "target")
        #expect(error.description.contains("is a retraction"))
    }

    @Test func aReplacementMustHaveTheTargetsType() throws {
        let f = try seeded()
        let release =
            #"{"type":"correction","target":"typo","replacement":{"type":"release","released_at":"2026-02-01T00:00:00Z","observations":[{"series":"kr.exports.total","period":"2026-01","value":1}]}}"#
        let error = try #require(try f.rejection(release))
        #expect(error.field == "replacement.type")
    }

    @Test func aRetractionRemovesTheVintageAndACorrectionAfterItBringsItBack() throws {
        let f = try seeded()
        try f.append(#"{"type":"retraction","target":"typo"}"#)
        #expect(Int64(try f.log.liveVintages().count) == 0)
        try f.append(Self.correction(target: "typo", value: "6e9"))
        #expect(Int64(try f.log.liveVintages().count) == 1)
    }

    @Test func theLatestOfSeveralCorrectionsCounts() throws {
        let f = try seeded()
        try f.append(Self.correction(target: "typo", value: "6e9"))
        try f.append(Self.correction(target: "typo", value: "6.1e9"))
        #expect(Int64(try f.log.liveVintages().values.first?.value ?? -1) == 6_100_000_000)
        #expect(try f.count("SELECT count(*) FROM overrides") == 1)
    }

    @Test func aRestatementKeepsAVintageAliveWhenTheFirstStatementIsRetracted() throws {
        let f = try seeded()
        try f.append(Lines.observation(value: "60e9", id: "restated"))
        try f.append(#"{"type":"retraction","target":"typo"}"#)
        #expect((try f.log.liveVintages().values.first?.refs ?? -1) == 1)
    }

    @Test func retractingTheOnlyDefinitionOfASeriesWithFiguresIsRejected() throws {
        let f = try LogFixture()
        try f.append([#"{"type":"series","id":"def","series":"kr.exports.total"}"#, Lines.observation()].joined(separator: "\n"))
        let error = try #require(try f.rejection(#"{"type":"retraction","target":"def"}"#))
        #expect(error.description.contains("still has figures"))
    }

    @Test func aRetractedSeriesDefinitionLeavesTheSeriesUndefined() throws {
        let f = try LogFixture()
        try f.append(#"{"type":"series","id":"def","series":"kr.exports.total"}"#)
        try f.append(#"{"type":"retraction","target":"def"}"#)
        #expect(try f.rejection(Lines.observation())?.field == "series")
    }
}
