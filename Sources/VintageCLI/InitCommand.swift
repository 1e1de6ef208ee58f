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

    func run() throws {
        let store = try root.openStore(create: true)
        let events = try store.lastSeq()
        if events == 0 {
            print("Store ready at \(store.directory)")
        } else {
            print("Store at \(store.directory) already holds \(events) events; nothing changed")
        }
    }
}
