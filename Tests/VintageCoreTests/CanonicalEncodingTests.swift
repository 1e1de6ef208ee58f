import PropertyBased
import Testing
import VintageTestSupport

@testable import VintageCore

@Suite("Canonical encoding and derived ids")
struct CanonicalEncodingTests {
    /// The examples of SPEC.md, and the canonical bytes each must encode to.
    static let examples: [(input: String, canonical: String)] = [
        (
            #"{"type":"series","series":"kr.exports.total","name":"South Korea exports, total","unit":"USD","frequency":"monthly","tags":{"country":"KR","flow":"export","product":"total"}}"#,
            #"{"type":"series","series":"kr.exports.total","name":"South Korea exports, total","unit":"USD","frequency":"monthly","tags":{"country":"KR","flow":"export","product":"total"}}"#
        ),
        (
            #"{"type":"observation","series":"kr.exports.total","period":"2026-01","value":65.8e9,"released_at":"2026-02-01T00:00:00Z","source":"MOTIE","status":"preliminary"}"#,
            #"{"type":"observation","series":"kr.exports.total","period":"2026-01","value":65800000000,"released_at":"2026-02-01T00:00:00Z","source":"MOTIE","status":"preliminary"}"#
        ),
        (
            #"{"type":"release","source":"MOTIE","released_at":"2026-02-01T00:00:00Z","title":"Trade statistics, January 2026", "observations":[{"series":"kr.exports.total","period":"2026-01","value":65.8e9}, {"series":"kr.exports.semiconductors","period":"2026-01","value":20.5e9}]}"#,
            #"{"type":"release","released_at":"2026-02-01T00:00:00Z","source":"MOTIE","title":"Trade statistics, January 2026","observations":[{"series":"kr.exports.total","period":"2026-01","value":65800000000},{"series":"kr.exports.semiconductors","period":"2026-01","value":20500000000}]}"#
        ),
        (
            #"{"type":"announcement","released_at":"2026-01-26T22:00:00Z","source":"US President","kind":"tariff","title":"US raises tariffs on South Korean goods to 25% from 15%","parties":["US","KR"],"effective":"2026-02-01","series":"us.tariff.kr","value":25,"text":"..."}"#,
            #"{"type":"announcement","released_at":"2026-01-26T22:00:00Z","source":"US President","kind":"tariff","title":"US raises tariffs on South Korean goods to 25% from 15%","parties":["US","KR"],"series":"us.tariff.kr","effective":"2026-02-01","value":25,"text":"..."}"#
        ),
        (
            #"{"type":"announcement","title":"Tariffs considered","kind":"tariff","released_at":"2026-01-27T07:00:00+09:00","tags":{"z":"1","a":"2"}}"#,
            #"{"type":"announcement","released_at":"2026-01-26T22:00:00Z","kind":"tariff","title":"Tariffs considered","tags":{"a":"2","z":"1"}}"#
        ),
        (
            #"{"type":"correction","target":"obs-17","reason":"typo: 60e9 entered for 6.0e9","replacement":{"type":"observation","series":"kr.exports.autos","period":"2026-01","value":6.0e9,"released_at":"2026-02-01T00:00:00Z"}}"#,
            #"{"type":"correction","target":"obs-17","reason":"typo: 60e9 entered for 6.0e9","replacement":{"type":"observation","series":"kr.exports.autos","period":"2026-01","value":6000000000,"released_at":"2026-02-01T00:00:00Z"}}"#
        ),
        (
            #"{"reason":"duplicate entry","target":"obs-17","type":"retraction"}"#,
            #"{"type":"retraction","target":"obs-17","reason":"duplicate entry"}"#
        )
    ]

    @Test("each SPEC.md example encodes to its canonical bytes, and decodes back to the same event")
    func examplesCanonicalBytes() throws {
        for (input, canonical) in Self.examples {
            let event = try decodeEvent(input)
            #expect(canonicalText(event) == canonical)
            let again = try Event(canonicalJSON: event.canonicalJSON)
            #expect(again == event)
            #expect(again.canonicalJSON == event.canonicalJSON)
        }
    }

