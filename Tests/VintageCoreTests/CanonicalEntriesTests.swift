import PropertyBased
import Testing
import VintageTestSupport

@testable import VintageCore

/// Release figures written exactly as their canonical JSON are read by a fast reader, and
/// the release's canonical JSON copies them from the input: the bytes must be the ones the
/// writer gives, whatever the input.
@Suite("Canonical release figures copied from the input")
struct CanonicalEntriesTests {
    /// The prepared events of NDJSON `text`.
    private func prepared(_ text: String) throws -> [PreparedEvent] {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { buffer throws(EventInputError) in
            try NDJSONReader.preparedEvents(in: buffer, piece: NDJSONReader.Piece(range: 0..<buffer.count, firstLine: 1))
        }
    }

    /// The text of the observations array the decoder found canonical, put together, if any.
    private func canonicalText(_ text: String) throws -> String? {
        let bytes = Array(text.utf8)
        let ranges = try bytes.withUnsafeBufferPointer { buffer in
            var s = JSONScanner(buffer)
            var ranges: [Range<Int>]?
            _ = try EventDecoder.decodeEvent(&s, canonicalObservations: &ranges)
            return ranges
        }
        return ranges.map { $0.map { String(decoding: bytes[$0], as: UTF8.self) }.joined() }
    }

    @Test("any event, written canonically or loosely, prepares to the writer's canonical bytes and id")
    func preparedBodyIsCanonical() async throws {
        await propertyCheck(count: 1000, input: Events.withSpelling) { (pair) in
            recordingErrors { () throws in
                let (event, seed) = pair
                let expected = PreparedEvent(InputEvent(line: 1, id: nil, event: event))
                for text in [String(decoding: event.canonicalJSON, as: UTF8.self), looselyWritten(event, seed: seed)] {
                    let got = try prepared(text)
                    #expect(got.count == 1, "\(text)")
                    guard let first = got.first else { continue }
                    #expect(first.event == event, "\(text)")
                    #expect(first.body == expected.body, "\(text)")
                    #expect(first.id == expected.id, "\(text)")
                }
            }
        }
    }

