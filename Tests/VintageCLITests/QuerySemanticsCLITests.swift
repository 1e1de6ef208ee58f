import Foundation
import Testing

/// End-to-end tests, through the built binary, of three query semantics of issue 11:
/// `--first-release --transform` gives the change as first published, `revisions` counts
/// only vintages that changed the value, and `announcements` takes `--kind` and a `--party`
/// in any case.
@Suite struct QuerySemanticsCLITests {
    /// German GDP as a statistical office publishes it: each release brings a new quarter and
    /// revises the one before on the same day; 2009-Q1 is revised twice, once to the same
    /// value (a later file re-publishing it); the revision of 2008-Q4 published with
    /// 2009-Q1 is corrected at seq 8 (our record had it wrong).
    static let gdp = """
        {"type":"series","series":"de.gdp","unit":"index","frequency":"quarterly"}
        {"type":"release","released_at":"2008-11-13T07:00:00Z","observations":[{"series":"de.gdp","period":"2008-Q3","value":100.0}]}
        {"type":"release","released_at":"2009-02-13T07:00:00Z","observations":[{"series":"de.gdp","period":"2008-Q3","value":99.5},{"series":"de.gdp","period":"2008-Q4","value":97.9}]}
        {"type":"release","id":"may","released_at":"2009-05-15T07:00:00Z","observations":[{"series":"de.gdp","period":"2008-Q4","value":97.4},{"series":"de.gdp","period":"2009-Q1","value":93.8}]}
        {"type":"release","released_at":"2009-08-13T07:00:00Z","observations":[{"series":"de.gdp","period":"2009-Q1","value":94.0},{"series":"de.gdp","period":"2009-Q2","value":94.2}]}
        {"type":"release","released_at":"2009-11-13T07:00:00Z","observations":[{"series":"de.gdp","period":"2009-Q1","value":94.0},{"series":"de.gdp","period":"2009-Q2","value":94.2},{"series":"de.gdp","period":"2009-Q3","value":94.9}]}
        {"type":"release","released_at":"2009-12-01T07:00:00Z","observations":[{"series":"de.gdp","period":"2008-Q3","value":99.5}]}
        {"type":"correction","target":"may","reason":"2008-Q4 was keyed in wrong","replacement":{"type":"release","released_at":"2009-05-15T07:00:00Z","observations":[{"series":"de.gdp","period":"2008-Q4","value":97.5},{"series":"de.gdp","period":"2009-Q1","value":93.8}]}}

        """

    func makeStore(_ events: String) throws -> VintageProcess {
        let v = try VintageProcess()
        try v.write("events.ndjson", events)
        let append = try v.run(["append", "events.ndjson"])
        #expect(append.status == 0, "\(append.stderr)")
        return v
    }