    @Test("decode → encode → decode is the identity for any valid event")
    func roundTripProperty() async throws {
        await propertyCheck(count: 1000, input: Events.any) { (event) in
            recordingErrors { () throws in
                let bytes = event.canonicalJSON
                let decoded = try Event(canonicalJSON: bytes)
                #expect(decoded == event, "\(String(decoding: bytes, as: UTF8.self))")
                #expect(decoded.canonicalJSON == bytes)
            }
        }
    }

    @Test("key order, whitespace, offsets, escapes and number spelling do not change the canonical bytes or the id")
    func spellingDoesNotMatter() async throws {
        await propertyCheck(count: 1000, input: Events.withSpelling) { (pair) in
            recordingErrors { () throws in
                let (event, seed) = pair
                let loose = looselyWritten(event, seed: seed)
                let decoded = try decodeEvents(loose)
                #expect(decoded.count == 1, "\(loose)")
                guard let first = decoded.first else { return }
                #expect(first.event == event, "\(loose)")
                #expect(first.event.canonicalJSON == event.canonicalJSON, "\(loose)")
                #expect(PreparedEvent(first).id == PreparedEvent(InputEvent(line: 1, id: nil, event: event)).id)
            }
        }
    }

    @Test("the canonical form has no whitespace outside strings and starts with the type")
    func canonicalShape() async throws {
        await propertyCheck(count: 500, input: Events.any) { (event) in
            recordingErrors { () throws in
                let bytes = event.canonicalJSON
                #expect(bytes.starts(with: Array(#"{"type":""#.utf8)))
                var inString = false, escaped = false
                for b in bytes {
                    if inString {
                        if escaped {
                            escaped = false
                        } else if b == UInt8(ascii: "\\") {
                            escaped = true
                        } else if b == UInt8(ascii: "\"") {
                            inString = false
                        }
                        #expect(b >= 0x20, "no raw control character in a string")
                    } else {
                        #expect(![0x20, 0x09, 0x0A, 0x0D].contains(b), "whitespace outside a string")
                        if b == UInt8(ascii: "\"") { inString = true }
                    }
                }
            }
        }
    }

