import Foundation
import Testing

/// End-to-end tests of issue 11's input semantics through the built binary: series ids in
/// any case, date-only `released_at`, a release entry's own status, announcements with
/// `effective` alone, periods that must fit their series' frequency, and the warning for a
/// correction that drops figures of the release it restates.
@Suite struct InputSemanticsCLITests {
    /// FRED-style input: upper-case ids, ALFRED vintage dates as release times.
    static let gdp = """
        {"type":"series","series":"FRED.GDPC1","name":"Real GDP","unit":"USD bn","frequency":"quarterly"}
        {"type":"observation","series":"FRED.GDPC1","period":"2016-Q1","value":16525.0,"released_at":"2016-04-28"}
        {"type":"observation","series":"fred.gdpc1","period":"2016-01","value":16571.6,"released_at":"2016-05-27"}
        {"type":"observation","series":"Fred.Gdpc1","period":"2016-04-01","value":16583.1,"released_at":"2016-07-29"}

        """

    func store(_ input: String = gdp) throws -> VintageProcess {
        let v = try VintageProcess()
        try v.write("events.ndjson", input)
        let append = try v.run(["append", "events.ndjson", "--format", "csv"])
        #expect(append.status == 0, "\(append.stderr)")
        #expect(append.stderr.isEmpty, "\(append.stderr)")
        return v
    }

