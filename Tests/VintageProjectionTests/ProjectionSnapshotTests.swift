import Testing
import VintageCore
import VintageFiles
import VintageProjection
import VintageTestSupport

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct ProjectionSnapshotTests {
    @Test func aSnapshotSharesChunksByHardLinkAndSurvivesLaterCommits() throws {
        try withScratchDirectory { store in
            let directory = try ProjectionDirectory.open(inStore: store)
            let a = try directory.writeChunk(sampleBytes(4000, seed: 1))
            let b = try directory.writeChunk(sampleBytes(2000, seed: 2))
            let atFive = manifest(logSeq: 5, chunks: [a, b])
            try directory.commit(atFive)

            let info = try directory.createSnapshot(name: "before-revision", createdAt: 1_770_000_000_000_000)
            #expect(
                info
                    == SnapshotInfo(
                        name: "before-revision", logSeq: 5, createdAt: 1_770_000_000_000_000,
                        byteCount: fileBytes(directory.manifestPath)!.count + 6000, fileCount: 2))
            #expect(try directory.listSnapshots() == [info])
            let snapshot = directory.snapshotPath("before-revision")
            #expect(directoryNames(snapshot) == ["INFO", "MANIFEST", a.name, b.name].sorted())
            #expect(fileBytes(snapshot + "/MANIFEST") == fileBytes(directory.manifestPath))
            for chunk in [a, b] {
                let current = inodeAndLinks(directory.chunkPath(chunk.name))!
                let linked = inodeAndLinks(snapshot + "/" + chunk.name)!
                #expect(current.inode == linked.inode)
                #expect(current.links == 2)
            }

            // New data replaces b; the snapshot keeps b alive, also in chunks/.
            let c = try directory.writeChunk(sampleBytes(1000, seed: 3))
            let atNine = manifest(logSeq: 9, chunks: [a, c])
            try directory.commit(atNine)
            #expect(try directory.collectGarbage().removed == [])
            #expect(directoryNames(directory.chunksPath) == [a.name, b.name, c.name].sorted())

            // Restore, then commit new data: the snapshot stays as it was.
            #expect(try directory.restoreSnapshot(name: "before-revision") == atFive)
            #expect(try directory.currentManifest() == atFive)
            #expect(try directory.readChunk(b) == sampleBytes(2000, seed: 2))
            let d = try directory.writeChunk(sampleBytes(500, seed: 4))
            let caughtUp = manifest(logSeq: 12, chunks: [a, b, d])
            try directory.commit(caughtUp)
            #expect(try directory.collectGarbage().removed == [directory.chunkPath(c.name)])
            #expect(try directory.listSnapshots().map(\.logSeq) == [5])
            #expect(fileBytes(snapshot + "/MANIFEST") == atFive.encoded())
            #expect(directory.verifyFiles() == [])
            #expect(try directory.restoreSnapshot(name: "before-revision") == atFive)
            try directory.commit(caughtUp)

            // Deleting the snapshot keeps what the current manifest uses.
            try directory.deleteSnapshot(name: "before-revision")
            #expect(try directory.listSnapshots() == [])
            #expect(!exists(snapshot))
            #expect(try directory.collectGarbage().removed == [])
            for chunk in [a, b, d] { #expect(inodeAndLinks(directory.chunkPath(chunk.name))?.links == 1) }
            #expect(try directory.readChunk(a) == sampleBytes(4000, seed: 1))
            #expect(try directory.readChunk(d) == sampleBytes(500, seed: 4))
            #expect(directory.verifyFiles() == [])
        }
    }

    @Test func garbageCollectionKeepsChunksOnlyASnapshotUses() throws {
        try withScratchDirectory { store in
            let directory = try ProjectionDirectory.open(inStore: store)
            let old = try directory.writeChunk(sampleBytes(100, seed: 1))
            try directory.commit(manifest(logSeq: 1, chunks: [old]))
            try directory.createSnapshot(name: "s1")
            let new = try directory.writeChunk(sampleBytes(100, seed: 2))
            try directory.commit(manifest(logSeq: 2, chunks: [new]))
            #expect(try directory.collectGarbage().removed == [])
            #expect(exists(directory.chunkPath(old.name)))
            try directory.deleteSnapshot(name: "s1")
            #expect(try directory.collectGarbage().removed == [directory.chunkPath(old.name)])
        }
    }

    @Test func snapshotsAreListedOldestFirstWithTheirSeqs() throws {
        try withScratchDirectory { store in
            let directory = try ProjectionDirectory.open(inStore: store)
            try directory.createSnapshot(name: "empty", createdAt: 30)
            try directory.commit(manifest(logSeq: 3, chunks: [try directory.writeChunk([1])]))
            try directory.createSnapshot(name: "b.monthly_2026-01", createdAt: 10)
            try directory.commit(manifest(logSeq: 8, chunks: [try directory.writeChunk([2])]))
            try directory.createSnapshot(name: "A", createdAt: 20)
            let listed = try directory.listSnapshots()
            #expect(listed.map(\.name) == ["b.monthly_2026-01", "A", "empty"])
            #expect(listed.map(\.logSeq) == [3, 8, 0])
            #expect(listed.map(\.fileCount) == [1, 1, 0])
            #expect(try directory.restoreSnapshot(name: "empty") == ProjectionManifest())
        }
    }

    @Test func snapshotNamesAreValidatedAndNeverReused() throws {
        try withScratchDirectory { store in
            let directory = try ProjectionDirectory.open(inStore: store)
            for bad in ["", ".hidden", "-flag", "../escape", "a/b", "with space", String(repeating: "x", count: 65)] {
                do throws(ProjectionFileError) {
                    try directory.createSnapshot(name: bad)
                    Issue.record("snapshot name '\(bad)' accepted")
                } catch {
                    guard case .invalidSnapshotName = error else { Issue.record("\(bad): \(error)"); continue }
                }
            }
            try directory.createSnapshot(name: String(repeating: "x", count: 64))
            try directory.createSnapshot(name: "nightly")
            #expect(throws: ProjectionFileError.snapshotExists("nightly")) { try directory.createSnapshot(name: "nightly") }
            #expect(throws: ProjectionFileError.snapshotNotFound("weekly")) { try directory.restoreSnapshot(name: "weekly") }
            #expect(throws: ProjectionFileError.snapshotNotFound("weekly")) { try directory.deleteSnapshot(name: "weekly") }
            #expect(throws: ProjectionFileError.self) { try directory.deleteSnapshot(name: "..") }
            #expect(directoryNames(directory.snapshotsPath) == ["nightly", String(repeating: "x", count: 64)].sorted())
        }
    }

    @Test func restoringRelinksChunksMissingFromTheChunkDirectory() throws {
        try withScratchDirectory { store in
            let directory = try ProjectionDirectory.open(inStore: store)
            let chunk = try directory.writeChunk(sampleBytes(300, seed: 1))
            let saved = manifest(logSeq: 2, chunks: [chunk])
            try directory.commit(saved)
            try directory.createSnapshot(name: "s")
            #expect(unlink(directory.chunkPath(chunk.name)) == 0)
            #expect(directory.verifyFiles().count == 1)
            #expect(try directory.restoreSnapshot(name: "s") == saved)
            #expect(try directory.readChunk(chunk) == sampleBytes(300, seed: 1))
            #expect(directory.verifyFiles() == [])
        }
    }

    @Test func aDamagedSnapshotIsReportedAndCanBeDeleted() throws {
        try withScratchDirectory { store in
            let directory = try ProjectionDirectory.open(inStore: store)
            let chunk = try directory.writeChunk(sampleBytes(300, seed: 1))
            try directory.commit(manifest(logSeq: 2, chunks: [chunk]))
            try directory.createSnapshot(name: "good")
            try directory.createSnapshot(name: "bad")
            let badManifest = directory.snapshotPath("bad") + "/MANIFEST"
            var bytes = fileBytes(badManifest)!
            bytes[9] ^= 0xFF
            overwriteFile(badManifest, with: bytes)
            overwriteFile(directory.snapshotPath("bad") + "/INFO", with: [1, 2])

            let problems = directory.verifyFiles()
            #expect(problems.count == 2, "\(problems)")
            #expect(problems.contains { $0.hasPrefix(badManifest + ": damaged manifest") })
            #expect(problems.contains { $0.hasPrefix(directory.snapshotPath("bad") + "/INFO: damaged snapshot description") })
            // Listed, marked as damaged, beside the good one.
            let listed = try directory.listSnapshots()
            #expect(listed.map(\.name) == ["bad", "good"])
            #expect(listed[0].damage?.hasPrefix(badManifest + ": damaged manifest") == true)
            #expect(listed[1].damage == nil)
            #expect(throws: ProjectionFileError.self) { try directory.restoreSnapshot(name: "bad") }
            #expect(try directory.collectGarbage().unreadableSnapshots == ["bad"])
            try directory.deleteSnapshot(name: "bad")
            #expect(try directory.listSnapshots().map(\.name) == ["good"])
            #expect(directory.verifyFiles() == [])
        }
    }

    @Test func aDamagedChunkInsideASnapshotIsReportedOnce() throws {
        try withScratchDirectory { store in
            let directory = try ProjectionDirectory.open(inStore: store)
            let chunk = try directory.writeChunk(sampleBytes(300, seed: 1))
            try directory.commit(manifest(logSeq: 2, chunks: [chunk]))
            try directory.createSnapshot(name: "s")
            // Damage in place: both names share the inode, so both see it.
            let fd = open(directory.chunkPath(chunk.name), O_WRONLY)
            #expect(fd >= 0)
            var byte: UInt8 = 0xAA
            #expect(pwrite(fd, &byte, 1, 17) == 1)
            close(fd)
            let problems = directory.verifyFiles()
            #expect(problems.count == 1, "\(problems)")
            #expect(problems.first?.hasPrefix(directory.chunkPath(chunk.name) + ": CRC-32C") == true)
        }
    }
}