    @Test("the same event written two ways gets the same derived id")
    func sameContentSameID() throws {
        let a = try decodeEvents(
            #"{"type":"observation","series":"kr.exports.total","period":"2026-01","value":65.8e9,"released_at":"2026-02-01T09:00:00+09:00"}"#)[0]
        let b = try decodeEvents(
            #"{ "released_at" : "2026-02-01T00:00:00Z", "value" : 65800000000.0, "period" : "2026-01", "series" : "kr.exports.total", "type" : "observation" }"#
        )[0]
        #expect(PreparedEvent(a).id == PreparedEvent(b).id)
        #expect(PreparedEvent(a).body == PreparedEvent(b).body)
        #expect(PreparedEvent(a).checksum == PreparedEvent(b).checksum)
    }

    @Test("content that differs in any figure, text or time gets a different id")
    func differentContentDifferentID() throws {
        let base = #"{"type":"observation","series":"kr.exports.total","period":"2026-01","value":65.8e9,"released_at":"2026-02-01T00:00:00Z"}"#
        let variants = [
            base,
            observation("value", "65800000001"),
            #"{"type":"observation","series":"kr.exports.total","period":"2026-01","value":-65.8e9,"released_at":"2026-02-01T00:00:00Z"}"#,
            #"{"type":"observation","series":"kr.exports.autos","period":"2026-01","value":65.8e9,"released_at":"2026-02-01T00:00:00Z"}"#,
            #"{"type":"observation","series":"kr.exports.total","period":"2026-02","value":65.8e9,"released_at":"2026-02-01T00:00:00Z"}"#,
            #"{"type":"observation","series":"kr.exports.total","period":"2026-01","value":65.8e9,"released_at":"2026-02-01T00:00:00.000001Z"}"#,
            #"{"type":"observation","series":"kr.exports.total","period":"2026-01","value":65.8e9,"released_at":"2026-02-01T00:00:00Z","status":"final"}"#,
            #"{"type":"observation","series":"kr.exports.total","period":"2026-01","value":65.8e9,"released_at":"2026-02-01T00:00:00Z","source":"final"}"#,
            #"{"type":"observation","series":"kr.exports.total","period":"2026-01","value":65.8e9,"released_at":"2026-02-01T00:00:00Z","source":""}"#,
            #"{"type":"observation","series":"kr.exports.total","period":"2026-M01","value":65.8e9,"released_at":"2026-02-01T00:00:00Z"}"#
        ]
        let ids = try variants.map { PreparedEvent(try decodeEvents($0)[0]).id }
        #expect(Set(ids).count == variants.count, "\(ids)")
    }

    @Test("0 and -0 are different content")
    func signedZero() throws {
        let zero = try decodeEvent(observation("value", "0"))
        let negativeZero = try decodeEvent(observation("value", "-0"))
        #expect(canonicalText(negativeZero).contains(#""value":-0,"#))
        #expect(zero.canonicalJSON != negativeZero.canonicalJSON)
    }

    @Test("an absent optional field and an empty one are different content")
    func absentVersusEmpty() throws {
        let absent = try decodeEvent(#"{"type":"series","series":"s"}"#)
        let emptyTags = try decodeEvent(#"{"type":"series","series":"s","tags":{}}"#)
        let emptyName = try decodeEvent(#"{"type":"series","series":"s","name":""}"#)
        #expect(canonicalText(emptyTags) == #"{"type":"series","series":"s","tags":{}}"#)
        #expect(Set([absent.canonicalJSON, emptyTags.canonicalJSON, emptyName.canonicalJSON]).count == 3)
    }

    @Test("a derived id is ev- and 32 lower-case hex digits of the SHA-256 of the canonical bytes")
    func derivedIDForm() async throws {
        let event = try decodeEvents(Self.examples[1].input)[0]
        // printf '%s' '<canonical bytes>' | sha256sum | cut -c1-32
        #expect(PreparedEvent(event).id.rawValue == "ev-02a8d3543884856a5f23b38f718fa06d")
        await propertyCheck(count: 300, input: Events.any) { (event) in
            recordingErrors { () throws in
                let prepared = PreparedEvent(InputEvent(line: 1, id: nil, event: event))
                let id = prepared.id.rawValue
                #expect(id.count == 35)
                #expect(id.hasPrefix("ev-"))
                #expect(id.dropFirst(3).allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }, "\(id)")
                #expect(prepared.checksum == contentHash(of: prepared.body))
                #expect(prepared.checksum.count == 32)
                #expect(prepared.body == event.canonicalJSON)
            }
        }
    }

    @Test("a given id is kept and is not part of the canonical bytes")
    func givenIDKept() throws {
        let given = try decodeEvents(#"{"id":"motie-1","type":"retraction","target":"obs-17"}"#)[0]
        let prepared = PreparedEvent(given)
        #expect(prepared.id.rawValue == "motie-1")
        #expect(String(decoding: prepared.body, as: UTF8.self) == #"{"type":"retraction","target":"obs-17"}"#)
        #expect(prepared.line == 1)
    }

    @Test("strings with quotes, backslashes, control characters and non-ASCII survive the canonical form")
    func awkwardStrings() throws {
        let name = "say \"hi\" \\ back/slash\ttab\nline\u{1}\u{1F} 수출 € 😀 \u{7F}"
        let event = Event.series(SeriesDefinition(series: try SeriesID("s"), name: name, tags: ["k\"ey\\": "v\u{0}al"]))
        let bytes = event.canonicalJSON
        #expect(
            String(decoding: bytes, as: UTF8.self)
                == #"{"type":"series","series":"s","name":"say \"hi\" \\ back/slash\ttab\nline\u0001\u001f 수출 € 😀 "# + "\u{7F}"
                + #"","tags":{"k\"ey\\":"v\u0000al"}}"#)
        let back = try Event(canonicalJSON: bytes)
        guard case .series(let s) = back else { Issue.record("not a series event"); return }
        #expect(Array((s.name ?? "").utf8) == Array(name.utf8))
        #expect(s.tags == ["k\"ey\\": "v\u{0}al"])
    }

    @Test("Event(canonicalJSON:) refuses anything but exactly one event")
    func canonicalDecodingRefusesOthers() {
        #expect(throws: EventInputError.self) { try Event(canonicalJSON: Array("".utf8)) }
        #expect(throws: EventInputError.self) {
            try Event(canonicalJSON: Array((#"{"type":"series","series":"a"}"# + "\n" + #"{"type":"series","series":"b"}"#).utf8))
        }
        #expect(throws: EventInputError.self) { try Event(canonicalJSON: Array(#"{"type":"series"}"#.utf8)) }
    }
}
