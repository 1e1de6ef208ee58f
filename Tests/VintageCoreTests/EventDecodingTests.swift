import Testing

@testable import VintageCore

@Suite("Decoding every event type of SPEC.md")
struct EventDecodingTests {
    static let released = utc("2026-02-01T00:00:00Z")

    @Test("every field name is recognised by its UTF-8 bytes, and nothing else is")
    func fieldNames() {
        func field(_ name: String) -> EventDecoder.Field? {
            Array(name.utf8).withUnsafeBufferPointer { EventDecoder.Field(utf8: $0) }
        }
        for f in EventDecoder.Field.allCases { #expect(field(f.rawValue) == f, "\(f)") }
        for name in [
            "", "i", "ID", "types", "typ", "seriesx", "released", "releasedat", "replacemen", "observation", "xyz", "tag", "status ", "effectivE"
        ] {
            #expect(field(name) == nil, "\(name)")
        }
    }

    @Test("a series event with every field")
    func seriesEvent() throws {
        let event = try decodeEvent(
            #"""
            {"type":"series","series":"kr.exports.total","name":"South Korea exports, total","unit":"USD","frequency":"monthly","tags":{"country":"KR","flow":"export","product":"total"}}
            """#)
        let expected = Event.series(
            SeriesDefinition(
                series: try SeriesID("kr.exports.total"), name: "South Korea exports, total", unit: "USD", frequency: .monthly,
                tags: ["country": "KR", "flow": "export", "product": "total"]))
        #expect(event == expected)
        #expect(event.type == .series)
        #expect(event.statedFigures.isEmpty)
    }

    @Test("a series event needs only its series; absent fields stay nil")
    func minimalSeriesEvent() throws {
        let event = try decodeEvent(#"{"type":"series","series":"kr.exports.total"}"#)
        guard case .series(let s) = event else { Issue.record("not a series event: \(event)"); return }
        #expect(s.series.rawValue == "kr.exports.total")
        #expect(s.name == nil && s.unit == nil && s.frequency == nil && s.tags == nil)
    }

    @Test("every frequency of SPEC.md is accepted", arguments: Frequency.allCases)
    func frequencies(frequency: Frequency) throws {
        let event = try decodeEvent(#"{"type":"series","series":"s","frequency":"\#(frequency.rawValue)"}"#)
        guard case .series(let s) = event else { Issue.record("not a series event"); return }
        #expect(s.frequency == frequency)
    }

    @Test("empty tags are kept as an empty map, not as absent")
    func emptyTags() throws {
        guard case .series(let s) = try decodeEvent(#"{"type":"series","series":"s","tags":{}}"#) else {
            Issue.record("not a series event"); return
        }
        #expect(s.tags == [:])
    }

    @Test("an observation with source and status")
    func observationEvent() throws {
        let event = try decodeEvent(
            #"""
            {"type":"observation","series":"kr.exports.total","period":"2026-01","value":65.8e9,"released_at":"2026-02-01T00:00:00Z","source":"MOTIE","status":"preliminary"}
            """#)
        let expected = Event.observation(
            Observation(
                series: try SeriesID("kr.exports.total"), period: try Period("2026-01"), value: 65.8e9,
                releasedAt: Self.released, source: "MOTIE", status: "preliminary"))
        #expect(event == expected)
        #expect(
            event.statedFigures == [
                Figure(
                    series: try SeriesID("kr.exports.total"), period: try Period("2026-01"),
                    value: 65_800_000_000, releasedAt: Self.released, status: "preliminary")
            ])
    }

    @Test("an observation without source and status")
    func observationWithoutOptionals() throws {
        let event = try decodeEvent(#"{"type":"observation","series":"s","period":"2026-Q1","value":-1.5,"released_at":"2026-04-15T09:00:00+09:00"}"#)
        guard case .observation(let o) = event else { Issue.record("not an observation"); return }
        #expect(o.source == nil && o.status == nil)
        #expect(o.value == -1.5)
        #expect(o.releasedAt == utc("2026-04-15T00:00:00Z"))
        #expect(o.period.kind == .quarter)
    }

    @Test("a release with its figures in input order, sharing release time, source and status")
    func releaseEvent() throws {
        let event = try decodeEvent(
            #"""
            {"type":"release","source":"MOTIE","released_at":"2026-02-01T00:00:00Z","title":"Trade statistics, January 2026", "observations":[{"series":"kr.exports.total","period":"2026-01","value":65.8e9}, {"series":"kr.exports.semiconductors","period":"2026-01","value":20.5e9}]}
            """#)
        let expected = Event.release(
            Release(
                releasedAt: Self.released, source: "MOTIE", title: "Trade statistics, January 2026", status: nil,
                entries: [
                    Release.Entry(series: try SeriesID("kr.exports.total"), period: try Period("2026-01"), value: 65.8e9),
                    Release.Entry(series: try SeriesID("kr.exports.semiconductors"), period: try Period("2026-01"), value: 20.5e9)
                ]))
        #expect(event == expected)
        let figures = event.statedFigures
        #expect(figures.map(\.series.rawValue) == ["kr.exports.total", "kr.exports.semiconductors"])
        #expect(figures.allSatisfy { $0.releasedAt == Self.released && $0.status == nil })
        var indices: [Int] = []
        event.forEachFigure { i, _ in indices.append(i) }
        #expect(indices == [0, 1])
    }

    @Test("a release with only released_at and observations, and a status for every figure")
    func minimalRelease() throws {
        let event = try decodeEvent(
            #"{"type":"release","released_at":"2026-02-01T00:00:00Z","status":"final","observations":[{"value":1,"period":"2026","series":"a"}]}"#)
        guard case .release(let r) = event else { Issue.record("not a release"); return }
        #expect(r.source == nil && r.title == nil)
        #expect(r.status == "final")
        #expect(r.entries.count == 1)
        #expect(event.statedFigures.map(\.status) == ["final"])
    }

    @Test("an announcement with series, effective and value records a step")
    func announcementWithStep() throws {
        let event = try decodeEvent(
            #"""
            {"type":"announcement","released_at":"2026-01-26T22:00:00Z","source":"US President","kind":"tariff","title":"US raises tariffs on South Korean goods to 25% from 15%","parties":["US","KR"],"effective":"2026-02-01","series":"us.tariff.kr","value":25,"text":"..."}
            """#)
        let expected = Event.announcement(
            Announcement(
                releasedAt: utc("2026-01-26T22:00:00Z"), source: "US President", kind: "tariff",
                title: "US raises tariffs on South Korean goods to 25% from 15%", parties: ["US", "KR"], text: "...", tags: nil,
                step: Announcement.Step(series: try SeriesID("us.tariff.kr"), effective: try Period("2026-02-01"), value: 25)))
        #expect(event == expected)
        let figures = event.statedFigures
        #expect(figures.count == 1)
        #expect(figures.first?.period.start == utc("2026-02-01T00:00:00Z"))
        #expect(figures.first?.releasedAt == utc("2026-01-26T22:00:00Z"))
        #expect(figures.first?.value == 25)
    }

    @Test("an announcement without the step states no figure; absent optionals stay nil")
    func announcementWithoutStep() throws {
        let event = try decodeEvent(#"{"type":"announcement","released_at":"2026-01-26T22:00:00Z","kind":"tariff","title":"Tariffs considered"}"#)
        let expected = Event.announcement(Announcement(releasedAt: utc("2026-01-26T22:00:00Z"), kind: "tariff", title: "Tariffs considered"))
        #expect(event == expected)
        #expect(event.statedFigures.isEmpty)
    }

    @Test("an announcement keeps its tags and empty parties")
    func announcementTags() throws {
        let event = try decodeEvent(
            #"{"type":"announcement","released_at":"2026-01-26T22:00:00Z","kind":"k","title":"t","parties":[],"tags":{"topic":"steel"}}"#)
        guard case .announcement(let a) = event else { Issue.record("not an announcement"); return }
        #expect(a.parties == [])
        #expect(a.tags == ["topic": "steel"])
    }

    @Test("a correction carries a complete replacement event")
    func correctionEvent() throws {
        let event = try decodeEvent(
            #"""
            {"type":"correction","target":"obs-17","reason":"typo: 60e9 entered for 6.0e9","replacement":{"type":"observation","series":"kr.exports.autos","period":"2026-01","value":6.0e9,"released_at":"2026-02-01T00:00:00Z"}}
            """#)
        let replacement = Event.observation(
            Observation(
                series: try SeriesID("kr.exports.autos"), period: try Period("2026-01"),
                value: 6e9, releasedAt: Self.released))
        #expect(event == .correction(Correction(target: try EventID("obs-17"), reason: "typo: 60e9 entered for 6.0e9", replacement: replacement)))
        guard case .correction(let c) = event else { Issue.record("not a correction"); return }
        #expect(c.replacement == replacement)
        #expect(event.statedFigures.isEmpty, "a correction states nothing itself")
    }

    @Test("a correction may replace a release or an announcement, and needs no reason")
    func correctionOfRelease() throws {
        let event = try decodeEvent(
            #"{"type":"correction","target":"r1","replacement":{"type":"release","released_at":"2026-02-01T00:00:00Z","observations":[{"series":"a","period":"2026-01","value":2}]}}"#
        )
        guard case .correction(let c) = event else { Issue.record("not a correction"); return }
        #expect(c.reason == nil)
        #expect(c.replacement.type == .release)
        let other = try decodeEvent(
            #"{"type":"correction","target":"a1","replacement":{"type":"announcement","released_at":"2026-01-26T22:00:00Z","kind":"k","title":"t"}}"#)
        guard case .correction(let c2) = other else { Issue.record("not a correction"); return }
        #expect(c2.replacement.type == .announcement)
    }

    @Test("corrections with different replacements are different events")
    func correctionEquality() throws {
        let a = try decodeEvent(#"{"type":"correction","target":"x","replacement":{"type":"series","series":"a"}}"#)
        let b = try decodeEvent(#"{"type":"correction","target":"x","replacement":{"type":"series","series":"b"}}"#)
        let a2 = try decodeEvent(#"{"replacement":{"series":"a","type":"series"},"type":"correction","target":"x"}"#)
        #expect(a != b)
        #expect(a == a2)
        #expect(a.hashValue == a2.hashValue)
    }

    @Test("a retraction with and without a reason")
    func retractionEvent() throws {
        #expect(
            try decodeEvent(#"{"type":"retraction","target":"obs-17","reason":"duplicate entry"}"#)
                == .retraction(Retraction(target: try EventID("obs-17"), reason: "duplicate entry")))
        #expect(
            try decodeEvent(#"{"type":"retraction","target":"obs-17"}"#)
                == .retraction(Retraction(target: try EventID("obs-17"))))
    }

    @Test("an id given in the input is kept apart from the event")
    func givenID() throws {
        let events = try decodeEvents(
            #"{"id":"motie-2026-01-total","type":"observation","series":"s","period":"2026-01","value":1,"released_at":"2026-02-01T00:00:00Z"}"#)
        #expect(events.count == 1)
        #expect(events[0].id == (try EventID("motie-2026-01-total")))
        #expect(events[0].line == 1)
        let without = try decodeEvents(#"{"type":"observation","series":"s","period":"2026-01","value":1,"released_at":"2026-02-01T00:00:00Z"}"#)
        #expect(without[0].id == nil)
        #expect(without[0].event == events[0].event)
    }

    @Test("keys may come in any order and with whitespace between tokens")
    func keyOrderAndWhitespace() throws {
        let a = try decodeEvent(#"{"type":"observation","series":"s","period":"2026-01","value":1,"released_at":"2026-02-01T00:00:00Z"}"#)
        let b = try decodeEvent(
            "\t{ \"released_at\" : \"2026-02-01T00:00:00Z\" ,\"value\":\t1 , \"period\":\"2026-01\",\"series\":\"s\", \"type\" : \"observation\" }  ")
        #expect(a == b)
    }

    @Test("escaped keys and values are decoded before they are matched")
    func escapedKeys() throws {
        let event = try decodeEvent(#"{"t\u0079pe":"series","series":"kr\u002eexports","name":"Caf\u00e9 \"quoted\" \\ \/ \ud83d\ude00"}"#)
        guard case .series(let s) = event else { Issue.record("not a series event"); return }
        #expect(s.series.rawValue == "kr.exports")
        #expect(s.name == "Café \"quoted\" \\ / 😀")
    }
}
