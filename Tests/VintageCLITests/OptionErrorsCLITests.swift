import Foundation
import Testing

/// Option values that are refused say what is wrong and what is accepted (exit status 2).
@Suite struct OptionErrorsCLITests {
    @Test(arguments: [
        (
            ["query", "kr.exports.total", "--as-of", "20160729"],
            "The value '20160729' is invalid for '--as-of <time>': not a date, period or timestamp; expected a date or period (2016-07-29, 2016-07, 2016-Q3, 2016)"
        ),
        (["query", "kr.exports.total", "--as-of", "2020-13-01"], "'--as-of <time>': 2020-13-01 is not a calendar date; expected a date or period"),
        (["query", "kr.exports.total", "--as-of", "2016-13"], "'--as-of <time>': month 13 is out of range; expected a date or period"),
        (["revisions", "kr.exports.total", "--as-of", "2016-07-29T25:00:00Z"], "'--as-of <time>': "),
        (
            ["query", "kr.exports.total", "--at-seq", "-1"],
            "The value '-1' is invalid for '--at-seq <n>': expected a whole number of 1 or more (a log position: the seq column of vintage log)"
        ),
        (["query", "kr.exports.total", "--at-seq", "0"], "'--at-seq <n>': expected a whole number of 1 or more"),
        (["announcements", "--at-seq", "seven"], "'--at-seq <n>': expected a whole number of 1 or more"),
        (["query", "kr.exports.total", "--from", "2016-Q5"], "'--from <time>': a quarter is YYYY-Q1 to YYYY-Q4; expected a period (2026, 2026-Q1"),
        (["query", "kr.exports.total", "--to", "soon"], "'--to <time>': not a date, period or timestamp; expected a period"),
        (["log", "--limit", "-1"], "'--limit <n>': expected a whole number of 0 or more (how many events to print)"),
        (["log", "--from-seq", "0"], "'--from-seq <n>': expected a whole number of 1 or more"),
        (["history", "kr.exports.total", "2026-13"], "The value '2026-13' is invalid for '<period>': month 13 is out of range; expected a period"),
        (["history", "kr.exports.total", "2026-01", "--at-seq", "-3"], "'--at-seq <n>': expected a whole number of 1 or more"),
        (["--wait", "-1", "init"], "'--wait <seconds>': expected a number of seconds, 0 or more"),
        (
            ["query", "kr.exports.total", "--agg", "median"],
            "The value 'median' is invalid for '--agg <f>': expected count, sum, avg, min, max, first or last"
        ),
        (["chart", "kr.exports.total", "--agg", "mean", "--bucket", "1y"], "'--agg <f>': expected count, sum, avg, min, max, first or last"),
        (
            ["query", "kr.exports.total", "--agg", "sum", "--bucket", "3x"],
            "The value '3x' is invalid for '--bucket <width>': expected 1h, 1d, 1w, 1mo, 1q, 1y, or a multiple"
        ),
        (
            ["query", "kr.exports.total", "--agg", "sum", "--bucket", "1d", "--fill", "zero"],
            "The value 'zero' is invalid for '--fill <prev|linear>': expected prev or linear"
        ),
        (
            ["query", "kr.exports.total", "--transform", "mom"],
            "The value 'mom' is invalid for '--transform <yoy|pop|diff>': expected yoy, pop or diff"
        ),
        (["chart", "kr.exports.total", "--transform", "qoq"], "'--transform <yoy|pop|diff>': expected yoy, pop or diff")
    ])
    func aRefusedValueSaysWhy(arguments: [String], message: String) throws {
        let v = try VintageProcess()
        defer { v.remove() }
        let result = try v.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!result.stderr.contains("Missing value"))
    }

    /// `--as-of` takes every period form `--from` takes, meaning the end of its last day;
    /// a date means the end of that day, a timestamp is inclusive.
    @Test(arguments: [
        ("2016-07", "1"), ("2016-M07", "1"), ("2016-07-31", "1"), ("2016-D213", "1"),
        ("2016-08-01T00:00:00Z", "2"), ("2016-W31", "2"),
        ("2016-Q3", "3"), ("2016-09-30", "3"),
        ("2016", "5"), ("2016-A1", "5"), ("2016-S2", "5"), ("2016-Q4", "5"), ("2016-12", "5"),
        ("2017-01", "6")
    ])
    func asOfTakesPeriods(asOf: String, value: String) throws {
        let v = try VintageProcess()
        defer { v.remove() }
        var text = #"{"type":"series","series":"m.s","frequency":"monthly"}"# + "\n"
        for (n, released) in [
            "2016-07-31T23:00:00Z", "2016-08-01T00:00:00Z", "2016-09-30T23:59:59Z", "2016-10-01T00:00:00Z",
            "2016-12-31T23:59:59.999999Z", "2017-01-01T00:00:00Z"
        ].enumerated() {
            text += #"{"type":"observation","series":"m.s","period":"2016-06","value":\#(n + 1),"released_at":"\#(released)"}"# + "\n"
        }
        try v.write("events.ndjson", text)
        #expect(try v.run(["append", "events.ndjson"]).status == 0)
        let result = try v.run(["query", "m.s", "--as-of", asOf, "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").dropFirst()
        #expect(rows.count == 1)
        #expect(rows.first?.split(separator: ",")[2] == Substring(value), "--as-of \(asOf): \(result.stdout)")
    }

    @Test func anAsOfBeforeEveryReleaseShowsNothing() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        try v.write("events.ndjson", Sample.definitions + Sample.january)
        #expect(try v.run(["append", "events.ndjson"]).status == 0)
        // Released 2026-02-01: not known by the end of January.
        #expect(try v.run(["query", "kr.exports.total", "--as-of", "2026-01", "--format", "csv"]).stdout == "series,time,value,released_at,seq\n")
        #expect(try v.run(["query", "kr.exports.total", "--as-of", "2026-02", "--format", "csv"]).stdout.split(separator: "\n").count == 2)
    }
}
