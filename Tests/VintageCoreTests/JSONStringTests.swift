import PropertyBased
import Testing
import VintageTestSupport

@testable import VintageCore

@Suite("JSON strings: escapes written and read back")
struct JSONStringTests {
    /// Writes a string as a JSON value with the canonical writer.
    static func written(_ s: String) -> [UInt8] {
        var w = JSONWriter()
        w.string(s)
        return w.bytes
    }

    @Test(
        "quotes, backslashes and control characters are escaped; other text is written as is",
        arguments: [
            ("plain", #""plain""#), ("say \"hi\"", #""say \"hi\"""#), (#"a\b"#, #""a\\b""#), ("a/b", #""a/b""#),
            ("line\nbreak", #""line\nbreak""#), ("cr\rtab\t", #""cr\rtab\t""#), ("\u{0}\u{1}\u{1F}", #""\u0000\u0001\u001f""#),
            ("\u{8}\u{C}", #""\u0008\u000c""#), ("\u{7F}", "\"\u{7F}\""), ("수출 €5 😀", "\"수출 €5 😀\""), ("", #""""#)
        ] as [(String, String)])
    func escapes(value: String, json: String) throws {
        #expect(Self.written(value) == Array(json.utf8))
        #expect(try scanString(Self.written(value)) == value)
    }

    @Test(
        "every JSON escape is read",
        arguments: [
            (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{C}\n\r\t"),
            (#""\u00e9\u00E9""#, "éé"),
            (#""\ud83d\ude00""#, "😀"),
            (#""\u0000""#, "\u{0}"),
            (#""a\u2028b""#, "a\u{2028}b"),
            (#""mixed \u0041 and raw é""#, "mixed A and raw é")
        ] as [(String, String)])
    func readsEscapes(json: String, value: String) throws {
        #expect(try scanString(Array(json.utf8)) == value)
    }

    @Test(
        "strings that are not valid JSON are refused",
        arguments: [
            #""unterminated"#, "\"raw\ttab\"", "\"raw\nline\"", #""bad \x escape""#, #""\u12""#, #""\uZZZZ""#,
            #""\ud83d""#, #""\ud83d\u0041""#, #""\ude00""#, #""\"#, "'single'"
        ])
    func refusesInvalid(json: String) {
        #expect(throws: JSONScanner.SyntaxError.self) { try scanString(Array(json.utf8)) }
    }

    @Test("invalid UTF-8 is refused, with and without escapes in the string")
    func refusesInvalidUTF8() {
        #expect(throws: JSONScanner.SyntaxError.self) { try scanString([0x22, 0xFF, 0x22]) }
        #expect(throws: JSONScanner.SyntaxError.self) { try scanString([0x22, 0x5C, 0x6E, 0xC3, 0x22]) }
        #expect(throws: JSONScanner.SyntaxError.self) { try scanString([0x22, 0xED, 0xA0, 0x80, 0x22]) }  // an encoded surrogate
    }

    /// Strings mixing ASCII, every control character, quotes, backslashes and non-ASCII scalars.
    static let strings: Generator<String, Shrink.None<String>> = Generator { rng in
        let pool: [Unicode.Scalar] = ["\"", "\\", "/", "a", "Z", " ", "\u{7F}", "é", "€", "수", "😀", "\u{2028}", "\u{FEFF}"]
        var s = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...40, using: &rng) {
            switch Int.random(in: 0...3, using: &rng) {
            case 0: s.append(Unicode.Scalar(UInt8.random(in: 0...0x1F, using: &rng)))
            case 1: s.append(Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &rng)))
            case 2: s.append(pool.randomElement(using: &rng)!)
            default:
                let v = UInt32.random(in: 0x80...0x10FFFF, using: &rng)
                s.append(Unicode.Scalar(v) ?? "?")
            }
        }
        return String(s)
    }

    @Test("any string written by the writer reads back identical, byte for byte")
    func roundTrip() async throws {
        await propertyCheck(count: 2000, input: Self.strings) { (value) in
            recordingErrors { () throws in
                let json = Self.written(value)
                #expect(!json.dropFirst().dropLast().contains { $0 < 0x20 }, "no raw control character")
                let back = try scanString(json)
                #expect(Array(back.utf8) == Array(value.utf8))
            }
        }
    }

    @Test("a string field of an event round-trips through the decoder")
    func eventFieldRoundTrip() async throws {
        await propertyCheck(count: 500, input: Self.strings) { (value) in
            recordingErrors { () throws in
                let input =
                    #"{"type":"series","series":"s","name":"#
                    + String(decoding: Self.written(value), as: UTF8.self) + "}"
                guard case .series(let s) = try decodeEvent(input) else { Issue.record("not a series event"); return }
                #expect(Array((s.name ?? "").utf8) == Array(value.utf8))
            }
        }
    }
}