    /// The csv rows of a successful run, without the header, each split at commas.
    func rows(_ v: VintageProcess, _ arguments: [String]) throws -> [[String]] {
        let result = try v.run(arguments + ["--format", "csv"])
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Whether a printed number is `expected` to 1e-9 relative (the last bits of a change are
    /// not what these tests are about).
    func near(_ text: String, _ expected: Double) -> Bool {
        guard let value = Double(text) else { return false }
        return abs(value - expected) <= 1e-9 * max(1, abs(expected))
    }

    static func pct(_ value: Double, _ base: Double) -> Double { (value - base) / abs(base) * 100 }

    // MARK: --first-release --transform

    @Test func firstReleaseTransformsAreTheChangeAsFirstPublished() throws {
        let v = try makeStore(Self.gdp)
        defer { v.remove() }
        // 2009-Q1 against 2008-Q4 as known on 15 May 2009 (97.5, corrected), not against its
        // first release (97.9): -3.795 %, not -4.188 %.
        let pop = try rows(v, ["query", "de.gdp", "--first-release", "--transform", "pop"])
        #expect(
            pop.map { [$0[1], $0[3], $0[4]] } == [
                ["2008-10-01T00:00:00Z", "2009-02-13T07:00:00Z", "3"], ["2009-01-01T00:00:00Z", "2009-05-15T07:00:00Z", "8"],
                ["2009-04-01T00:00:00Z", "2009-08-13T07:00:00Z", "5"], ["2009-07-01T00:00:00Z", "2009-11-13T07:00:00Z", "6"]
            ])
        let expected = [Self.pct(97.9, 99.5), Self.pct(93.8, 97.5), Self.pct(94.2, 94.0), Self.pct(94.9, 94.2)]
        #expect(pop.count == 4 && zip(pop, expected).allSatisfy { near($0[2], $1) }, "\(pop)")
        // diff, from a base before --from, as json.
        let diff = try v.run(["query", "de.gdp", "--first-release", "--transform", "diff", "--from", "2009-Q1", "--to", "2009-Q2", "--format", "json"]
        )
        let object = try JSONSerialization.jsonObject(with: Data(diff.stdout.utf8)) as? [String: Any]
        #expect((object?["value"] as? Double).map { abs($0 - (93.8 - 97.5)) < 1e-9 } == true, "\(diff.stdout)")
        // Before the correction (--at-seq 7) the base is the figure as first recorded (97.4).
        let before = try rows(
            v, ["query", "de.gdp", "--first-release", "--transform", "pop", "--at-seq", "7", "--from", "2009-Q1", "--to", "2009-Q2"])
        #expect(before.count == 1 && near(before[0][2], Self.pct(93.8, 97.4)), "\(before)")
        // --as-of a day before 2009-Q2's first release, with --latest: 2009-Q1 as first published.
        let asOf = try rows(v, ["query", "de.gdp", "--first-release", "--transform", "pop", "--as-of", "2009-08-12", "--latest"])
        #expect(asOf.count == 1 && asOf[0][1] == "2009-01-01T00:00:00Z" && near(asOf[0][2], Self.pct(93.8, 97.5)), "\(asOf)")
        // yoy: 2009-Q3 against 2008-Q3 as known on 13 November 2009 (99.5; its re-publication
        // of 1 December changes nothing).
        let yoy = try rows(v, ["query", "de.gdp", "--first-release", "--transform", "yoy"])
        #expect(yoy.count == 1 && yoy[0][1] == "2009-07-01T00:00:00Z" && near(yoy[0][2], Self.pct(94.9, 99.5)), "\(yoy)")
        // With --agg --bucket the buckets hold first releases and compare with each other.
        let buckets = try rows(
            v, ["query", "de.gdp", "--first-release", "--agg", "last", "--bucket", "1q", "--transform", "pop", "--from", "2009-Q1", "--to", "2009-Q2"]
        )
        #expect(buckets.count == 1 && near(buckets[0][2], Self.pct(93.8, 97.9)), "\(buckets)")
    }

    @Test func aFirstReleaseBeforeItsBaseWasPublishedHasNoChange() throws {
        let v = try makeStore(
            """
            {"type":"series","series":"m","frequency":"monthly"}
            {"type":"observation","series":"m","period":"2026-01","value":10,"released_at":"2026-02-05T00:00:00Z"}
            {"type":"observation","series":"m","period":"2026-03","value":15,"released_at":"2026-04-05T00:00:00Z"}
            {"type":"observation","series":"m","period":"2026-02","value":12,"released_at":"2026-04-10T00:00:00Z"}

            """)
        defer { v.remove() }
        // March was published before February: no March row as first published.
        #expect(try rows(v, ["query", "m", "--first-release", "--transform", "diff"]).map { [$0[1], $0[2]] } == [["2026-02-01T00:00:00Z", "2"]])
        #expect(
            try rows(v, ["query", "m", "--transform", "diff"]).map { [$0[1], $0[2]] } == [
                ["2026-02-01T00:00:00Z", "2"], ["2026-03-01T00:00:00Z", "3"]
            ])
    }

    // MARK: revisions

