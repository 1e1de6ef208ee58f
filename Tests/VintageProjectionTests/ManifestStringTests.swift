import Testing
@testable import VintageProjection

/// Strings in the projection's files: valid UTF-8 (a stored U+FFFD included) reads back as
/// written; invalid UTF-8 is damage, never repaired into another string.
@Suite struct ManifestStringTests {
    static func read(_ bytes: [UInt8]) throws(ManifestError) -> String {
        var reader = ManifestByteReader([UInt8(bytes.count)] + bytes)
        return try reader.string("test string")
    }

    @Test func validUTF8ReadsBackAsWritten() throws {
        for text in ["", "trade.kr.semiconductors", "caf\u{E9}", "\u{FFFD}", "\u{1F4C8} index", "a\u{0}b"] {
            var writer = ManifestByteWriter()
            writer.string(text)
            var reader = ManifestByteReader(writer.bytes)
            #expect(try reader.string("test string") == text)
            #expect(reader.remaining == 0)
        }
    }

    @Test(arguments: [[0xFF], [0x61, 0xC3], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x61, 0x80, 0x62]] as [[UInt8]])
    func invalidUTF8IsDamage(bytes: [UInt8]) {
        #expect(throws: ManifestError.self) { try Self.read(bytes) }
    }
}
