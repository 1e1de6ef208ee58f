import PropertyBased
import Testing
import VintageCore
import VintageTestSupport

@testable import VintageBatch

/// Which part of a codec-2 batch holds what: the columns take what they can give back exactly,
/// the JSON records the rest.
@Suite("Codec 2 layout")
struct ColumnarLayoutTests {
    static func columns(_ events: [PreparedEvent]) throws -> ColumnarRecords {
        let batch = try RecordBatchEncoder.encode(events).withUnsafeBytes { try RecordBatch(decoding: $0) }
        guard case .columnar(let c) = batch.content else { throw RecordBatchError("not a codec-2 batch") }
        return c
    }

    @Test("decimal streams are held entirely in columns, values predicted, and come back exactly")
    func decimalStreams() async {
        await propertyCheck(count: 300, input: Events.decimalStream) { events in
            recordingErrors {
                let bytes = RecordBatchEncoder.encode(events)
                try expectRoundTrip(events, bytes)
                let c = try Self.columns(events)
                #expect(c.valueExponent != nil)
                // An event stays JSON exactly when one of its periods is not in canonical spelling.
                for (i, e) in events.enumerated() {
                    var figures = e.event.statedFigures
                    if case .correction(let correction) = e.event { figures = correction.replacement.statedFigures }
                    let canonical = figures.allSatisfy { f in
                        var text: [UInt8] = []
                        PeriodCode.appendText(f.period.start, code: PeriodCode.code(f.period.kind), to: &text)
                        return PeriodCode.ordinal(f.period.start, f.period.kind) != nil && Array(f.period.text.utf8) == text
                    }
                    #expect((c.shapes[i] != 0) == canonical, "event \(i)")
                }
            }
        }
    }

    @Test("a period not in its canonical spelling, -0.0 and a non-decimal value still come back exactly")
    func fallbacks() throws {
        let events = try prepared(
            [
                #"{"type":"observation","series":"a","period":"2026-M01","value":1,"released_at":"2026-02-01T00:00:00Z"}"#,
                #"{"type":"observation","series":"a","period":"2026-01-01T09:30:00+09:00","value":2,"released_at":"2026-02-01T00:00:00Z"}"#,
                #"{"type":"observation","series":"a","period":"2026-q1","value":3,"released_at":"2026-02-01T00:00:00Z"}"#,
                #"{"type":"observation","series":"a","period":"2026-01","value":4,"released_at":"2026-02-01T00:00:00Z"}"#,
                #"{"type":"release","released_at":"2026-02-01T00:00:00Z","observations":[{"series":"a","period":"2026-01","value":5},{"series":"b","period":"2026-A1","value":6}]}"#
            ].joined(separator: "\n"))
        let c = try Self.columns(events)
        #expect(c.shapes.map { $0 & 7 } == [0, 0, 0, 1, 0])
        try expectRoundTrip(events, RecordBatchEncoder.encode(events))
        for odd in [-0.0, 0.1 + 0.2, 5e-324, 1e300, 9_007_199_254_740_993] {
            let more =
                events + [
                    PreparedEvent(
                        InputEvent(
                            line: 9, id: nil,
                            event: .observation(
                                Observation(
                                    series: try SeriesID("a"), period: try Period("2026-02"), value: odd, releasedAt: Timestamp(microseconds: 0)))))
                ]
            let c = try Self.columns(more)
            #expect(c.shapes.last == 1)
            try expectRoundTrip(more, RecordBatchEncoder.encode(more))
        }
    }

