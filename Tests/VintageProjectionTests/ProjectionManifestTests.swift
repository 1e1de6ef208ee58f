import Testing
import VintageCore
import VintageFiles
import VintageProjection

@Suite struct ProjectionManifestTests {
    @Test func aManifestDecodesToWhatWasEncoded() throws {
        let manifest = richManifest()
        let bytes = manifest.encoded()
        let decoded = try ProjectionManifest(decoding: bytes)
        #expect(decoded == manifest)
        #expect(decoded.encoded() == bytes)
        #expect(try ProjectionManifest(decoding: ProjectionManifest().encoded()) == ProjectionManifest())
    }

    @Test func referencedFilesListsChunksHeadFilesAndAttachmentFilesOnce() {
        let manifest = richManifest()
        #expect(
            manifest.referencedFiles.map { "\($0.name)@\($0.offset)" }.sorted()
                == ["00aa.vtch@0", "00bb.vtch@0", "00cc.vtch@0", "00dd.vseg@0", "00dd.vseg@300"])
        #expect(manifest.referencedFileNames.sorted() == ["00aa.vtch", "00bb.vtch", "00cc.vtch", "00dd.vseg"])
    }

    @Test func aFormat1ManifestIsStillReadWithEveryChunkAFileOfItsOwn() throws {
        // Format 1 as it was written: no offsets. logSeq 5; series "a" with one chunk
        // "x.vtch" (100 bytes, CRC 7, summary [3]) and an empty inline head.
        var body: [UInt8] = Array("VMAN".utf8) + [1, 0, 0, 0]
        body += [10, 1, 1, UInt8(ascii: "a"), 1, 6] + Array("x.vtch".utf8) + [100, 7, 0, 0, 0, 1, 3]
        body += [0, 0, 0]  // head: inline, no bytes; no statuses
        body += [0, 0]  // no tables, no attachments
        let crc = crc32cOf(body)
        for i in 0..<4 { body.append(UInt8(truncatingIfNeeded: crc >> (8 * UInt32(i)))) }
        let decoded = try ProjectionManifest(decoding: body)
        #expect(
            decoded
                == ProjectionManifest(
                    logSeq: 5,
                    series: [
                        SeriesID(unchecked: "a"): .init(chunks: [ChunkReference(name: "x.vtch", byteCount: 100, checksum: 7, summary: [3])])
                    ]))
        #expect(try ProjectionManifest(decoding: decoded.encoded()) == decoded)
    }

    @Test func anOffsetPastTheLargestFileIsDamage() {
        let bad = ProjectionManifest(series: [
            SeriesID(unchecked: "a"): .init(chunks: [
                ChunkReference(name: "x.vseg", byteCount: 10, checksum: 1, offset: Int.max - 5)
            ])
        ])
        #expect(throws: ManifestError.self) { try ProjectionManifest(decoding: bad.encoded()) }
    }

    @Test func everyTruncationIsReportedAsDamage() {
        let bytes = richManifest().encoded()
        for length in 0..<bytes.count {
            do throws(ManifestError) {
                _ = try ProjectionManifest(decoding: Array(bytes[0..<length]))
                Issue.record("a prefix of \(length) bytes went unnoticed")
            } catch {
                guard case .damaged = error else { Issue.record("prefix of \(length): \(error)"); continue }
            }
        }
    }

    @Test func everySingleBitFlipIsReportedAsDamage() {
        let bytes = richManifest().encoded()
        for bit in 0..<(bytes.count * 8) {
            var flipped = bytes
            flipped[bit / 8] ^= UInt8(1) << UInt8(bit % 8)
            do throws(ManifestError) {
                _ = try ProjectionManifest(decoding: flipped)
                Issue.record("bit \(bit) flipped went unnoticed")
            } catch {
                guard case .damaged = error else { Issue.record("bit \(bit): \(error)"); continue }
            }
        }
    }

    @Test func aManifestOfANewerFormatIsRefusedAsSuch() {
        let newer = withFormatVersion(ProjectionManifest.formatVersion + 1, richManifest().encoded())
        #expect(throws: ManifestError.newerFormat(found: ProjectionManifest.formatVersion + 1, supported: ProjectionManifest.formatVersion)) {
            try ProjectionManifest(decoding: newer)
        }
        let description = ManifestError.newerFormat(found: 2, supported: 1).description
        #expect(description.contains("newer"))
        #expect(throws: ManifestError.self) { try ProjectionManifest(decoding: withFormatVersion(0, richManifest().encoded())) }
    }

    @Test func aChunkNameReachingOutsideTheChunkDirectoryIsDamage() {
        for name in ["../MANIFEST", "a/b.vtch", ".tmp-x", "", "UPPER.vtch"] {
            let bad = ProjectionManifest(series: [SeriesID(unchecked: "a"): .init(chunks: [ChunkReference(name: name, byteCount: 1, checksum: 1)])])
            #expect(throws: ManifestError.self, "\(name)") { try ProjectionManifest(decoding: bad.encoded()) }
        }
    }

    @Test func anInvalidSeriesIDIsDamage() {
        let bad = ProjectionManifest(series: [SeriesID(unchecked: "Not Valid"): .init()])
        #expect(throws: ManifestError.self) { try ProjectionManifest(decoding: bad.encoded()) }
    }

    @Test func randomBytesNeverCrashTheDecoder() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let count = Int.random(in: 0..<200, using: &generator)
            var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if bytes.count >= 4, Bool.random(using: &generator) { bytes.replaceSubrange(0..<4, with: Array("VMAN".utf8)) }
            // A valid checksum over random contents reaches the body decoder.
            if bytes.count >= 12, Bool.random(using: &generator) { bytes = withFormatVersion(1, bytes) }
            _ = try? ProjectionManifest(decoding: bytes)
        }
    }
}
