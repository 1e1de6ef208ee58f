import ArgumentParser
import Synchronization
import Vintage

#if canImport(Glibc)
    import Glibc
#endif

/// Set by SIGINT and SIGTERM while `follow` runs.
private let followStopRequested = Atomic<Bool>(false)

/// `vintage follow`: keep a store on a shared log current as other hosts append.
struct FollowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "follow",
        abstract: "Keep this host's copy of a shared log, and its projection, current as other hosts append.",
        discussion: """
            For a store made with `vintage init --log postgresql://…`. Prints one line per record batch \
            applied (its seqs, event count and recording time) as soon as PostgreSQL notifies an append, \
            polling the shared log every --poll seconds as well. Stops cleanly on Ctrl-C (SIGINT) or SIGTERM. \
            While it runs, commands that only read this store answer from its local copy without asking \
            PostgreSQL (as fast as on an embedded store).
            """
    )

    @ParentCommand var root: VintageCommand

    @Option(help: ArgumentHelp("How often to read the shared log's end when no notification came, in seconds.", valueName: "seconds"))
    var poll: Double = 1

    func validate() throws {
        guard poll.isFinite, poll >= 0.01, poll <= 3600 else { throw ValidationError("--poll wants seconds from 0.01 to 3600, not \(poll)") }
    }

    func run() throws {
        let directory = root.storeDirectory, wait = root.wait
        guard let shared = SharedLog.name(inStore: directory) else {
            throw UserError("\(directory) is an embedded store: follow needs a store on a shared log (`vintage init --log postgresql://…`)")
        }
        let support = try SharedLog.required()
        guard SharedLog.lockAsFollower(inStore: directory) else {
            throw UserError("another `vintage follow` keeps \(directory) current already")
        }
        signal(SIGINT) { _ in followStopRequested.store(true, ordering: .sequentiallyConsistent) }
        signal(SIGTERM) { _ in followStopRequested.store(true, ordering: .sequentiallyConsistent) }
        // A parent may have started this process with them blocked (Foundation's `Process` does).
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGINT)
        sigaddset(&stopSignals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &stopSignals, nil)
        let store = try support.openStore(directory: directory, waitSeconds: wait, eachBatch: Self.report) { create in
            try VintageCommand.openReplica(directory: directory, wait: wait, create: create)
        }
        Terminal.writeError("vintage: following \(shared) from seq \(try store.lastSeq()); Ctrl-C stops")
        try support.follow(
            store, directory: directory, pollSeconds: poll,
            shouldStop: { followStopRequested.load(ordering: .sequentiallyConsistent) }, eachBatch: Self.report)
    }

    /// Prints the line of a batch applied.
    static func report(_ line: String) {
        print(line)
        fflush(nil)
    }
}
