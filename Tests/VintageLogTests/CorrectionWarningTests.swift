import Testing
import VintageCore

@testable import VintageLog

/// A correction whose replacement release leaves out figures of the release it restates
/// retracts them: stored, with a warning naming how many figures and which series (issue
/// 11, point 12).
@Suite struct CorrectionWarningTests {
    static let release =
        #"{"type":"release","id":"rel-1","released_at":"2026-02-01T00:00:00Z","observations":[{"series":"kr.exports.total","period":"2026-01","value":65.8e9},{"series":"kr.exports.autos","period":"2026-01","value":60e9},{"series":"kr.exports.autos","period":"2025-12","value":5e9}]}"#

    static func correction(_ entries: String, target: String = "rel-1") -> String {
        #"{"type":"correction","target":"\#(target)","replacement":{"type":"release","released_at":"2026-02-01T00:00:00Z","observations":[\#(entries)]}}"#
    }

    func seeded() throws -> LogFixture {
        let f = try LogFixture()
        try f.append([Lines.defineTotal, Lines.defineAutos, Self.release].joined(separator: "\n"))
        return f
    }

    @Test func aReplacementThatLeavesOutFiguresIsStoredWithAWarning() throws {
        let f = try seeded()
        let outcome = try f.append(Lines.defineTariff + "\n" + Self.correction(#"{"series":"kr.exports.autos","period":"2026-01","value":6e9}"#))
        #expect(outcome.stored == 2)
        #expect(
            outcome.warnings == [
                .correctionDropsFigures(
                    line: 2, target: EventID(unchecked: "rel-1"), figures: 2,
                    series: [SeriesID(unchecked: "kr.exports.autos"), SeriesID(unchecked: "kr.exports.total")])
            ])
        let text = try #require(outcome.warnings.first).description
        #expect(
            text.hasPrefix(
                "line 2: the correction of 'rel-1' drops 2 figures of the release it restates (series kr.exports.autos, kr.exports.total)"), "\(text)"
        )
        #expect(!text.contains("\n"))
        #expect(Int64(try f.log.liveVintages().count) == 1, "the dropped figures are retracted")
    }

    @Test func aWholeRestatementGivesNoWarning() throws {
        let f = try seeded()
        // Every point again (one in another spelling, one with another value), in another order.
        let outcome = try f.append(
            Self.correction(
                #"{"series":"kr.exports.autos","period":"2025-M12","value":5e9},{"series":"kr.exports.autos","period":"2026-01","value":6e9},{"series":"kr.exports.total","period":"2026-01","value":65.8e9}"#
            ))
        #expect(outcome.stored == 1)
        #expect(outcome.warnings.isEmpty)
    }

    @Test func theWarningComparesWithTheTargetsCurrentContent() throws {
        let f = try seeded()
        // A first correction drops one figure (warned); a second restating what is left drops nothing.
        let first = try f.append(
            Self.correction(
                #"{"series":"kr.exports.autos","period":"2026-01","value":6e9},{"series":"kr.exports.total","period":"2026-01","value":65.8e9}"#))
        #expect(first.warnings.map(\.line) == [1])
        let second = try f.append(
            Self.correction(
                #"{"series":"kr.exports.autos","period":"2026-01","value":6.1e9},{"series":"kr.exports.total","period":"2026-01","value":65.8e9}"#))
        #expect(second.warnings.isEmpty)
        // After a retraction there is nothing left to drop.
        try f.append(#"{"type":"retraction","target":"rel-1"}"#)
        #expect(try f.append(Self.correction(#"{"series":"kr.exports.total","period":"2026-01","value":65.8e9}"#)).warnings.isEmpty)
    }

    @Test func aDuplicateCorrectionWarnsNothingAndARefusedOneStoresNothing() throws {
        let f = try seeded()
        let fix =
            #"{"type":"correction","id":"c1","target":"rel-1","replacement":{"type":"release","released_at":"2026-02-01T00:00:00Z","observations":[{"series":"kr.exports.total","period":"2026-01","value":1}]}}"#
        #expect(try f.append(fix).warnings.count == 1)
        #expect(try f.append(fix).warnings.isEmpty, "a duplicate stores nothing")
    }

    @Test func otherCorrectionsWarnNothing() throws {
        let f = try LogFixture()
        try f.append([Lines.defineTotal, Lines.observation(id: "o1")].joined(separator: "\n"))
        let outcome = try f.append(
            #"{"type":"correction","target":"o1","replacement":{"type":"observation","series":"kr.exports.total","period":"2026-02","value":1,"released_at":"2026-03-01T00:00:00Z"}}"#
        )
        #expect(outcome.stored == 1)
        #expect(outcome.warnings.isEmpty)
    }
}
