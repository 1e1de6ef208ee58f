import Foundation
import Testing

/// End-to-end tests of `vintage query`'s analytic options — `--agg`, `--bucket`, `--fill`,
/// `--group-by`, `--transform` — with the vintage options and every output format.
@Suite struct AnalyticsCommandTests {
    static let events = """
        {"type":"series","series":"kr.exports.total","unit":"USD","frequency":"monthly","tags":{"country":"KR","product":"total"}}
        {"type":"series","series":"kr.exports.chips","unit":"USD","frequency":"monthly","tags":{"country":"KR","product":"chips"}}
        {"type":"series","series":"jp.exports.chips","unit":"USD","frequency":"monthly","tags":{"country":"JP","product":"chips"}}
        {"type":"series","series":"kr.imports.total","unit":"USD","frequency":"monthly","tags":{"country":"KR"}}
        {"type":"release","released_at":"2025-02-01T00:00:00Z","observations":[{"series":"kr.exports.total","period":"2025-01","value":49.14e9},{"series":"kr.exports.chips","period":"2025-01","value":10e9},{"series":"jp.exports.chips","period":"2025-01","value":7e9}]}
        {"type":"release","released_at":"2025-03-01T00:00:00Z","observations":[{"series":"kr.exports.total","period":"2025-02","value":50e9},{"series":"kr.exports.chips","period":"2025-02","value":11e9}]}
        {"type":"release","released_at":"2026-02-01T00:00:00Z","observations":[{"series":"kr.exports.total","period":"2026-01","value":65.8e9},{"series":"kr.exports.chips","period":"2026-01","value":20e9},{"series":"kr.imports.total","period":"2026-01","value":1e9}]}
        {"type":"observation","series":"kr.exports.total","period":"2026-01","value":65.9e9,"released_at":"2026-02-15T00:00:00Z","status":"revised"}

        """

    func makeStore() throws -> VintageProcess {
        try VintageProcess.holding(Self.events)
    }

    /// The value column (third) of the only data row of a CSV answer.
    func onlyValue(_ csv: String) -> Double? {
        let lines = csv.split(separator: "\n")
        guard lines.count == 2 else { return nil }
        return Double(lines[1].split(separator: ",", omittingEmptySubsequences: false)[2])
    }

    @Test func yearOnYearAsKnownOnTenFebruaryIsTheSeedExample() throws {
        let v = try makeStore()
        defer { v.remove() }
        let known = try v.run(["query", "kr.exports.total", "--transform", "yoy", "--as-of", "2026-02-10"])
        #expect(known.status == 0)
        let expected = (65.8 / 49.14 - 1) * 100
        let value = try #require(onlyValue(known.stdout))
        #expect(abs(value - expected) <= 1e-12 * expected)
        // The row keeps its own point's release time and seq.
        #expect(known.stdout.contains(",2026-02-01T00:00:00Z,7\n"))
        // Now: the revision of 15 February.
        let now = try v.run(["query", "kr.exports.total", "--transform", "yoy"])
        let revised = try #require(onlyValue(now.stdout))
        #expect(abs(revised - (65.9 / 49.14 - 1) * 100) <= 1e-12 * revised)
        // The base lies before --from: it is read anyway.
        let ranged = try v.run(["query", "kr.exports.total", "--transform", "yoy", "--from", "2026-01"])
        #expect(onlyValue(ranged.stdout) == revised)
        // Before the 2026 release was logged there is nothing to compare.
        let early = try v.run(["query", "kr.exports.total", "--transform", "yoy", "--at-seq", "6"])
        #expect(early.stdout == "series,time,value,released_at,seq\n")
    }

