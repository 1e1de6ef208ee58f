import ArgumentParser
import Vintage

/// `vintage init`: create an empty store.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an empty store.",
        discussion: """
            Makes the store directory (--store DIR, else $VINTAGE_STORE, else ./vintage-store), \
            with any missing parent directories, and an empty log in it. Appending also creates \
            the store on first use; init makes it explicit. Running it on an existing store \
            changes nothing.
            Examples:
              vintage init
              vintage --store ~/data/trade/vintage init
            """
    )

    @ParentCommand var root: VintageCommand

    @Option(
        help: ArgumentHelp(
            "A shared log in PostgreSQL (default: $VINTAGE_LOG_URL): the store keeps a replica of it and its own projection; the password comes from PGPASSWORD or ~/.pgpass.",
            valueName: "postgresql://user@host:port/db"))
    var log: String?

    func run() throws {
        if let url = VintageCommand.sharedLogURL(log) {
            let directory = root.storeDirectory, wait = root.wait
            let (store, created) = try SharedLog.required().createStore(directory: directory, url: url, waitSeconds: wait) { create in
                try VintageCommand.openReplica(directory: directory, wait: wait, create: create)
            }
            let shared = VintageCommand.logDescription(inStore: directory)
            let events = try store.lastSeq()
            print(
                created
                    ? "Store ready at \(store.directory) on the shared log \(shared) (\(events) events)"
                    : "Store at \(store.directory) already on the shared log \(shared) (\(events) events); nothing changed")
            return
        }
        let store = try root.openStore(create: true)
        let events = try store.lastSeq()
        if events == 0 {
            print("Store ready at \(store.directory)")
        } else {
            print("Store at \(store.directory) already holds \(events) events; nothing changed")
        }
    }
}