    @Test("a release written canonically is read by the fast reader; white space, key order or number spelling send it to the general one")
    func fastReaderTakesOnlyCanonicalText() throws {
        let canonical =
            #"{"type":"release","released_at":"2026-02-01T00:00:00Z","observations":[{"series":"a.b","period":"2026-01","value":99.82722},{"series":"a.b","period":"2026-02","value":-0.5,"status":"e"},{"series":"c","period":"2026-01-01T00:00:10Z","value":12}]}"#
        let array =
            #"[{"series":"a.b","period":"2026-01","value":99.82722},{"series":"a.b","period":"2026-02","value":-0.5,"status":"e"},{"series":"c","period":"2026-01-01T00:00:10Z","value":12}]"#
        #expect(try canonicalText(canonical) == array)
        // Trailing zeros of decimals are left out of the pieces.
        for zeros in [
            canonical.replacing(#"99.82722"#, with: #"99.827220"#).replacing(#""value":12"#, with: #""value":12.0"#),
            canonical.replacing(#"99.82722"#, with: #"99.8272200"#).replacing(#""value":12"#, with: #""value":12.000"#).replacing(
                "-0.5", with: "-0.50")
        ] {
            #expect(try canonicalText(zeros) == array, "\(zeros)")
            let event = try #require(try prepared(zeros).first)
            #expect(event.body == event.event.canonicalJSON, "\(zeros)")
        }
        // A value in another spelling is read by the fast reader too, but the release's
        // canonical JSON is written, not copied.
        let entry = Array(#"{"series":"c","period":"2026-01","value":1.2e1}"#.utf8)
        let (read, canonicalEnd): (Release.Entry?, Int) = entry.withUnsafeBufferPointer { buffer in
            var s = JSONScanner(buffer)
            var previous: EventDecoder.SeriesText?
            var numberEnd = 0, canonicalEnd = 0
            let e = EventDecoder.canonicalEntry(
                &s, previous: &previous, recentPeriods: RecentPeriods(), index: 0, numberEnd: &numberEnd, canonicalNumberEnd: &canonicalEnd)
            return (e, canonicalEnd)
        }
        #expect(read?.value == 12 && read?.series.rawValue == "c" && canonicalEnd == -1)
        for spelled in [canonical.replacing(#"99.82722"#, with: #"9982722e-5"#), canonical.replacing(#""value":12"#, with: #""value":1.2e1"#)] {
            #expect(try canonicalText(spelled) == nil, "\(spelled)")
            let event = try #require(try prepared(spelled).first)
            #expect(event.body == event.event.canonicalJSON, "\(spelled)")
        }
        let notCanonical = [
            canonical.replacing(#"},{"#, with: #"}, {"#),
            canonical.replacing(#""observations":["#, with: #""observations":[ "#),
            canonical.replacing(#"99.82722"#, with: #"9982722e-5"#),
            canonical.replacing(#""value":12"#, with: #""value":12e0"#),
            canonical.replacing(#""value":12"#, with: #""value":-0.0"#),
            canonical.replacing(#"{"series":"c","period":"2026-01-01T00:00:10Z""#, with: #"{"period":"2026-01-01T00:00:10Z","series":"c""#),
            canonical.replacing(#""series":"c""#, with: #""series":"C""#),
            canonical.replacing(#""status":"e""#, with: #""status":"\u0065""#)
        ]
        for text in notCanonical {
            #expect(try canonicalText(text) == nil, "\(text)")
            let event = try #require(try prepared(text).first)
            #expect(event.body == event.event.canonicalJSON, "\(text)")
        }
    }

    @Test("releases read one after another share the periods they spell alike, and only those")
    func releasesShareTheirPeriods() throws {
        func release(_ series: String, _ periods: [String]) -> String {
            let figures = periods.enumerated().map { #"{"series":"\#(series)","period":"\#($1)","value":\#($0)}"# }
            return #"{"type":"release","released_at":"2026-03-01T00:00:00Z","observations":[\#(figures.joined(separator: ","))]}"#
        }
        let lines = [
            release("a", ["2026-01", "2026-02-01T00:00:00Z", "2026-Q1"]),
            release("b", ["2026-01", "2026-02-01T00:00:00Z", "2026-Q1", "2026-04"]),
            release("c", ["2026-M01", "2026-02-01T00:00:00Z", "2026-q1"]),
            release("d", ["2026-02-01T00:00:00Z", "2026-01", "2026-Q1", "2026-04", "2026-05"]),
            release("e", ["2026-02-01T00:00:00+00:00", "2026-01", "2026-Q1", "2026-04", "2026-05"])
        ]
        let together = try prepared(lines.joined(separator: "\n"))
        #expect(together.count == lines.count)
        for (line, event) in zip(lines, together) {
            let alone = try #require(try prepared(line).first)
            #expect(event.event == alone.event, "\(line)")
            #expect(event.body == alone.body, "\(line)")
            guard case .release(let r) = event.event else { continue }
            #expect(
                r.entries.map(\.period.text) == Array(line.split(separator: "\"period\":\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }))
        }
    }

    @Test("a number the fast reader takes is what the writer writes for its value, less trailing zeros of the fraction")
    func canonicalNumbersAgreeWithTheWriter() async throws {
        let texts = [
            "0", "-0", "7", "-12", "100", "999999999999999", "1000000000000000", "0.1", "-0.5", "0.0001", "0.00001", "0.00012",
            "99.82722", "1.50", "1.05", "01", "00.5", "12345678901234.5", "123456789012345.6", "0.123456789012345",
            "0.1234567890123456", "1e5", "1.5E3", "1.0", "100.000", "0.0", "-0.0", "-0.50", "0.000120", "12345678901234.50"
        ]
        for text in texts { try checkAgainstWriter(text) }
        await propertyCheck(count: 2000, input: Self.decimalTexts) { text in
            recordingErrors { () throws in
                try checkAgainstWriter(text)
                // The writer's own text of the value is taken as canonical unless it is long or tiny.
                let bytes = Array(text.utf8)
                guard let value = try? bytes.withUnsafeBufferPointer({ try JSONNumber.read($0, from: 0).value }) else { return }
                var w = JSONWriter()
                w.number(value)
                let written = w.bytes
                let significant = written.filter { ASCIIDigits.isDigit($0) }.drop(while: { $0 == UInt8(ascii: "0") }).count
                if significant <= 15, !written.contains(UInt8(ascii: "e")), abs(value) >= 0.0001 || value == 0, value.sign == .plus || value != 0 {
                    #expect(
                        written.withUnsafeBufferPointer { EventDecoder.canonicalNumberEnd($0, 0..<$0.count) } == written.count,
                        "\(String(decoding: written, as: UTF8.self))")
                }
            }
        }
    }

    /// A decimal of 1 to 17 digits with the point anywhere (or none), maybe negative.
    static let decimalTexts: Generator<String, Shrink.None<String>> = Generator { rng in
        let digits = Int.random(in: 1...17, using: &rng)
        var text = (0..<digits).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
        let point = Int.random(in: 0...digits, using: &rng)
        if point < digits { text.insert(".", at: text.index(text.startIndex, offsetBy: point)) }
        if text.hasPrefix(".") { text = "0" + text }
        if Bool.random(using: &rng) { text = "-" + text }
        return text
    }

    private func checkAgainstWriter(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard let (value, end) = try? bytes.withUnsafeBufferPointer({ try JSONNumber.read($0, from: 0) }), end == bytes.count else { return }
        guard let canonicalEnd = bytes.withUnsafeBufferPointer({ EventDecoder.canonicalNumberEnd($0, 0..<$0.count) }) else { return }
        var w = JSONWriter()
        w.number(value)
        #expect(w.bytes == Array(bytes[..<canonicalEnd]), "\(text)")
    }
}
