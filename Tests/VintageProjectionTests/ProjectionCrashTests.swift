import Testing
import VintageCore
import VintageFiles
import VintageProjection
import VintageTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Crash safety with real crashes: a child process (this test binary, running only the
/// writer test below) commits in a loop and is killed with SIGKILL at random moments; the
/// projection it leaves must always be the last complete commit.
@Suite struct ProjectionCrashTests {
    /// When set, the writer test writes into this store until it is killed.
    static let writerStoreVariable = "VINTAGE_PROJECTION_CRASH_WRITER_STORE"

    @Test func aWriterLeavesACompleteProjectionAfterEveryCommit() throws {
        if let store = getenv(Self.writerStoreVariable) {
            // The child process of the crash test: write until killed (or orphaned).
            try Self.write(into: String(cString: store), commits: Int.max) { _, _ in }
            return
        }
        try withScratchDirectory { store in
            try Self.write(into: store, commits: 40) { (directory: ProjectionDirectory, seq: Int64) throws in
                let committed = try directory.currentManifest().logSeq
                #expect(committed == seq)
                #expect(directory.verifyFiles() == [])
            }
            let directory = try ProjectionDirectory.open(inStore: store)
            try directory.collectGarbage()
            #expect(directoryNames(directory.chunksPath) == Self.liveChunkNames(directory))
        }
    }

    @Test func aWriterKilledAtRandomMomentsLeavesItsLastCommit() throws {
        #if os(Linux)
            try withScratchDirectory { store in
                var lastSeen: Int64 = 0
                for round in 0..<8 {
                    let pid = try Self.spawnWriter(store: store)
                    let target = lastSeen + Int64.random(in: 3...25)
                    var exited = false
                    let start = DurableClock.now()
                    while DurableClock.now() - start < 60_000_000 {
                        var status: Int32 = 0
                        if waitpid(pid, &status, WNOHANG) == pid {
                            Issue.record("round \(round): the writer exited by itself (status \(status))")
                            exited = true
                            break
                        }
                        if let seq = try? ProjectionDirectory.open(inStore: store).currentManifest().logSeq, seq >= target { break }
                        usleep(UInt32.random(in: 100...3000))
                    }
                    if !exited {
                        // Kill at a random point of whatever the writer is doing by now.
                        usleep(UInt32.random(in: 0...15_000))
                        kill(pid, SIGKILL)
                        var status: Int32 = 0
                        waitpid(pid, &status, 0)
                        #expect(status & 0x7F == SIGKILL, "round \(round): the writer was not killed by SIGKILL (status \(status))")
                    }

                    let directory = try ProjectionDirectory.open(inStore: store)
                    let manifest = try directory.currentManifest()
                    #expect(manifest.logSeq >= lastSeen, "round \(round)")
                    #expect(manifest.logSeq >= target, "round \(round): the writer never reached seq \(target)")
                    lastSeen = manifest.logSeq
                    #expect(directory.verifyFiles() == [], "round \(round)")
                    let snapshots = try directory.listSnapshots()
                    try directory.collectGarbage()
                    #expect(directoryNames(directory.chunksPath) == Self.liveChunkNames(directory), "round \(round)")
                    #expect(directoryNames(directory.snapshotsPath) == snapshots.map(\.name).sorted(), "round \(round)")
                    #expect(directory.verifyFiles() == [], "round \(round)")
                }
            }
        #endif
    }

    /// Commits `commits` times: each commit writes one to three new chunks for one of five
    /// series (dropping that series' previous chunks), and now and then collects garbage,
    /// takes a snapshot or deletes the oldest. `check` runs after each commit.
    static func write(
        into store: String, commits: Int, check: (ProjectionDirectory, Int64) throws -> Void
    ) throws {
        let parent = getppid()
        let deadline = DurableClock.now() + 120_000_000
        let directory = try ProjectionDirectory.open(inStore: store)
        var manifest = try directory.currentManifest()
        var done = 0
        while done < commits {
            if commits == Int.max && (getppid() != parent || DurableClock.now() > deadline) { return }
            let seq = manifest.logSeq + 1
            let id = SeriesID(unchecked: "s.\(seq % 5)")
            var chunks: [ChunkReference] = []
            for n in 0..<Int.random(in: 1...3) {
                chunks.append(try directory.writeChunk(sampleBytes(Int.random(in: 1...40_000), seed: UInt8(truncatingIfNeeded: Int(seq) &* 3 &+ n))))
            }
            manifest.logSeq = seq
            manifest.series[id] = .init(chunks: chunks, head: .inline(Array("head \(seq)".utf8)), statuses: [nil, "final"])
            try directory.commit(manifest)
            try check(directory, seq)
            if seq % 4 == 0 { try directory.collectGarbage() }
            if seq % 3 == 0 { try directory.createSnapshot(name: "at-\(seq)") }
            if seq % 5 == 0, let oldest = try directory.listSnapshots().first { try directory.deleteSnapshot(name: oldest.name) }
            done += 1
        }
    }

    /// The chunk file names the current manifest or any snapshot names, sorted.
    static func liveChunkNames(_ directory: ProjectionDirectory) -> [String] {
        var names = Set<String>()
        if let current = try? directory.currentManifest() { names.formUnion(current.referencedFiles.map(\.name)) }
        for name in directoryNames(directory.snapshotsPath) {
            if let bytes = fileBytes(directory.snapshotPath(name) + "/MANIFEST"),
                let manifest = try? ProjectionManifest(decoding: bytes)
            {
                names.formUnion(manifest.referencedFiles.map(\.name))
            }
        }
        return names.sorted()
    }

    /// Starts this test binary running only the writer test, writing into `store`.
    static func spawnWriter(store: String) throws -> pid_t {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { throw SpawnError(reason: "cannot find the test executable") }
        let executable = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let arguments = [executable, "--testing-library", "swift-testing", "--filter", "aWriterLeavesACompleteProjectionAfterEveryCommit"]
        var environment: [String] = []
        var entry = environ
        while let pointer = entry.pointee {
            environment.append(String(cString: pointer))
            entry += 1
        }
        environment.append("\(writerStoreVariable)=\(store)")

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard result == 0 else { throw SpawnError(reason: String(cString: strerror(result))) }
        return pid
    }

    struct SpawnError: Error { var reason: String }
}

/// Wall-clock microseconds, for the crash test's timeouts.
enum DurableClock {
    static func now() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1_000
    }
}
