import Testing

@testable import VintageCore

@Suite("JSONWriter: compact, deterministic JSON")
struct JSONWriterTests {
    @Test("commas separate members and elements at every depth, never after a key")
    func nestedSeparators() {
        var w = JSONWriter()
        w.beginObject()
        w.key("a")
        w.beginArray()
        w.integer(1)
        w.beginObject(); w.key("b"); w.beginArray(); w.endArray(); w.key("c"); w.beginObject(); w.endObject(); w.endObject()
        w.beginArray(); w.endArray()
        w.null()
        w.endArray()
        w.key("d"); w.null()
        w.field("absent", nil)
        w.field("e", "x")
        w.key("t"); w.timestamp(Timestamp(microseconds: 1_500_000))
        w.key("n"); w.number(-0.5)
        w.key("raw"); w.raw(Array("[1,2]".utf8))
        w.endObject()
        #expect(
            String(decoding: w.bytes, as: UTF8.self)
                == #"{"a":[1,{"b":[],"c":{}},[],null],"d":null,"e":"x","t":"1970-01-01T00:00:01.5Z","n":-0.5,"raw":[1,2]}"#)
    }

    @Test("a string map is written with its keys sorted")
    func sortedMap() {
        var w = JSONWriter()
        w.stringMap(["product": "total", "country": "KR", "flow": "export", "": "empty"])
        #expect(String(decoding: w.bytes, as: UTF8.self) == #"{"":"empty","country":"KR","flow":"export","product":"total"}"#)
    }

    @Test("containers nest 63 deep with correct commas at each level")
    func deepNesting() {
        var w = JSONWriter()
        for _ in 0..<63 { w.beginArray(); w.integer(0) }
        for _ in 0..<63 { w.endArray() }
        // Each level holds 0 then the inner array: "[0,[0,[0]]]".
        #expect(String(decoding: w.bytes, as: UTF8.self) == String(repeating: "[0,", count: 62) + "[0" + String(repeating: "]", count: 63))
    }

    @Test("top-level values written one after another are not separated")
    func topLevelValues() {
        var w = JSONWriter()
        w.integer(1)
        w.string("a")
        #expect(String(decoding: w.bytes, as: UTF8.self) == #"1"a""#)
    }
}
