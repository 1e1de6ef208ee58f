import Vintage

#if canImport(Glibc)
    import Glibc
#endif

/// What stores on a shared log (PostgreSQL) need from the command line, installed by
/// `vintage-postgres` (module VintagePostgresCLI). `vintage` itself links no PostgreSQL
/// client — SwiftNIO and Foundation would slow every command's start-up — and hands a
/// command that needs one to `vintage-postgres`, installed beside it (see ``SharedLog``).
public protocol SharedLogSupport: Sendable {
    /// Opens the store in `directory`, whose log is shared, caught up to the shared log's end;
    /// `replica` opens its local part (`create`: making it). `eachBatch` receives a line per
    /// batch copied (for `follow`), or nil.
    /// An append waits up to `waitSeconds` (`--wait`; nil: 60) for another host's append.
    func openStore(directory: String, waitSeconds: Double?, eachBatch: ((String) -> Void)?, replica: (_ create: Bool) throws -> Store) throws -> Store

    /// Makes `directory` a store on the shared log at `url` (or opens it, when it already is
    /// one on that log). Returns the store and whether it was made now.
    func createStore(directory: String, url: String, waitSeconds: Double?, replica: (_ create: Bool) throws -> Store) throws -> (
        store: Store, created: Bool
    )

    /// Copies each batch other hosts append into `store`, calling `eachBatch` with a line for
    /// each, until `shouldStop` says so.
    func follow(_ store: Store, directory: String, pollSeconds: Double, shouldStop: @escaping () -> Bool, eachBatch: @escaping (String) -> Void)
        throws
}

/// The installed ``SharedLogSupport``, if this program has one.
public enum SharedLog {
    nonisolated(unsafe) public static var support: (any SharedLogSupport)?

    /// The name of the program with PostgreSQL support.
    public static let programName = "vintage-postgres"

    /// The installed support; without one, this process becomes `vintage-postgres` (beside
    /// this program, else on PATH) with the same arguments and environment — nothing has been
    /// opened or printed yet when a command asks.
    static func required() throws -> any SharedLogSupport {
        if let support { return support }
        var candidates: [String] = []
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 {
            let exe = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if let slash = exe.lastIndex(of: "/") { candidates.append(String(exe[...slash]) + programName) }
        }
        fflush(nil)
        for path in candidates where access(path, X_OK) == 0 {
            execv(path, CommandLine.unsafeArgv)
        }
        execvp(programName, CommandLine.unsafeArgv)
        throw UserError(
            "this store's log is shared (PostgreSQL), which needs \(programName) installed beside vintage or on PATH (tools/install.sh installs both)"
        )
    }

    /// The shared log's URL (without a password) recorded in the store directory, nil for an
    /// embedded store.
    static func name(inStore directory: String) -> String? {
        guard let file = fopen(directory + "/shared-log", "r") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 4096)
        guard fgets(&line, Int32(line.count), file) != nil else { return "" }
        var text = String(decoding: line.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}

extension SharedLog {
    /// The file `vintage follow` holds locked (flock) while it keeps the store current.
    static func followLockPath(inStore directory: String) -> String { directory + "/follow.lock" }

    /// Takes the follower's lock of the store in `directory` for the rest of the process;
    /// false when another `follow` holds it.
    static func lockAsFollower(inStore directory: String) -> Bool {
        let fd = open(followLockPath(inStore: directory), O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return true }
        return flock(fd, LOCK_EX | LOCK_NB) == 0
    }

    /// Whether a `vintage follow` keeps the store in `directory` current now: its replica
    /// and projection then are, and reads answer from them without asking the shared log.
    static func isFollowed(inStore directory: String) -> Bool {
        let fd = open(followLockPath(inStore: directory), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK
    }
}

/// The command line as a library: `vintage` and `vintage-postgres` run it.
public enum VintageCommandLine {
    /// Runs the command line with the process's arguments and ends the process.
    public static func run() -> Never {
        VintageCommand.main()
        exit(0)
    }
}