    @Test func revisionsCountOnlyVintagesThatChangedTheValue() throws {
        // One file per vintage, as ALFRED's all-vintages download: every release restates
        // every quarter; 2008-Q3 changes once in 80 files, 2008-Q4 twice (back to its first value).
        let stamp = { (n: Int) in ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: 1_230_768_000 + Double(30 * n * 86_400))) }
        var lines = [#"{"type":"series","series":"fred.gdp","frequency":"quarterly"}"#]
        for n in 0..<80 {
            let q3 = n < 40 ? "100.5" : "101.5"
            let q4 = n < 10 ? "7" : n < 20 ? "8" : "7"
            lines.append(
                #"{"type":"release","released_at":"\#(stamp(n))","observations":[{"series":"fred.gdp","period":"2008-Q3","value":\#(q3)},{"series":"fred.gdp","period":"2008-Q4","value":\#(q4)}]}"#
            )
        }
        let v = try makeStore(lines.joined(separator: "\n") + "\n")
        defer { v.remove() }
        let revisions = try rows(v, ["revisions", "fred.gdp"])
        #expect(revisions.count == 3, "\(revisions)")
        // first_released_at, latest_value, latest_released_at (the release that set it), revisions.
        #expect(revisions.first.map { [$0[3], $0[4], $0[5], $0[6]] } == [stamp(0), "101.5", stamp(40), "1"])
        #expect(revisions.dropFirst().first.map { [$0[3], $0[4], $0[5], $0[6]] } == [stamp(0), "7", stamp(20), "2"])
        // As of the 30th file: 2008-Q3 never changed; 2008-Q4 changed twice.
        let asOf = try rows(v, ["revisions", "fred.gdp", "--as-of", stamp(29)])
        #expect(asOf.prefix(2).map { [$0[4], $0[5], $0[6]] } == [["100.5", stamp(0), "0"], ["7", stamp(20), "2"]])
        // history still lists every vintage: a re-publication at another release time is a vintage.
        #expect(try rows(v, ["history", "fred.gdp", "2008-Q3"]).count == 80)
    }

    @Test func aRestatementOfTheSameVintageKeepsItsFirstSeqAndStatus() throws {
        let v = try makeStore(
            """
            {"type":"series","series":"x","frequency":"monthly"}
            {"type":"observation","series":"x","period":"2026-01","value":5,"released_at":"2026-02-01T00:00:00Z","status":"preliminary"}
            {"type":"release","released_at":"2026-02-01T00:00:00Z","status":"final","observations":[{"series":"x","period":"2026-M01","value":5}]}
            {"type":"observation","series":"x","period":"2026-01","value":5,"released_at":"2026-03-01T00:00:00Z","status":"final"}
            {"type":"observation","series":"x","period":"2026-01","value":6,"released_at":"2026-04-01T00:00:00Z"}

            """)
        defer { v.remove() }
        // history: the restatement of the first vintage (seq 3) adds nothing; the
        // re-publication of 1 March is a vintage of its own.
        let history = try v.run(["history", "x", "2026-01", "--format", "csv"])
        #expect(history.status == 0, "\(history.stderr)")
        let lines = history.stdout.split(separator: "\n").dropFirst()
        #expect(lines.count == 3, "\(history.stdout)")
        #expect(lines.first?.contains("2026-02-01T00:00:00Z,2,preliminary,5") == true, "\(history.stdout)")
        // revisions: one change (5 -> 6), set on 1 April.
        let revisions = try rows(v, ["revisions", "x"])
        #expect(revisions.first.map { [$0[2], $0[3], $0[4], $0[5], $0[6]] } == ["5", "2026-02-01T00:00:00Z", "6", "2026-04-01T00:00:00Z", "1"])
    }

    // MARK: announcements

    static let announcements = """
        {"type":"series","series":"us.tariff.kr","frequency":"irregular"}
        {"type":"announcement","id":"a-deal","released_at":"2025-10-29T12:00:00Z","kind":"tariff","title":"US cuts tariffs to 15%","parties":["US","KR"],"series":"us.tariff.kr","effective":"2025-11-01","value":15}
        {"type":"announcement","id":"a-talks","released_at":"2026-01-10T00:00:00Z","kind":"note","title":"Talks in Seoul","parties":["KR","JP"]}
        {"type":"announcement","id":"a-quota","released_at":"2026-01-20T00:00:00Z","kind":"Tariff","title":"Quota","parties":["jp"]}

        """

    @Test func announcementsTakeAKindExactlyAndAPartyInAnyCase() throws {
        let v = try makeStore(Self.announcements)
        defer { v.remove() }
        func ids(_ arguments: String...) throws -> [String] { try rows(v, ["announcements"] + arguments).map { $0[9] } }
        #expect(try ids("--kind", "tariff") == ["a-deal"])
        #expect(try ids("--kind", "Tariff") == ["a-quota"])
        #expect(try ids("--kind", "TARIFF") == [])
        #expect(try ids("--party", "kr") == ["a-deal", "a-talks"])
        #expect(try ids("--party", "JP") == ["a-talks", "a-quota"])
        #expect(try ids("--party", "Jp", "--kind", "note") == ["a-talks"])
        let help = try v.run(["announcements", "--help"])
        #expect(help.stdout.contains("--kind <kind>") && help.stdout.contains("in any case"), "\(help.stdout)")
    }
}
