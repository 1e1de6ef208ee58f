import Testing
import VintageCore
import VintageFiles
import VintageProjection
import VintageTestSupport

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct ProjectionDirectoryTests {
    @Test func openingCreatesTheLayoutAndAnEmptyProjection() throws {
        try withScratchDirectory { store in
            let directory = try ProjectionDirectory.open(inStore: store)
            #expect(directory.path == store + "/projection")
            #expect(directoryNames(directory.path) == ["chunks", "snapshots"])
            #expect(try directory.currentManifest() == ProjectionManifest())
            #expect(directory.verifyFiles() == [])
            // Opening again changes nothing.
            _ = try ProjectionDirectory.open(inStore: store)
            #expect(directoryNames(directory.path) == ["chunks", "snapshots"])
        }
    }

    @Test func aCommittedManifestAndItsChunksSurviveReopening() throws {
        try withScratchDirectory { store in
            let directory = try ProjectionDirectory.open(inStore: store)
            let first = try directory.writeChunk(sampleBytes(5000, seed: 1), summary: [1, 2])
            let head = try directory.writeChunk(sampleBytes(30, seed: 2))
            var committed = manifest(logSeq: 7, chunks: [first])
            committed.series[SeriesID(unchecked: "us.tariff.kr")] = .init(head: .file(head))
            committed.attachments["catalog"] = .inline([4, 5])
            try directory.commit(committed)

            let reopened = try ProjectionDirectory.open(inStore: store)
            let current = try reopened.currentManifest()
            #expect(current == committed)
            #expect(try reopened.readChunk(current.series[SeriesID(unchecked: "kr.exports.total")]!.chunks[0]) == sampleBytes(5000, seed: 1))
            #expect(try reopened.read(current.series[SeriesID(unchecked: "us.tariff.kr")]!.head) == sampleBytes(30, seed: 2))
            #expect(try reopened.read(current.attachments["catalog"]!) == [4, 5])
            #expect(directoryNames(reopened.path) == ["MANIFEST", "chunks", "snapshots"])
            #expect(reopened.verifyFiles() == [])
        }
    }

    @Test func aManifestIsVisibleOnlyAfterItsCommit() throws {
        try withScratchDirectory { store in
            let directory = try ProjectionDirectory.open(inStore: store)
            let old = manifest(logSeq: 3, chunks: [try directory.writeChunk(sampleBytes(100, seed: 1))])
            try directory.commit(old)
            let newer = manifest(logSeq: 9, chunks: [try directory.writeChunk(sampleBytes(100, seed: 2))])
            #expect(try directory.currentManifest() == old)
            try directory.commit(newer)
            #expect(try directory.currentManifest() == newer)
        }
    }

    @Test func chunksAreNeverOverwrittenEvenWithEqualBytes() throws {
        try withScratchDirectory { store in
            let directory = try ProjectionDirectory.open(inStore: store)
            let a = try directory.writeChunk(sampleBytes(64, seed: 1))
            let b = try directory.writeChunk(sampleBytes(64, seed: 1))
            #expect(a.name != b.name)
            #expect(a.checksum == b.checksum)
            #expect(directoryNames(directory.chunksPath) == [a.name, b.name].sorted())
            #expect(a.name.hasSuffix(".vtch"))
        }
    }

    @Test func aCrashedWriterLeavesTheOldManifestAndGarbageCollectionRemovesItsFiles() throws {
        try withScratchDirectory { store in
            let directory = try ProjectionDirectory.open(inStore: store)
            let kept = try directory.writeChunk(sampleBytes(800, seed: 1))
            let committed = manifest(logSeq: 4, chunks: [kept])
            try directory.commit(committed)

            // A writer that crashed: chunks written but never committed, a half-written
            // temporary chunk, a temporary manifest not yet renamed, a half-built snapshot.
            let orphan = try directory.writeChunk(sampleBytes(300, seed: 2))
            overwriteFile(directory.chunksPath + "/.tmp-0123456789abcdef.vtch", with: sampleBytes(10, seed: 3))
            overwriteFile(directory.path + "/.tmp-MANIFEST-0123456789abcdef", with: manifest(logSeq: 8, chunks: [orphan]).encoded())
            overwriteFile(directory.path + "/.tmp-MANIFEST-fedcba9876543210", with: [1, 2, 3])
            #expect(mkdir(directory.snapshotsPath + "/.tmp-nightly-0123456789abcdef", 0o755) == 0)
            overwriteFile(directory.snapshotsPath + "/.tmp-nightly-0123456789abcdef/" + kept.name, with: [0])

            let reopened = try ProjectionDirectory.open(inStore: store)
            #expect(try reopened.currentManifest() == committed)
            #expect(try reopened.listSnapshots() == [])
            #expect(reopened.verifyFiles() == [])

            let report = try reopened.collectGarbage()
            #expect(report.removed.count == 5)
            #expect(report.byteCount == 310)
            #expect(directoryNames(reopened.chunksPath) == [kept.name])
            #expect(directoryNames(reopened.path) == ["MANIFEST", "chunks", "snapshots"])
            #expect(directoryNames(reopened.snapshotsPath) == [])
            #expect(try reopened.readChunk(kept) == sampleBytes(800, seed: 1))
            #expect(try reopened.collectGarbage().removed == [])
        }
    }

    @Test func garbageCollectionRemovesChunksAReplacedManifestNamed() throws {
        try withScratchDirectory { store in
            let directory = try ProjectionDirectory.open(inStore: store)
            let a = try directory.writeChunk(sampleBytes(10, seed: 1))
            let b = try directory.writeChunk(sampleBytes(10, seed: 2))
            try directory.commit(manifest(logSeq: 1, chunks: [a, b]))
            let c = try directory.writeChunk(sampleBytes(10, seed: 3))
            try directory.commit(manifest(logSeq: 2, chunks: [a, c]))
            #expect(try directory.collectGarbage().removed == [directory.chunkPath(b.name)])
            #expect(directoryNames(directory.chunksPath) == [a.name, c.name].sorted())
        }
    }

    @Test(arguments: ["truncated", "bit-flipped", "empty"])
    func aDamagedManifestIsATypedErrorAndBlocksGarbageCollection(damage: String) throws {
        try withScratchDirectory { store in
            let directory = try ProjectionDirectory.open(inStore: store)
            try directory.commit(manifest(logSeq: 4, chunks: [try directory.writeChunk(sampleBytes(100, seed: 1))]))
            let orphan = try directory.writeChunk(sampleBytes(100, seed: 2))
            var bytes = fileBytes(directory.manifestPath)!
            switch damage {
            case "truncated": bytes.removeLast(7)
            case "bit-flipped": bytes[bytes.count / 2] ^= 0x10
            default: bytes = []
            }
            overwriteFile(directory.manifestPath, with: bytes)

            do throws(ProjectionFileError) {
                _ = try directory.currentManifest()
                Issue.record("a \(damage) manifest was read")
            } catch {
                guard case let .unreadableManifest(path, .damaged) = error else { Issue.record("\(error)"); return }
                #expect(path == directory.manifestPath)
            }
            let problems = directory.verifyFiles()
            #expect(problems.count == 1)
            #expect(problems.first?.hasPrefix(directory.manifestPath + ": damaged manifest") == true)
            #expect(throws: ProjectionFileError.self) { try directory.collectGarbage() }
            #expect(exists(directory.chunkPath(orphan.name)))
        }
    }

    @Test func aManifestOfANewerFormatOnDiskIsRefused() throws {
        try withScratchDirectory { store in
            let directory = try ProjectionDirectory.open(inStore: store)
            let newer = ProjectionManifest.formatVersion + 1
            overwriteFile(directory.manifestPath, with: withFormatVersion(newer, manifest(logSeq: 1, chunks: []).encoded()))
            #expect(
                throws: ProjectionFileError.unreadableManifest(
                    path: directory.manifestPath, .newerFormat(found: newer, supported: ProjectionManifest.formatVersion))
            ) {
                try directory.currentManifest()
            }
            #expect(directory.verifyFiles().first?.contains("newer") == true)
        }
    }

    @Test func aDamagedChunkIsAnErrorNamingTheFile() throws {
        try withScratchDirectory { store in
            let directory = try ProjectionDirectory.open(inStore: store)
            let flipped = try directory.writeChunk(sampleBytes(1000, seed: 1))
            let truncated = try directory.writeChunk(sampleBytes(1000, seed: 2))
            let missing = try directory.writeChunk(sampleBytes(1000, seed: 3))
            let intact = try directory.writeChunk(sampleBytes(1000, seed: 4))
            try directory.commit(manifest(logSeq: 1, chunks: [flipped, truncated, missing, intact]))

            var bytes = sampleBytes(1000, seed: 1)
            bytes[500] ^= 0x01
            overwriteFile(directory.chunkPath(flipped.name), with: bytes)
            overwriteFile(directory.chunkPath(truncated.name), with: Array(sampleBytes(1000, seed: 2)[0..<999]))
            #expect(unlink(directory.chunkPath(missing.name)) == 0)

            #expect(
                throws: ProjectionFileError.chunkChecksumMismatch(
                    path: directory.chunkPath(flipped.name), expected: flipped.checksum, found: crc32cOf(bytes))
            ) {
                try directory.readChunk(flipped)
            }
            #expect(throws: ProjectionFileError.chunkSizeMismatch(path: directory.chunkPath(truncated.name), expected: 1000, found: 999)) {
                try directory.readChunk(truncated)
            }
            #expect(throws: ProjectionFileError.chunkMissing(path: directory.chunkPath(missing.name))) {
                try directory.readChunk(missing)
            }
            #expect(try directory.readChunk(intact) == sampleBytes(1000, seed: 4))

            let problems = directory.verifyFiles()
            #expect(problems.count == 3)
            for damaged in [flipped, truncated, missing] {
                #expect(problems.contains { $0.hasPrefix(directory.chunkPath(damaged.name) + ": ") }, "\(problems)")
            }
            #expect(!problems.contains { $0.contains(intact.name) })
        }
    }

    @Test func aReferenceNamingAFileOutsideTheChunkDirectoryIsRefused() throws {
        try withScratchDirectory { store in
            let directory = try ProjectionDirectory.open(inStore: store)
            try directory.commit(ProjectionManifest())
            #expect(throws: ProjectionFileError.invalidFileName("../MANIFEST")) {
                try directory.readChunk(ChunkReference(name: "../MANIFEST", byteCount: 0, checksum: 0))
            }
        }
    }

    @Test func openingFailsWithATypedErrorWhenTheStoreIsMissing() throws {
        try withScratchDirectory { scratch in
            #expect(throws: ProjectionFileError.self) { try ProjectionDirectory.open(inStore: scratch + "/no/such/store") }
        }
    }
}