    @Test func upperCaseIdsAreStoredAndPrintedInLowerCaseAndQueriedInAnyCase() throws {
        let v = try store()
        defer { v.remove() }
        let expected = """
            series,time,value,released_at,seq
            fred.gdpc1,2016-01-01T00:00:00Z,16571.6,2016-05-27T00:00:00Z,3
            fred.gdpc1,2016-04-01T00:00:00Z,16583.1,2016-07-29T00:00:00Z,4

            """
        for spelling in ["FRED.GDPC1", "fred.gdpc1", "Fred.GdpC1"] {
            let query = try v.run(["query", spelling, "--format", "csv"])
            #expect(query.status == 0, "\(spelling): \(query.stderr)")
            #expect(query.stdout == expected, "\(spelling)")
        }
        let history = try v.run(["history", "FRED.GDPC1", "2016-Q1", "--format", "csv"])
        #expect(history.status == 0, "\(history.stderr)")
        #expect(
            history.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[0] } == [
                "fred.gdpc1", "fred.gdpc1"
            ])
        let revisions = try v.run(["revisions", "FRED.gdpc1", "--format", "csv"])
        #expect(revisions.status == 0, "\(revisions.stderr)")
        #expect(
            revisions.stdout.contains("fred.gdpc1,2016-01-01T00:00:00Z,16525,2016-04-28T00:00:00Z,16571.6,2016-05-27T00:00:00Z"),
            "\(revisions.stdout)")
        let series = try v.run(["series", "--format", "csv"])
        #expect(series.stdout.contains("\nfred.gdpc1,Real GDP,"), "\(series.stdout)")
        #expect(!series.stdout.contains("FRED"))
        let log = try v.run(["log", "--format", "csv"])
        #expect(!log.stdout.contains("FRED") && !log.stdout.contains("Fred"), "the log keeps the lower-case form")
        // An unknown id in upper case is still an unknown series, suggested in lower case.
        let unknown = try v.run(["query", "FRED.GDPC2"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("unknown series 'fred.gdpc2'") && unknown.stderr.contains("did you mean 'fred.gdpc1'"), "\(unknown.stderr)")
    }

    @Test func theSameFigureInEitherCaseAndWithADateOrMidnightIsADuplicate() throws {
        let v = try store()
        defer { v.remove() }
        let again = #"{"type":"observation","series":"fred.gdpc1","period":"2016-Q1","value":16525.0,"released_at":"2016-04-28T00:00:00Z"}"#
        let result = try v.run(["append", "-", "--format", "csv"], stdin: again)
        #expect(result.stdout == "stored,duplicates,first_seq,last_seq\n0,1,,\n", "\(result.stderr)")
    }

    @Test func aDateOnlyReleasedAtIsTheStartOfThatDayEverywhere() throws {
        let v = try store(
            Self.gdp + """
                {"type":"series","series":"us.tariff.kr","frequency":"irregular"}
                {"type":"release","released_at":"2016-08-26","observations":[{"series":"fred.gdpc1","period":"2016-Q2","value":16592.2}]}
                {"type":"announcement","released_at":"2016-08-01","kind":"tariff","title":"t","series":"us.tariff.kr","effective":"2016-09-01","value":5}

                """)
        defer { v.remove() }
        let asOf = try v.run(["query", "fred.gdpc1", "--as-of", "2016-08-26", "--from", "2016-Q2", "--format", "csv"])
        #expect(asOf.stdout.hasSuffix("fred.gdpc1,2016-04-01T00:00:00Z,16592.2,2016-08-26T00:00:00Z,6\n"), "\(asOf.stdout) \(asOf.stderr)")
        let before = try v.run(["query", "fred.gdpc1", "--as-of", "2016-08-25", "--from", "2016-Q2", "--format", "csv"])
        #expect(before.stdout.hasSuffix("fred.gdpc1,2016-04-01T00:00:00Z,16583.1,2016-07-29T00:00:00Z,4\n"), "\(before.stdout)")
        let announcements = try v.run(["announcements", "--format", "csv"])
        #expect(announcements.stdout.contains("2016-08-01T00:00:00Z,2016-09-01T00:00:00Z,"), "\(announcements.stdout)")
        // A bad date says why, with the example once.
        let bad = try v.run(
            ["append", "-"], stdin: #"{"type":"observation","series":"fred.gdpc1","period":"2016-Q3","value":1,"released_at":"2016-13-01"}"#)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("line 1: field 'released_at': 2016-13-01 is not a calendar date"), "\(bad.stderr)")
        #expect(bad.stderr.components(separatedBy: "e.g.").count == 2, "\(bad.stderr)")
    }

    @Test func aReleaseEntrysOwnStatusWinsOverTheReleases() throws {
        let v = try store(
            Self.gdp + """
                {"type":"release","released_at":"2016-08-26","status":"advance","observations":[{"series":"fred.gdpc1","period":"2016-Q2","value":16592.2,"status":"E"},{"series":"fred.gdpc1","period":"2016-Q3","value":16600}]}

                """)
        defer { v.remove() }
        let q2 = try v.run(["history", "fred.gdpc1", "2016-Q2", "--format", "csv"])
        #expect(q2.stdout.hasSuffix("fred.gdpc1,2016-04-01T00:00:00Z,2016-08-26T00:00:00Z,5,E,16592.2,,\n"), "\(q2.stdout)")
        let q3 = try v.run(["history", "fred.gdpc1", "2016-Q3", "--format", "csv"])
        #expect(q3.stdout.hasSuffix("fred.gdpc1,2016-07-01T00:00:00Z,2016-08-26T00:00:00Z,5,advance,16600,,\n"), "\(q3.stdout)")
        // The same after a replay (which reads the log's canonical form).
        #expect(try v.run(["replay"]).status == 0)
        #expect(try v.run(["history", "fred.gdpc1", "2016-Q2", "--format", "csv"]).stdout == q2.stdout)
        #expect(try v.run(["verify"]).status == 0)
    }

    @Test func anAnnouncementMayNameEffectiveAlone() throws {
        let v = try store(
            """
            {"type":"announcement","released_at":"2026-01-26T22:00:00Z","kind":"trade deal","title":"Deal signed","parties":["US","KR"],"effective":"2026-03-01"}
            {"type":"announcement","id":"a2","released_at":"2026-01-27T00:00:00Z","kind":"note","title":"Talks"}
            {"type":"correction","target":"a2","replacement":{"type":"announcement","released_at":"2026-01-27T00:00:00Z","kind":"note","title":"Talks","effective":"2026-02-01"}}

            """)
        defer { v.remove() }
        let all = try v.run(["announcements", "--format", "csv"])
        #expect(all.status == 0, "\(all.stderr)")
        let rows = all.stdout.split(separator: "\n")
        #expect(rows.count == 3, "\(all.stdout)")
        #expect(rows[1].hasPrefix("2026-01-27T00:00:00Z,2026-02-01T00:00:00Z,,note,Talks,"), "\(all.stdout)")
        #expect(rows[2].hasPrefix("2026-01-26T22:00:00Z,2026-03-01T00:00:00Z,,trade deal,Deal signed,"), "\(all.stdout)")
        // --from/--to select it by its effective day.
        let march = try v.run(["announcements", "--from", "2026-03", "--format", "csv"])
        #expect(march.stdout.split(separator: "\n").count == 2, "\(march.stdout)")
        #expect(try v.run(["replay"]).status == 0)
        #expect(try v.run(["announcements", "--format", "csv"]).stdout == all.stdout)
    }

    @Test func aPeriodThatDoesNotFitTheFrequencyIsRefused() throws {
        let v = try store()
        defer { v.remove() }
        let before = try v.run(["log", "--format", "csv"]).stdout
        let result = try v.run(
            ["append", "-"],
            stdin: """
                {"type":"observation","series":"fred.gdpc1","period":"2016-Q3","value":1,"released_at":"2016-10-28"}
                {"type":"observation","series":"FRED.GDPC1","period":"2016-03","value":1,"released_at":"2016-10-28"}
                """)
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "vintage: line 2: field 'period': 2016-03 does not fit the quarterly series 'fred.gdpc1': its periods start on the first day of a quarter (e.g. 2016-Q1 or 2016-04)\n",
            "\(result.stderr)")
        #expect(try v.run(["log", "--format", "csv"]).stdout == before, "nothing stored")
        // A later definition changes the frequency in force; the figures stored stay.
        let monthly = try v.run(
            ["append", "-"],
            stdin: """
                {"type":"series","series":"fred.gdpc1","frequency":"monthly"}
                {"type":"observation","series":"fred.gdpc1","period":"2016-03","value":1,"released_at":"2016-10-28"}
                """)
        #expect(monthly.status == 0, "\(monthly.stderr)")
        #expect(try v.run(["query", "fred.gdpc1", "--format", "csv"]).stdout.split(separator: "\n").count == 4)
    }

    @Test func aCorrectionThatDropsFiguresWarnsOnStandardError() throws {
        let v = try store(
            """
            {"type":"series","series":"kr.exports.total","frequency":"monthly"}
            {"type":"series","series":"kr.exports.autos","frequency":"monthly"}
            {"type":"release","id":"rel-jan","released_at":"2026-02-01","observations":[{"series":"kr.exports.total","period":"2026-01","value":65.8e9},{"series":"kr.exports.autos","period":"2026-01","value":60e9}]}

            """)
        defer { v.remove() }
        let fix =
            #"{"type":"correction","target":"rel-jan","reason":"typo","replacement":{"type":"release","released_at":"2026-02-01","observations":[{"series":"kr.exports.autos","period":"2026-01","value":6e9}]}}"#
        let result = try v.run(["append", "-", "--format", "csv"], stdin: fix)
        #expect(result.status == 0)
        #expect(result.stdout == "stored,duplicates,first_seq,last_seq\n1,0,4,4\n")
        #expect(
            result.stderr
                == "warning: line 1: the correction of 'rel-jan' drops 1 figure of the release it restates (series kr.exports.total); it is retracted, since a replacement release takes the whole release's place\n",
            "\(result.stderr)")
        #expect(
            try v.run(["query", "kr.exports.total", "--format", "csv"]).stdout == "series,time,value,released_at,seq\n", "the figure is retracted")
        // A whole restatement warns nothing.
        let whole =
            #"{"type":"correction","target":"rel-jan","replacement":{"type":"release","released_at":"2026-02-01","observations":[{"series":"kr.exports.autos","period":"2026-01","value":6e9},{"series":"kr.exports.total","period":"2026-01","value":65.8e9}]}}"#
        let quiet = try v.run(["append", "-"], stdin: whole)
        #expect(quiet.status == 0)
        #expect(quiet.stderr.isEmpty, "\(quiet.stderr)")
    }
}