    @Test("releases naming the same period at the same position in other spellings keep their spelling")
    func releasesRespellingAPeriod() throws {
        func release(_ periods: [String]) -> String {
            let figures = periods.enumerated().map { #"{"series":"a","period":"\#($1)","value":\#($0)}"# }
            return #"{"type":"release","released_at":"2026-02-01T00:00:00Z","observations":[\#(figures.joined(separator: ","))]}"#
        }
        // The same starts and kinds in other spellings (M01, q1), or other starts, at the same positions.
        let events = try prepared(
            [
                release(["2026-01", "2026-Q1", "2026-01-01T00:00:10Z"]),
                release(["2026-M01", "2026-Q1", "2026-01-01T00:00:10Z"]),
                release(["2026-01", "2026-q1", "2026-01-01T00:00:10Z"]),
                release(["2026-01", "2026-Q1", "2026-01-01T00:00:20Z", "2026-02"]),
                release(["2026-01", "2026-Q1", "2026-01-01T00:00:20Z", "2026-02"])
            ].joined(separator: "\n"))
        let c = try Self.columns(events)
        #expect(c.shapes.map { $0 & 7 } == [2, 0, 0, 2, 2])
        try expectRoundTrip(events, RecordBatchEncoder.encode(events))
    }

    @Test("announcements setting a rate keep their step in columns, the rest as JSON")
    func announcementSteps() async {
        let gen = Generator<[PreparedEvent], Shrink.None<[PreparedEvent]>> { rng in
            (0..<Int.random(in: 1...12, using: &rng)).map { i in
                var a = Events.announcement(&rng)
                if a.step == nil, Bool.random(using: &rng) {
                    a = Announcement(
                        releasedAt: a.releasedAt, source: a.source, kind: a.kind, title: a.title, parties: a.parties,
                        text: a.text, tags: a.tags,
                        step: Announcement.Step(
                            series: try! SeriesID("tariff.us.kr"), effective: try! Period("2026-03-0\(i % 9 + 1)"),
                            value: Events.decimalValue(&rng, digits: 2)))
                }
                return PreparedEvent(InputEvent(line: i + 1, id: Bool.random(using: &rng) ? Events.eventID(&rng) : nil, event: .announcement(a)))
            }
        }
        await propertyCheck(count: 300, input: gen) { events in
            recordingErrors {
                try expectRoundTrip(events, RecordBatchEncoder.encode(events))
                let c = try Self.columns(events)
                for (i, e) in events.enumerated() {
                    guard case .announcement(let a) = e.event, let step = a.step else {
                        #expect(c.shapes[i] == 0)
                        continue
                    }
                    var text: [UInt8] = []
                    PeriodCode.appendText(step.effective.start, code: PeriodCode.code(step.effective.kind), to: &text)
                    #expect((c.shapes[i] & 7 == 5) == (Array(step.effective.text.utf8) == text), "event \(i)")
                }
            }
        }
    }

    @Test("strings equal as Swift strings but spelled with other bytes keep their bytes")
    func canonicallyEquivalentStrings() throws {
        let events = try prepared(
            [
                #"{"type":"observation","series":"a","period":"2026-01","value":1,"released_at":"2026-02-01T00:00:00Z","source":"caf\u00e9"}"#,
                #"{"type":"observation","series":"a","period":"2026-02","value":1,"released_at":"2026-02-01T00:00:00Z","source":"cafe\u0301"}"#,
                #"{"type":"release","released_at":"2026-02-01T00:00:00Z","title":"cafe\u0301","status":"caf\u00e9","observations":[{"series":"a","period":"2026-03","value":5,"status":"cafe\u0301"}]}"#
            ].joined(separator: "\n"))
        #expect(events[0].body != events[1].body)
        try expectRoundTrip(events, RecordBatchEncoder.encode(events))
        #expect(try Self.columns(events).shapes.allSatisfy { $0 != 0 })
    }

    @Test(
        "every period kind is held in columns in its canonical spelling",
        arguments: [
            "2026", "2026-S1", "2026-S2", "2026-Q1", "2026-Q4", "2026-01", "2026-12", "2020-W53", "2026-W01", "2025-W01",
            "2026-01-31", "0000-01-01", "9999-12-31", "2026-02-01T00:00:00Z", "2026-02-01T09:30:00.000001Z", "1900-03-01T23:59:59Z"
        ])
    func periodKinds(text: String) throws {
        let period = try Period(text)
        let event = PreparedEvent(
            InputEvent(
                line: 1, id: nil,
                event: .observation(
                    Observation(series: try SeriesID("a"), period: period, value: 1.5, releasedAt: Timestamp(microseconds: 0)))))
        #expect(try Self.columns([event]).shapes == [1])
        try expectRoundTrip([event], RecordBatchEncoder.encode([event]))
    }
}

@Suite("Generated datasets round-trip")
struct DatasetTests {
    @Test(
        "slices of datagen trade, datagen dense and gen-observations come back exactly, mostly in columns",
        arguments: [("trade", DatagenSlices.trade), ("dense", DatagenSlices.dense), ("observations", DatagenSlices.observations)])
    func slice(name: String, text: String) throws {
        let events = try prepared(text)
        #expect(events.count >= 6)
        let bytes = RecordBatchEncoder.encode(events)
        try expectRoundTrip(events, bytes)
        try expectRoundTrip(events, RecordBatchEncoder.encodeCanonicalJSON(events))
        let c = try ColumnarLayoutTests.columns(events)
        // Series definitions and announcements without a rate stay JSON; every figure-carrying
        // event is columns.
        for (i, e) in events.enumerated() {
            switch e.event {
            case .observation, .release, .correction: #expect(c.shapes[i] != 0, "\(name) event \(i)")
            case .announcement(let a): #expect((c.shapes[i] & 7 == 5) == (a.step != nil), "\(name) event \(i)")
            default: #expect(c.shapes[i] == 0)
            }
        }
        #expect(c.valueExponent != nil)
        // Trade's figures are revised at their precision (scale drops, almost all 0); the
        // random walks of the others keep scale 0 (absolute scales).
        #expect(c.scalesAreDrops == (name == "trade"))
        // Split anywhere, the pieces round-trip too.
        for cut in [1, events.count / 3, events.count - 1] {
            try expectRoundTrip(Array(events[..<cut]), RecordBatchEncoder.encode(events[..<cut]))
            try expectRoundTrip(Array(events[cut...]), RecordBatchEncoder.encode(events[cut...]))
        }
    }
}
