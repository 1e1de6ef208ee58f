import Testing

@testable import VintageCore

@Suite("Identifiers: series ids and event ids")
struct IdentifierTests {
    @Test(
        "series ids of a-z 0-9 . _ - / : up to 128 characters are accepted",
        arguments: [
            "kr.exports.total", "us.tariff.kr", "a", "0", "fred/gdp:q", "x_y-z.1/2:3",
            String(repeating: "a", count: 128)
        ])
    func validSeriesIDs(text: String) throws {
        #expect(try SeriesID(text).rawValue == text)
        #expect(try SeriesID(text).description == text)
    }

    @Test(
        "series ids with spaces, other punctuation or non-ASCII are rejected",
        arguments: [
            "KR exports", "kr exports", "kr,exports", "kr.exports!", "ümlaut", "kr\texports", "kr.exports\n", "tab\u{0}"
        ])
    func invalidSeriesCharacters(text: String) {
        #expect(throws: IdentifierSyntaxError.self) { try SeriesID(text) }
    }

    @Test("an empty series id and one of 129 characters are rejected with the reason")
    func seriesIDLength() {
        #expect(throws: IdentifierSyntaxError("a series id cannot be empty")) { try SeriesID("") }
        #expect(throws: IdentifierSyntaxError("a series id has at most 128 characters (this one has 129)")) {
            try SeriesID(String(repeating: "a", count: 129))
        }
    }

    @Test("series ids order by their text")
    func seriesOrdering() throws {
        #expect(try SeriesID("kr.exports.autos") < SeriesID("kr.exports.total"))
        #expect(!(try SeriesID("b") < SeriesID("a")))
    }

    @Test("event ids are 1–128 printable characters, any script")
    func validEventIDs() throws {
        for text in ["motie-2026-01", "a", "주문 #1", "ev-0123", String(repeating: "é", count: 128)] {
            #expect(try EventID(text).rawValue == text)
        }
    }

    @Test("event ids that are empty, too long or hold control characters are rejected")
    func invalidEventIDs() {
        #expect(throws: IdentifierSyntaxError("an event id cannot be empty")) { try EventID("") }
        #expect(throws: IdentifierSyntaxError("an event id has at most 128 characters (this one has 129)")) {
            try EventID(String(repeating: "é", count: 129))
        }
        for text in ["a\nb", "tab\there", "\u{7F}", "c1\u{85}", "nul\u{0}"] {
            #expect(throws: IdentifierSyntaxError("an event id is printable characters only")) { try EventID(text) }
        }
    }

    @Test("a derived id is ev- and the first 16 bytes of the hash in lower-case hex")
    func derivedIDShape() {
        let digest: [UInt8] = (0..<32).map { UInt8($0 * 8 + 1) }
        let id = EventID(derivedFromContentHash: digest)
        #expect(id.rawValue == "ev-01091119212931394149515961697179")
        let all: [UInt8] = [0x00, 0xff, 0xab, 0xcd] + Array(repeating: 0x5a, count: 28)
        #expect(EventID(derivedFromContentHash: all).rawValue == "ev-00ffabcd" + String(repeating: "5a", count: 12))
    }
}