    @Test func previousPeriodTransforms() throws {
        let v = try makeStore()
        defer { v.remove() }
        let diff = try v.run(["query", "kr.exports.chips", "--transform", "diff"])
        #expect(
            diff.stdout == """
                series,time,value,released_at,seq
                kr.exports.chips,2025-02-01T00:00:00Z,1000000000,2025-03-01T00:00:00Z,6
                kr.exports.chips,2026-01-01T00:00:00Z,9000000000,2026-02-01T00:00:00Z,7

                """)
        let pop = try v.run(["query", "kr.exports.chips", "--transform", "pop", "--from", "2026", "--format", "json"])
        #expect(pop.stdout.contains(#""value":81.81818181818"#))
    }

    @Test func aggregatesPerSeriesAndPerBucket() throws {
        let v = try makeStore()
        defer { v.remove() }
        let whole = try v.run(["query", "kr.exports.total", "--agg", "sum"])
        #expect(whole.stdout == "series,value,count\nkr.exports.total,165040000000,3\n")
        let asOf = try v.run(["query", "kr.exports.total", "--agg", "max", "--as-of", "2026-02-10"])
        #expect(asOf.stdout == "series,value,count\nkr.exports.total,65800000000,3\n")
        let yearly = try v.run(["query", "kr.exports.chips", "--agg", "avg", "--bucket", "1y"])
        #expect(
            yearly.stdout == """
                series,time,value,count
                kr.exports.chips,2025-01-01T00:00:00Z,10500000000,2
                kr.exports.chips,2026-01-01T00:00:00Z,20000000000,1

                """)
        let counted = try v.run(["query", "--where", "country=KR", "--agg", "count", "--format", "json"])
        #expect(
            counted.stdout == """
                {"series":"kr.exports.chips","value":3,"count":3}
                {"series":"kr.exports.total","value":3,"count":3}
                {"series":"kr.imports.total","value":1,"count":1}

                """)
    }

    @Test func fillEmitsEmptyBuckets() throws {
        let v = try makeStore()
        defer { v.remove() }
        let prev = try v.run([
            "query", "kr.exports.chips", "--agg", "last", "--bucket", "1q", "--from", "2025-01", "--to", "2026-04", "--fill", "prev"
        ])
        #expect(
            prev.stdout == """
                series,time,value,count
                kr.exports.chips,2025-01-01T00:00:00Z,11000000000,2
                kr.exports.chips,2025-04-01T00:00:00Z,11000000000,0
                kr.exports.chips,2025-07-01T00:00:00Z,11000000000,0
                kr.exports.chips,2025-10-01T00:00:00Z,11000000000,0
                kr.exports.chips,2026-01-01T00:00:00Z,20000000000,1

                """)
        let linear = try v.run([
            "query", "kr.exports.chips", "--agg", "sum", "--bucket", "1q", "--from", "2024-10", "--to", "2026-04", "--fill", "linear"
        ])
        let rows = linear.stdout.split(separator: "\n")
        // Nothing before the first non-empty bucket; three interpolated quarters in between.
        #expect(rows.count == 1 + 5)
        let second = rows[2].split(separator: ",")
        #expect(second[1] == "2025-04-01T00:00:00Z" && second[3] == "0")
        let interpolated = try #require(Double(second[2]))
        let expected = 21e9 + (20e9 - 21e9) * 90 / 365  // 90 of the 365 days from 2025-Q1 to 2026-Q1
        #expect(abs(interpolated - expected) <= 1e-9 * expected)
    }

    @Test func groupByAggregatesAcrossSeries() throws {
        let v = try makeStore()
        defer { v.remove() }
        let grouped = try v.run(["query", "--group-by", "product", "--agg", "sum", "--bucket", "1y", "--from", "2025", "--to", "2026"])
        #expect(
            grouped.stdout == """
                group,time,value,count
                chips,2025-01-01T00:00:00Z,28000000000,3
                total,2025-01-01T00:00:00Z,99140000000,2

                """)
        // A series without the tag forms the group with the empty name.
        let untagged = try v.run(["query", "--where", "country=KR", "--group-by", "product", "--agg", "count", "--format", "json"])
        #expect(untagged.stdout.hasPrefix(#"{"group":"","value":1,"count":1}"#))
    }

    @Test func impossibleCombinationsAreOneLineUsageErrors() throws {
        let v = try makeStore()
        defer { v.remove() }
        for arguments in [
            ["--bucket", "1d"], ["--agg", "sum", "--bucket", "1d", "--fill", "prev"], ["--group-by", "product"],
            ["--agg", "median"], ["--agg", "sum", "--bucket", "3x"], ["--transform", "mom"],
            ["--agg", "sum", "--latest"]
        ] {
            let result = try v.run(["query", "kr.exports.total"] + arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.hasPrefix("Error: ") || result.stderr.hasPrefix("vintage: "), "\(arguments): \(result.stderr)")
        }
        let timed = try v.run(["query", "kr.exports.total", "--agg", "avg", "--timing"])
        #expect(timed.stderr.hasPrefix("Run Time: "))
    }
}
