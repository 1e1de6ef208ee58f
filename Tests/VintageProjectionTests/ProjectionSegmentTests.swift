import Testing
import VintageCore
import VintageFiles
import VintageProjection
import VintageTestSupport

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct ProjectionSegmentTests {
    /// Five chunks of 1000, 1000, 1000, 3000 and 10 bytes, packed with a 2,500-byte limit.
    static let sizes = [1000, 1000, 1000, 3000, 10]

    static func writeFive(_ directory: ProjectionDirectory) throws -> (references: [ChunkReference], files: [String]) {
        let chunks = sizes.enumerated().map { SegmentChunk(bytes: sampleBytes($1, seed: UInt8($0)), summary: [UInt8($0)]) }
        return try directory.writeUnsyncedSegments(chunks, byteLimit: 2500)
    }

    @Test func chunksPackedIntoSegmentFilesReadBackOneByOne() throws {
        try withScratchDirectory { store in
            let directory = try ProjectionDirectory.open(inStore: store)
            let (references, files) = try Self.writeFive(directory)
            // A segment ends before the chunk that would take it past the limit; a larger
            // chunk gets one of its own.
            #expect(files.count == 4)
            #expect(references.map(\.name) == [files[0], files[0], files[1], files[2], files[3]])
            #expect(references.map(\.offset) == [0, 1000, 0, 0, 0])
            #expect(references.map(\.summary) == [[0], [1], [2], [3], [4]])
            #expect(files.allSatisfy { $0.hasSuffix(ProjectionDirectory.segmentExtension) && ChunkReference.isValidName($0) })
            #expect(files.map { fileBytes(directory.chunkPath($0))!.count } == [2000, 1000, 3000, 10])
            for (i, reference) in references.enumerated() {
                #expect(reference.checksum == crc32cOf(sampleBytes(Self.sizes[i], seed: UInt8(i))))
                #expect(try directory.readChunk(reference) == sampleBytes(Self.sizes[i], seed: UInt8(i)))
            }
            try directory.syncFiles(files)
            try directory.commit(manifest(logSeq: 3, chunks: references))
            #expect(try directory.currentManifest().referencedFileNames.sorted() == files.sorted())
            #expect(try directory.collectGarbage().removed == [])
            #expect(directory.verifyFiles() == [])
            #expect(throws: ProjectionFileError.chunkMissing(path: directory.chunkPath("0000.vseg"))) {
                try directory.syncFiles(["0000.vseg"])
            }
        }
    }

    @Test func damageToOneChunkOfASegmentIsReportedForThatChunkOnly() throws {
        try withScratchDirectory { store in
            let directory = try ProjectionDirectory.open(inStore: store)
            let (references, files) = try Self.writeFive(directory)
            try directory.syncFiles(files)
            try directory.commit(manifest(logSeq: 3, chunks: references))
            var bytes = fileBytes(directory.chunkPath(files[0]))!
            bytes[1500] ^= 0x01
            overwriteFile(directory.chunkPath(files[0]), with: bytes)
            #expect(try directory.readChunk(references[0]) == sampleBytes(1000, seed: 0))
            #expect(
                throws: ProjectionFileError.chunkChecksumMismatch(
                    path: directory.chunkPath(files[0]), expected: references[1].checksum, found: crc32cOf(Array(bytes[1000..<2000])))
            ) {
                try directory.readChunk(references[1])
            }
            #expect(directory.verifyFiles().count == 1)

            // Cut short inside the second chunk: the first still reads.
            overwriteFile(directory.chunkPath(files[0]), with: Array(bytes[0..<1500]))
            #expect(try directory.readChunk(references[0]) == sampleBytes(1000, seed: 0))
            #expect(throws: ProjectionFileError.chunkSizeMismatch(path: directory.chunkPath(files[0]), expected: 2000, found: 1500)) {
                try directory.readChunk(references[1])
            }
            let problems = directory.verifyFiles()
            #expect(problems.count == 1)
            #expect(problems.first?.hasPrefix(directory.chunkPath(files[0]) + ": 1500 bytes") == true, "\(problems)")
        }
    }

    @Test func aSnapshotLinksEachSegmentOnceAndKeepsItFromGarbageCollection() throws {
        try withScratchDirectory { store in
            let directory = try ProjectionDirectory.open(inStore: store)
            let (references, files) = try Self.writeFive(directory)
            try directory.syncFiles(files)
            let before = manifest(logSeq: 3, chunks: references)
            try directory.commit(before)
            let info = try directory.createSnapshot(name: "packed", createdAt: 1)
            #expect(info.fileCount == 4)
            #expect(info.byteCount == fileBytes(directory.manifestPath)!.count + Self.sizes.reduce(0, +))
            #expect(directoryNames(directory.snapshotPath("packed")) == (["INFO", "MANIFEST"] + files).sorted())

            // A later manifest keeps only the first chunk: its segment stays, the others
            // stay for the snapshot.
            try directory.commit(manifest(logSeq: 4, chunks: [references[0]]))
            #expect(try directory.collectGarbage().removed == [])
            try directory.deleteSnapshot(name: "packed")
            #expect(try directory.collectGarbage().removed.sorted() == files[1...].map(directory.chunkPath).sorted())
            #expect(try directory.readChunk(references[1]) == sampleBytes(1000, seed: 1))
            #expect(directory.verifyFiles() == [])
        }
    }
}
