import Testing
import VintageCore
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
        #expect(richManifest().referencedFiles.map(\.name).sorted() == ["00aa.vtch", "00bb.vtch", "00cc.vtch"])
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
