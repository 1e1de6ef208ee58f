import ArgumentParser
import Synchronization
import Vintage
import VintagePostgres
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
        polling the shared log every --poll seconds as well. Stops cleanly on Ctrl-C (SIGINT) or SIGTERM.
        """
    )

    @ParentCommand var root: VintageCommand

    @Option(help: ArgumentHelp("How often to read the shared log's end when no notification came, in seconds (default 1).", valueName: "seconds"))
    var poll: Double = 1

    func validate() throws {
        guard poll.isFinite, poll >= 0.01, poll <= 3600 else { throw ValidationError("--poll wants seconds from 0.01 to 3600, not \(poll)") }
    }

    func run() throws {
        let directory = root.storeDirectory
        guard let address = try SharedStore.address(inStore: directory) else {
            throw UserError("\(directory) is an embedded store: follow needs a store on a shared log (`vintage init --log postgresql://…`)")
        }
        signal(SIGINT) { _ in followStopRequested.store(true, ordering: .sequentiallyConsistent) }
        signal(SIGTERM) { _ in followStopRequested.store(true, ordering: .sequentiallyConsistent) }
        // A parent may have started this process with them blocked (Foundation's `Process` does).
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGINT)
        sigaddset(&stopSignals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &stopSignals, nil)
        // Listening first: an append committed while the store catches up still wakes it.
        let follower = SharedLogFollower(address: address, pollInterval: .milliseconds(Int64(poll * 1000)))
        let store = try SharedStore.open(directory: directory, address: address, eachBatch: Self.report) {
            try VintageCommand.openReplica(directory: directory, wait: root.wait, create: false)
        }
        let log = try PostgresLog(address: address)
        Terminal.writeError("vintage: following \(address) from seq \(try store.lastSeq())\(follower.listens ? "" : " (polling)"); Ctrl-C stops")
        try follower.follow(store, from: log, shouldStop: { followStopRequested.load(ordering: .sequentiallyConsistent) }, eachBatch: Self.report)
    }

    /// Prints the line of a batch applied.
    static func report(_ batch: ReplicatedBatch) {
        let count = batch.lastSeq - batch.firstSeq + 1
        print("applied seqs \(batch.firstSeq)-\(batch.lastSeq) (\(count) event\(count == 1 ? "" : "s"), recorded \(batch.recordedAt))")
        fflush(nil)
    }
}
