import Foundation
import Testing

/// End to end: sums, differences and revisions of decimal figures print exact to the
/// figures' decimals (SPEC.md, "Precise rules"), and the same before and after a replay.
@Suite struct ExactDecimalCLITests {
    static let events = """
        {"type":"series","series":"x.level"}
        {"type":"series","series":"de.gdp"}
        {"type":"observation","series":"x.level","period":"2026-01","value":408515.6,"released_at":"2026-02-01T00:00:00Z"}
        {"type":"observation","series":"de.gdp","period":"2016-01","value":408424,"released_at":"2016-05-13T00:00:00Z"}
        {"type":"observation","series":"de.gdp","period":"2016-01","value":408515.7,"released_at":"2016-08-25T00:00:00Z"}

        """
    static let later = """
        {"type":"observation","series":"x.level","period":"2026-02","value":0.1,"released_at":"2026-03-01T00:00:00Z"}
        {"type":"observation","series":"x.level","period":"2026-03","value":0.2,"released_at":"2026-04-01T00:00:00Z"}

        """

    func makeStore() throws -> VintageProcess {
        let v = try VintageProcess.holding(Self.events)
        try v.write("later.ndjson", Self.later)
        #expect(try v.run(["append", "later.ndjson"]).status == 0)
        return v
    }

    @Test func aSumOfDecimalFiguresPrintsExactly() throws {
        let v = try makeStore()
        defer { v.remove() }
        let sum = try v.run(["query", "x.level", "--agg", "sum", "--to", "2026-03"])
        #expect(sum.status == 0)
        #expect(sum.stdout == "series,value,count\nx.level,408515.7,2\n", "\(sum.stdout)")
        let json = try v.run(["query", "x.level", "--agg", "sum", "--format", "json"])
        #expect(json.stdout.contains(#""value":408515.9"#), "\(json.stdout)")
        let avg = try v.run(["query", "x.level", "--agg", "avg", "--to", "2026-03"])
        #expect(avg.stdout == "series,value,count\nx.level,204257.85,2\n", "\(avg.stdout)")
        // Differences of consecutive points: 0.2 − 0.1 is 0.1.
        let diff = try v.run(["query", "x.level", "--transform", "diff", "--from", "2026-03", "--format", "json"])
        #expect(diff.stdout.contains(#""value":0.1,"#), "\(diff.stdout)")
    }

    @Test func aRevisionOfDecimalFiguresPrintsExactly() throws {
        let v = try makeStore()
        defer { v.remove() }
        let revisions = try v.run(["revisions", "de.gdp", "--format", "json"])
        #expect(revisions.status == 0)
        #expect(revisions.stdout.contains(#""revision":91.7,"#), "\(revisions.stdout)")
        #expect(!revisions.stdout.contains("91.70000000001164"))
        #expect(revisions.stdout.contains(#""mean_abs_revision":91.7"#), "\(revisions.stdout)")
        // 91.7 ÷ 408424 × 100, correctly rounded.
        #expect(revisions.stdout.contains(#""revision_pct":0.022452157561749553"#), "\(revisions.stdout)")
    }

    @Test func sumsAreTheSameAfterAReplay() throws {
        let v = try makeStore()
        defer { v.remove() }
        let queries = [
            ["query", "x.level", "--agg", "sum"], ["query", "x.level", "--agg", "avg"], ["revisions", "de.gdp"],
            ["query", "--agg", "sum"]
        ]
        let before = try queries.map { try v.run($0).stdout }
        #expect(before[0] == "series,value,count\nx.level,408515.9,3\n", "\(before[0])")
        #expect(try v.run(["replay"]).status == 0)
        let after = try queries.map { try v.run($0).stdout }
        #expect(before == after)
    }
}
