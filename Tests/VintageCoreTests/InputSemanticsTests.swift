import Testing

@testable import VintageCore

/// Issue 11, points 1–5 at the event level: announcements with `effective` alone,
/// case-insensitive series ids, date-only `released_at`, a release entry's own status, and
/// which periods fit which frequency.
@Suite("Input semantics: ids in any case, dates as release times, entry status, effective alone, frequency fit")
struct InputSemanticsTests {
    // MARK: 1. effective alone

    @Test("an announcement may name effective alone: it takes effect that day and states no figure")
    func effectiveAlone() throws {
        let event = try decodeEvent(
            #"{"type":"announcement","released_at":"2026-01-26T22:00:00Z","kind":"trade deal","title":"Deal in force","effective":"2026-03-01"}"#)
        guard case .announcement(let a) = event else { Issue.record("not an announcement: \(event)"); return }
        #expect(a.step == nil)
        #expect(a.effective == (try Period("2026-03-01")))
        #expect(event.statedFigures.isEmpty)
        #expect(
            canonicalText(event)
                == #"{"type":"announcement","released_at":"2026-01-26T22:00:00Z","kind":"trade deal","title":"Deal in force","effective":"2026-03-01"}"#
        )
        #expect(try Event(canonicalJSON: event.canonicalJSON) == event)
        // Not the same content as the announcement without effective.
        let without = try decodeEvent(#"{"type":"announcement","released_at":"2026-01-26T22:00:00Z","kind":"trade deal","title":"Deal in force"}"#)
        #expect(without.canonicalJSON != event.canonicalJSON)
    }

    @Test("with a step, the announcement's effective is the step's")
    func effectiveOfAStep() throws {
        let step = Announcement.Step(series: try SeriesID("us.tariff.kr"), effective: try Period("2026-02-01"), value: 25)
        let a = Announcement(releasedAt: utc("2026-01-26T22:00:00Z"), kind: "tariff", title: "t", effective: try Period("2027-01-01"), step: step)
        #expect(a.effective == step.effective)
        #expect(a == Announcement(releasedAt: utc("2026-01-26T22:00:00Z"), kind: "tariff", title: "t", step: step))
    }

    @Test("a correction's replacement announcement may name effective alone")
    func effectiveAloneInAReplacement() throws {
        let event = try decodeEvent(
            #"{"type":"correction","target":"a1","replacement":{"type":"announcement","released_at":"2026-01-26T22:00:00Z","kind":"deal","title":"t","effective":"2026-03"}}"#
        )
        guard case .correction(let c) = event, case .announcement(let a) = c.replacement else { Issue.record("\(event)"); return }
        #expect(a.effective?.start == utc("2026-03-01T00:00:00Z"))
        #expect(a.step == nil)
    }

    // MARK: 2. series ids in any case

    @Test(
        "a series id in upper or mixed case is read, kept and printed in lower case",
        arguments: [
            ("FRED.GDPC1", "fred.gdpc1"), ("Kr.Exports.Total", "kr.exports.total"), ("BBK01/JJ5000:Q", "bbk01/jj5000:q"), ("a", "a")
        ])
    func seriesIDCase(input: String, stored: String) throws {
        let id = try SeriesID(input)
        #expect(id.rawValue == stored)
        #expect(id.description == stored)
        #expect(id == (try SeriesID(stored)))
    }

    @Test("an invalid id in upper case is quoted as written")
    func invalidUpperCase() {
        #expect(throws: IdentifierSyntaxError("a series id uses only a-z (A-Z read as a-z), 0-9 and . _ - / : (found 'FRED GDP')")) {
            try SeriesID("FRED GDP")
        }
        #expect(throws: IdentifierSyntaxError.self) { try SeriesID("ÄB") }
    }

