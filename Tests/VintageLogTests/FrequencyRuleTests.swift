import Testing
import VintageCore

@testable import VintageLog

/// A figure's period must fit its series' frequency at append (issue 11, point 5); the log
/// keeps the frequency in force in an index table, rebuilt when missing or stale.
@Suite struct FrequencyRuleTests {
    static let quarterly = #"{"type":"series","series":"fred.gdpc1","frequency":"quarterly"}"#

    static func gdp(_ period: String, value: String = "1", releasedAt: String = "2016-04-28T00:00:00Z", id: String? = nil) -> String {
        Lines.observation("fred.gdpc1", period: period, value: value, releasedAt: releasedAt, id: id)
    }

    @Test func aPeriodThatDoesNotFitTheFrequencyIsRefusedNamingLineSeriesAndFrequency() throws {
        let f = try LogFixture()
        try f.append(Self.quarterly)
        let error = try #require(try f.rejection([Self.gdp("2016-Q1"), Self.gdp("2016-03")].joined(separator: "\n")))
        #expect(error.line == 2)
        #expect(error.field == "period")
        #expect(
            error.description
                == "line 2: field 'period': 2016-03 does not fit the quarterly series 'fred.gdpc1': its periods start on the first day of a quarter (e.g. 2016-Q1 or 2016-04)"
        )
        #expect(try f.log.lastSeq() == 1, "nothing of the refused input is stored")
    }

    @Test func spellingsOfAQuartersStartAreTheSamePoint() throws {
        let f = try LogFixture()
        try f.append(Self.quarterly)
        let outcome = try f.append([Self.gdp("2016-Q1"), Self.gdp("2016-01"), Self.gdp("2016-01-01"), Self.gdp("2016-04")].joined(separator: "\n"))
        #expect(outcome.stored == 4)
        #expect(Int64(try f.log.liveVintages().count) == 2)
    }

    @Test(arguments: [
        ("monthly", "2016-03", "2016-03-02"), ("annual", "2016", "2016-07"), ("weekly", "2016-W11", "2016-03-13"),
        ("daily", "2016-03-13", "2016-03-13T06:00:00Z"), ("irregular", "2016-03-13T06:00:00Z", nil), ("", "2016-03-13T06:00:00Z", nil)
    ])
    func eachFrequencyTakesItsPeriods(frequency: String, fits: String, misfit: String?) throws {
        let f = try LogFixture()
        try f.append(frequency.isEmpty ? #"{"type":"series","series":"s"}"# : #"{"type":"series","series":"s","frequency":"\#(frequency)"}"#)
        #expect(try f.append(Lines.observation("s", period: fits)).stored == 1)
        if let misfit {
            let error = try #require(try f.rejection(Lines.observation("s", period: misfit)))
            #expect(error.description.contains("does not fit the \(frequency) series 's'"), "\(error)")
        }
    }

    @Test func aSeriesDefinedInTheSameInputIsCheckedFromItsDefinitionOn() throws {
        let f = try LogFixture()
        #expect(try f.append([Self.quarterly, Self.gdp("2016-Q2")].joined(separator: "\n")).stored == 2)
        let error = try #require(
            try f.rejection(
                [
                    #"{"type":"series","series":"m","frequency":"monthly"}"#,
                    Lines.observation("m", period: "2016-03-15")
                ].joined(separator: "\n")))
        #expect(error.line == 2)
    }

    @Test func releasesAnnouncementsAndReplacementsAreCheckedToo() throws {
        let f = try LogFixture()
        try f.append([Self.quarterly, Self.gdp("2016-Q1", id: "o1")].joined(separator: "\n"))
        let release =
            #"{"type":"release","released_at":"2016-04-28T00:00:00Z","observations":[{"series":"fred.gdpc1","period":"2016-Q2","value":1},{"series":"fred.gdpc1","period":"2016-05","value":1}]}"#
        let inRelease = try #require(try f.rejection(release))
        #expect(inRelease.field == "observations[1].period")
        let announcement =
            #"{"type":"announcement","released_at":"2016-04-28T00:00:00Z","kind":"k","title":"t","series":"fred.gdpc1","effective":"2016-05-01","value":2}"#
        let inAnnouncement = try #require(try f.rejection(announcement))
        #expect(inAnnouncement.field == "effective")
        #expect(inAnnouncement.reason.contains("2016-05-01 does not fit the quarterly series"))
        let correction =
            #"{"type":"correction","target":"o1","replacement":{"type":"observation","series":"fred.gdpc1","period":"2016-03","value":1,"released_at":"2016-04-28T00:00:00Z"}}"#
        let inReplacement = try #require(try f.rejection(correction))
        #expect(inReplacement.field == "replacement.period")
        // An announcement with effective alone states no figure: nothing to fit.
        #expect(
            try f.append(#"{"type":"announcement","released_at":"2016-04-28T00:00:00Z","kind":"k","title":"t","effective":"2016-05-17"}"#).stored == 1
        )
    }

    @Test func aLaterDefinitionChangesTheFrequencyInForceWithoutRecheckingHistory() throws {
        let f = try LogFixture()
        try f.append([#"{"type":"series","series":"s","id":"d1"}"#, Lines.observation("s", period: "2016-03")].joined(separator: "\n"))
        // Quarterly from now on: the March figure already stored stays.
        #expect(try f.append(#"{"type":"series","series":"s","id":"d2","frequency":"quarterly"}"#).stored == 1)
        #expect(try f.rejection(Lines.observation("s", period: "2016-05")) != nil)
        // A definition that names no frequency leaves it in force.
        try f.append(#"{"type":"series","series":"s","id":"d3","name":"S"}"#)
        #expect(try f.rejection(Lines.observation("s", period: "2016-05")) != nil)
        // Monthly from now on.
        try f.append(#"{"type":"series","series":"s","id":"d4","frequency":"monthly"}"#)
        #expect(try f.append(Lines.observation("s", period: "2016-05")).stored == 1)
        // Correcting the monthly definition to weekly: weekly is in force (it keeps d4's place).
        try f.append(#"{"type":"correction","target":"d4","replacement":{"type":"series","series":"s","frequency":"weekly"}}"#)
        #expect(try f.rejection(Lines.observation("s", period: "2016-06")) != nil)
        #expect(try f.append(Lines.observation("s", period: "2016-W23")).stored == 1)
        // Retracting it: the quarterly definition d2 is in force again.
        try f.append(#"{"type":"retraction","target":"d4"}"#)
        #expect(try f.rejection(Lines.observation("s", period: "2016-W24")) != nil)
        #expect(try f.append(Lines.observation("s", period: "2016-Q3")).stored == 1)
        #expect(try f.log.verify().isIntact)
    }

    @Test func aTableMissingOrLeftStaleByAnOlderBuildIsRebuiltFromTheLog() throws {
        let f = try LogFixture()
        try f.append(
            [
                Self.quarterly, #"{"type":"series","series":"m","id":"m1","frequency":"annual"}"#,
                #"{"type":"correction","target":"m1","replacement":{"type":"series","series":"m","frequency":"monthly"}}"#
            ].joined(separator: "\n"))
        // A store written before the rule: no table, no marker.
        try f.tamper("DROP TABLE series_frequencies; DELETE FROM store_meta WHERE key = 'frequencies_through';")
        #expect(try f.log.verify().isIntact)
        #expect(try f.rejection(Self.gdp("2016-03")) != nil)
        #expect(try f.append(Lines.observation("m", period: "2016-03")).stored == 1, "the correction's frequency is in force")
        #expect(try f.log.verify().isIntact)
        // An older build appended after the table was made: the marker lags the log.
        try f.tamper("DELETE FROM series_frequencies; UPDATE store_meta SET value = '1' WHERE key = 'frequencies_through';")
        #expect(try f.log.verify().isIntact, "a stale table is not compared: the next append rebuilds it")
        #expect(try f.rejection(Self.gdp("2016-03")) != nil)
        #expect(try f.rejection(Lines.observation("m", period: "2016-03-02")) != nil)
        // A refused append rolls the rebuild back with everything else; a stored one keeps it.
        #expect(try f.append(Self.gdp("2016-Q3")).stored == 1)
        #expect(try f.count("SELECT count(*) FROM series_frequencies") == 2)
        #expect(try f.log.verify().isIntact)
    }

    @Test func verifyComparesTheTableWithTheLog() throws {
        let f = try LogFixture()
        try f.append(Self.quarterly)
        #expect(try f.log.verify().isIntact)
        try f.tamper("UPDATE series_frequencies SET frequency = 'monthly'")
        let report = try f.log.verify()
        #expect(report.problems.contains { $0.contains("series_frequencies") }, "\(report.problems)")
    }
}
