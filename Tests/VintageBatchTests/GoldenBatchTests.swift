import Testing
import VintageCore
import VintageTestSupport

@testable import VintageBatch

/// Batches written by this version, kept as bytes: a later version must still read them.
@Suite("Stored batches stay readable")
struct GoldenBatchTests {
    static let lines = [
        #"{"type":"series","series":"kr.exports","unit":"USD"}"#,
        #"{"type":"observation","id":"obs-1","series":"kr.exports","period":"2026-01","value":65.8e9,"released_at":"2026-02-01T00:00:00Z","source":"MOTIE","status":"preliminary"}"#,
        #"{"type":"release","released_at":"2026-03-01T00:00:00Z","title":"Trade, February","observations":[{"series":"kr.exports","period":"2026-01","value":65.9e9},{"series":"kr.exports","period":"2026-02","value":61.25e9,"status":"preliminary"}]}"#,
        #"{"type":"correction","target":"obs-1","reason":"typo","replacement":{"type":"observation","series":"kr.exports","period":"2026-01","value":65.7e9,"released_at":"2026-02-01T00:00:00Z"}}"#,
        #"{"type":"retraction","target":"obs-1"}"#
    ]

    static func events() throws -> [PreparedEvent] { try prepared(lines.joined(separator: "\n")) }

    static func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 2)
            out.append(UInt8(hex[i..<j], radix: 16)!)
            i = j
        }
        return out
    }

    /// `RecordBatchEncoder.encodeCanonicalJSON(events())`.
    static let codec1 = [
        "56545242010100000500000065010000c105e102f40400347b2274797065223a22736572696573222c0900b03a226b72",
        "2e6578706f72741600f506756e6974223a22555344227d81056f62732d31a0013d00bf6f62736572766174696f6e4200",
        "06f30f706572696f64223a22323032362d3031222c2276616c7565223a363538300100c02c2272656c65617365645f61",
        "7000022c0081322d30315430303a0300105a6200406f757263b600504d4f54494511004074617475b500f6007072656c",
        "696d696e617279227d02f7a3000358001f226200031c336200407469746c6100c054726164652c204665627275540018",
        "2cec005f73223a5b7b3101040fef00091339ee003f307d2c3f001417322e013331323540000ff80005465d7d04bdfa00",
        "63636f727265639c015074617267655a0101c301010e016061736f6e223a0802116f1000bf706c6163656d656e74223a",
        "e101361337b2001f307f01030be101457d7d05267b005f7265747261bf000050732d31227d59da46ae"
    ].joined()
    /// `RecordBatchEncoder.encode(events())`: the series definition and the retraction as JSON
    /// records, the rest in columns, values in mode 1 + 0 (exact integers, predicted).
    static let codec2 = [
        "565452420102000005000000510200009d018c01f432040a6b722e6578706f7274730b7072656c696d696e617279054d",
        "4f5449450f54726164652c20466562727561727900347b2274797065223a22736572696573222c0900263a224900f502",
        "222c22756e6974223a22555344227d05263600f00372657472616374696f6e222c2274617267652600816f62732d3122",
        "7d050800b0056f62732d31047479706f1461565443480201000005000000ffff00000000000000000000000000000000",
        "000000000000000000000000000000000000000000000000000000000000000000000000000000000000030000000500",
        "00007eb43e2a83b0ad8a0009021300e8aaa9d4a901565443480205000003000000ffff00000000000000000000000000",
        "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000010200",
        "00100000001d46a5ed0102000004000000c090804301020000040000005d072024010100000100000051537d52010200",
        "0004000000b812d8a00c336b948080a7b3fceda4068080ba9cb446010200030101000401020002010102833e74c3b101",
        "565443480206000004000000ffff00000000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000101000001000000a62346b30102000005000000b614db24",
        "0301000001000000a5a02d41010200000a0000000496629b0300000004000000d793e6120102000004000000a1955b21",
        "d6eb4d0c02c00a01010403a107010b63940e009e030a00010000020105b269932bc521d8ea"
    ].joined()

    @Test("a codec-1 and a codec-2 batch of this version decode to the same events")
    func stored() throws {
        let events = try Self.events()
        try expectRoundTrip(events, Self.bytes(Self.codec1))
        try expectRoundTrip(events, Self.bytes(Self.codec2))
    }
}
