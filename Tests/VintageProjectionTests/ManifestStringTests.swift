import Testing
import VintageCore

@testable import VintageFiles
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

    @Test func skipStringReadsOnlyAnEqualString() throws {
        var writer = ManifestByteWriter()
        writer.string("seg-1.vseg")
        writer.string("seg-2.vseg")
        var reader = ManifestByteReader(writer.bytes)
        let skipped = ["seg-2.vseg", "seg-1.vse", "seg-1.vsegx", "seg-1.vseg"].map { reader.skipString(equalTo: $0) }
        #expect(skipped == [false, false, false, true])
        #expect(try reader.string("second") == "seg-2.vseg")
        let atEnd = reader.skipString(equalTo: "seg-2.vseg")
        #expect(!atEnd)
        #expect(reader.remaining == 0)
    }

    /// A length prefix need not be the shortest LEB128 (0x85 0x00 is 5): an equal string
    /// so prefixed is still skipped as `string` would read it; a string at the reader's end
    /// bound is not read past it.
    @Test func skipStringTakesAnyLengthEncodingAndStopsAtTheEnd() throws {
        let bytes: [UInt8] = [0x85, 0x00] + Array("a.vse".utf8) + [0x05] + Array("b.vse".utf8)
        var reader = ManifestByteReader(bytes)
        let skipped = reader.skipString(equalTo: "a.vse")
        #expect(skipped)
        #expect(reader.offset == 7)
        var bounded = ManifestByteReader(bytes, from: 7, to: bytes.count - 1)
        let pastTheEnd = bounded.skipString(equalTo: "b.vse")
        #expect(!pastTheEnd)
        #expect(bounded.offset == 7)
        var overflowing = ManifestByteReader([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x61])
        let overflowed = overflowing.skipString(equalTo: "a")
        #expect(!overflowed)
    }

    /// `skipString` accepts exactly what `string` reads, moving as far, and refuses the rest
    /// with the same error: ASCII and other UTF-8, invalid UTF-8, a length past the end, a
    /// truncated or long length prefix.
    @Test func skipStringChecksAsStringReads() throws {
        let cases: [[UInt8]] = [
            [0x00], [0x03] + Array("abc".utf8), [0x11] + Array("trade.kr.exports.x".utf8).prefix(17),
            [0x85, 0x00] + Array("a.vse".utf8), [0x03, 0x61, 0xC3, 0xA9], [0x02, 0xC3, 0x28], [0x05, 0x61],
            [0x80], [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01], [0x0A] + Array("0123456789".utf8) + [0x61],
            [0x09] + Array("01234567".utf8) + [0x80], []
        ]
        for bytes in cases {
            var reading = ManifestByteReader(bytes)
            var skipping = ManifestByteReader(bytes)
            let read = Result { () throws(ManifestError) in try reading.string("s") }
            let skipped = Result { () throws(ManifestError) in try skipping.skipString("s") }
            switch (read, skipped) {
            case (.success, .success): #expect(reading.offset == skipping.offset, "\(bytes)")
            case let (.failure(a), .failure(b)): #expect(a == b, "\(bytes)")
            default: Issue.record("\(bytes): \(read) but \(skipped)")
            }
        }
    }

    /// A series id is read as `SeriesID(string(…))` read it: lower-cased, and an invalid one
    /// (bad characters, bad UTF-8, empty, truncated) refused with the same message.
    @Test func seriesIDsReadAsCheckedStrings() throws {
        func viaString(_ bytes: [UInt8]) throws(ManifestError) -> SeriesID {
            var reader = ManifestByteReader(bytes)
            let text = try reader.string("series id")
            do { return try SeriesID(text) } catch { throw .damaged("invalid series id '\(text)'") }
        }
        func direct(_ bytes: [UInt8]) throws(ManifestError) -> (SeriesID, Int) {
            var reader = ManifestByteReader(bytes)
            let id = try reader.seriesID("series id")
            return (id, reader.offset)
        }
        let cases: [[UInt8]] = [
            Array("kr.exports.total".utf8), Array("GDPC1".utf8), Array("a b".utf8), [], [0xC3, 0x28],
            Array("caf\u{E9}".utf8), Array(repeating: UInt8(ascii: "x"), count: 129)
        ]
        for text in cases {
            let bytes = [UInt8(truncatingIfNeeded: text.count)] + (text.count > 127 ? [0x01] : []) + text
            let expected = Result { () throws(ManifestError) in try viaString(bytes) }
            let found = Result { () throws(ManifestError) in try direct(bytes) }
            switch (expected, found) {
            case let (.success(id), .success((readID, offset))):
                #expect(id == readID)
                #expect(offset == bytes.count)
            case let (.failure(a), .failure(b)): #expect(a == b, "\(text)")
            default: Issue.record("\(text): \(expected) but \(found)")
            }
        }
        #expect(throws: ManifestError.self) { try direct([0x05, 0x61]) }
    }

    static func manifest(chunkNames names: [String]) -> ProjectionManifest {
        var series: [SeriesID: ProjectionManifest.Series] = [:]
        for (k, id) in ["s.one", "s.two", "s.three"].enumerated() {
            let chunks = names.enumerated().map { i, name in
                ChunkReference(name: name, byteCount: 10 + i, checksum: UInt32(k * 100 + i), summary: [UInt8(i)], offset: i * 10)
            }
            series[SeriesID(unchecked: id)] = ProjectionManifest.Series(chunks: k == 1 ? [] : chunks)
        }
        return ProjectionManifest(logSeq: 7, series: series)
    }

    /// Chunk references naming the same files in runs and alternately decode as written; a
    /// name other than the previous one is still checked.
    @Test func repeatedChunkNamesDecodeAsWritten() throws {
        let manifest = Self.manifest(chunkNames: ["a.vseg", "a.vseg", "b.vseg", "a.vseg", "c.vtch", "c.vtch"])
        #expect(try ProjectionManifest(decoding: manifest.encoded()) == manifest)
        #expect(throws: ManifestError.self) { try ProjectionManifest(decoding: Self.manifest(chunkNames: ["a.vseg", "a.vseg", "../x"]).encoded()) }
    }
}