    @Test("every place an event names a series reads it in lower case")
    func seriesIDsInEvents() throws {
        let input = """
            {"type":"series","series":"FRED.GDPC1","frequency":"quarterly"}
            {"type":"observation","series":"FRED.gdpc1","period":"2016-Q1","value":1,"released_at":"2016-04-28"}
            {"type":"release","released_at":"2016-04-28T00:00:00Z","observations":[{"series":"FRED.GDPC1","period":"2016-01","value":1}]}
            {"type":"announcement","released_at":"2016-04-28T00:00:00Z","kind":"k","title":"t","series":"US.Tariff.KR","effective":"2016-05-01","value":2}
            {"type":"correction","target":"x","replacement":{"type":"observation","series":"FRED.GDPC1","period":"2016-01","value":2,"released_at":"2016-04-28T00:00:00Z"}}
            """
        let events = try decodeEvents(input).map(\.event)
        guard case .series(let d) = events[0] else { Issue.record("\(events[0])"); return }
        #expect(d.series.rawValue == "fred.gdpc1")
        #expect(events[1].statedFigures.map(\.series.rawValue) == ["fred.gdpc1"])
        #expect(events[2].statedFigures.map(\.series.rawValue) == ["fred.gdpc1"])
        #expect(events[3].statedFigures.map(\.series.rawValue) == ["us.tariff.kr"])
        guard case .correction(let c) = events[4] else { Issue.record("\(events[4])"); return }
        #expect(c.replacement.statedFigures.map(\.series.rawValue) == ["fred.gdpc1"])
        for event in events { #expect(!canonicalText(event).contains("FRED"), "\(canonicalText(event))") }
    }

    @Test("the same figure with its series id in upper case is the same content: same canonical bytes, same derived id")
    func upperCaseIsTheSameContent() throws {
        let lower = try decodeEvents(
            #"{"type":"observation","series":"fred.gdpc1","period":"2016-Q1","value":1,"released_at":"2016-04-28T00:00:00Z"}"#)[0]
        let upper = try decodeEvents(
            #"{"type":"observation","series":"FRED.GDPC1","period":"2016-Q1","value":1,"released_at":"2016-04-28T00:00:00Z"}"#)[0]
        #expect(PreparedEvent(lower).body == PreparedEvent(upper).body)
        #expect(PreparedEvent(lower).id == PreparedEvent(upper).id)
    }

    // MARK: 3. date-only released_at

    @Test(
        "a date-only released_at is the start of that day UTC, wherever released_at appears",
        arguments: [
            #"{"type":"observation","series":"s","period":"2016-Q1","value":1,"released_at":"2020-02-01"}"#,
            #"{"type":"release","released_at":"2020-02-01","observations":[{"series":"s","period":"2016-01","value":1}]}"#,
            #"{"type":"announcement","released_at":"2020-02-01","kind":"k","title":"t","series":"s","effective":"2016-01","value":1}"#,
            #"{"type":"correction","target":"x","replacement":{"type":"observation","series":"s","period":"2016-Q1","value":1,"released_at":"2020-02-01"}}"#
        ])
    func dateOnlyReleasedAt(input: String) throws {
        let event = try decodeEvent(input)
        var figures = event.statedFigures
        if case .correction(let c) = event { figures = c.replacement.statedFigures }
        #expect(figures.map(\.releasedAt) == [utc("2020-02-01T00:00:00Z")])
        #expect(canonicalText(event).contains(#""released_at":"2020-02-01T00:00:00Z""#))
    }

    @Test("a date and midnight UTC are the same content: same derived id")
    func dateIsTheSameContentAsMidnight() throws {
        let date = try decodeEvents(#"{"type":"observation","series":"s","period":"2016-Q1","value":1,"released_at":"2020-02-01"}"#)[0]
        let midnight = try decodeEvents(#"{"type":"observation","series":"s","period":"2016-Q1","value":1,"released_at":"2020-02-01T00:00:00Z"}"#)[0]
        #expect(PreparedEvent(date).id == PreparedEvent(midnight).id)
    }

    @Test(
        "a bad released_at says why and gives its example once",
        arguments: [
            (#""2020-02-30""#, "2020-02-30 is not a calendar date"),
            (#""2020-02""#, "expected a date YYYY-MM-DD"),
            (#""2020-02-01T10:00""#, "needs Z or an offset")
        ])
    func badReleasedAt(value: String, reason: String) throws {
        let error = try #require(rejection(of: observation("released_at", value)))
        #expect(error.field == "released_at")
        #expect(error.reason.contains(reason), "\(error)")
        #expect(error.reason.contains("2020-02-01") || error.reason.contains("2026-02-01"), "\(error)")
        let examples = error.description.components(separatedBy: "e.g.").count - 1
        #expect(examples == 1, "the example appears once: \(error)")
    }

    // MARK: 4. a release entry's own status

    @Test("a release entry's own status wins over the release's")
    func entryStatus() throws {
        let event = try decodeEvent(
            #"""
            {"type":"release","released_at":"2026-02-01T00:00:00Z","status":"preliminary","observations":[{"series":"a","period":"2026-01","value":1,"status":"final"},{"series":"b","period":"2026-01","value":2}]}
            """#)
        #expect(event.statedFigures.map(\.status) == ["final", "preliminary"])
        guard case .release(let r) = event else { Issue.record("\(event)"); return }
        #expect(r.entries.map(\.status) == ["final", nil])
        #expect(
            canonicalText(event)
                == #"{"type":"release","released_at":"2026-02-01T00:00:00Z","status":"preliminary","observations":[{"series":"a","period":"2026-01","value":1,"status":"final"},{"series":"b","period":"2026-01","value":2}]}"#
        )
        #expect(try Event(canonicalJSON: event.canonicalJSON) == event)
        let unstated = try decodeEvent(
            #"{"type":"release","released_at":"2026-02-01T00:00:00Z","observations":[{"status":"E","series":"a","period":"2026-01","value":1}]}"#)
        #expect(unstated.statedFigures.map(\.status) == ["E"])
    }

    @Test("a release entry's status is a string, once")
    func badEntryStatus() throws {
        let number = try #require(
            rejection(
                of:
                    #"{"type":"release","released_at":"2026-02-01T00:00:00Z","observations":[{"series":"a","period":"2026-01","value":1,"status":1}]}"#
            ))
        #expect(number.field == "observations[0].status")
        #expect(number.reason.contains("expected a string"))
        let twice = try #require(
            rejection(
                of:
                    #"{"type":"release","released_at":"2026-02-01T00:00:00Z","observations":[{"series":"a","period":"2026-01","value":1,"status":"a","status":"b"}]}"#
            ))
        #expect(twice.field == "observations[0].status")
        #expect(twice.reason == "appears twice")
        let other = try #require(
            rejection(
                of:
                    #"{"type":"release","released_at":"2026-02-01T00:00:00Z","observations":[{"series":"a","period":"2026-01","value":1,"source":"b"}]}"#
            ))
        #expect(other.reason.contains("series, period, value, status"))
    }

    // MARK: 5. which periods fit which frequency

    @Test(
        "on a quarterly series 2016-Q1, 2016-01 and 2016-01-01 fit; 2016-03 does not",
        arguments: [
            ("2016-Q1", true), ("2016-01", true), ("2016-01-01", true), ("2016-M04", true), ("2016-S2", true), ("2016", true),
            ("2016-01-01T00:00:00Z", true), ("2016-03", false), ("2016-02-01", false), ("2016-01-02", false), ("2016-W01", false),
            ("2016-01-01T00:00:01Z", false), ("2016-01-01T00:00:00+01:00", false), ("1969-10", true), ("1969-11", false)
        ])
    func quarterly(period: String, fits: Bool) throws {
        #expect(Frequency.quarterly.admits(try Period(period).start) == fits)
    }

    @Test(
        "every frequency's rule",
        arguments: [
            (Frequency.monthly, "2016-03", true), (.monthly, "2016-03-02", false), (.monthly, "2016-Q2", true),
            (.annual, "2016", true), (.annual, "2016-A1", true), (.annual, "2016-02", false), (.annual, "2016-Q2", false),
            (.weekly, "2016-W11", true), (.weekly, "2016-03-14", true), (.weekly, "2016-03-13", false), (.weekly, "1970-01-05", true),
            (.weekly, "1969-12-29", true), (.weekly, "1969-12-28", false),
            (.daily, "2016-03-13", true), (.daily, "2016-D073", true), (.daily, "2016-03-13T12:00:00Z", false), (.daily, "1969-12-31", true),
            (.irregular, "2016-03-13T12:34:56.789Z", true), (.irregular, "2016-Q1", true)
        ])
    func frequencyRules(frequency: Frequency, period: String, fits: Bool) throws {
        #expect(frequency.admits(try Period(period).start) == fits)
    }

    @Test("each frequency's own example fits it")
    func examplesFit() throws {
        for frequency in Frequency.allCases where frequency != .irregular {
            let example = try #require(frequency.periodStart.split(separator: "e.g. ").last?.split(separator: " ").first)
            #expect(frequency.admits(try Period(String(example.filter { $0 != ")" })).start), "\(frequency): \(example)")
        }
    }
}
