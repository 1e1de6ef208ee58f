import ArgumentParser
import Vintage

#if canImport(Glibc)
    import Glibc
#endif

/// The `vintage` command: the root of every subcommand, holding the store location.
struct VintageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vintage",
        abstract: "An event-sourced, bitemporal store for official statistics and trade announcements.",
        discussion: """
            Every release is appended as an immutable event to a log; queries see the latest \
            figures, or what was known at any release time or log position.

            The store is a directory: --store DIR, else $VINTAGE_STORE, else ./vintage-store.
            One process writes at a time; another writer waits for it (--wait, saying so on a terminal).
            Exit status: 0 success, 1 bad input or conflict, 2 usage error, 3 store damaged or locked.
            Start with `vintage demo`; `vintage help <command>` describes each command.

            Shell completion: `vintage --generate-completion-script bash|zsh|fish` prints a \
            script (e.g. `source <(vintage --generate-completion-script bash)`); tools/install.sh \
            installs them with the man page (`man vintage`).
            """,
        version: VintageVersion.line,
        subcommands: [
            InitCommand.self, AppendCommand.self, LogCommand.self, SeriesCommand.self, QueryCommand.self, HistoryCommand.self,
            RevisionsCommand.self, AnnouncementsCommand.self,
            ImportCommand.self, ExportCommand.self, ChartCommand.self,
            ReplayCommand.self, SnapshotCommand.self, VerifyCommand.self, StatsCommand.self, UpgradeCommand.self, DemoCommand.self,
            FollowCommand.self
        ]
    )

    @Option(name: .long, help: ArgumentHelp("The store directory (default: $VINTAGE_STORE, else ./vintage-store).", valueName: "dir"))
    var store: String?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "How long to wait for another writer's lock before giving up with exit status 3 (default: 60; 0: fail at once).", valueName: "seconds"),
        transform: VintageCommand.parseWait)
    var wait: Double?

    /// The store directory chosen by `--store`, `$VINTAGE_STORE` or the default.
    var storeDirectory: String { Self.storeDirectory(store) }

    /// The store directory: `option` (`--store`), else `$VINTAGE_STORE`, else the default.
    static func storeDirectory(_ option: String?) -> String {
        if let option { return option }
        if let env = getenv("VINTAGE_STORE"), env.pointee != 0 { return String(cString: env) }
        return "vintage-store"
    }

    /// Runs the command line, mapping every failure to SPEC.md's exit statuses.
    ///
    /// The process ends with `exit` once the opened store's log is closed: the store's
    /// projection is never freed (see ``OpenedStores``).
    static func main() {
        AllocatorTuning.apply()
        do {
            if let shortcut = QueryShortcut(arguments: Array(CommandLine.arguments.dropFirst())) {
                try shortcut.run()
            } else {
                var command = try parseAsRoot()
                try command.run()
            }
            OpenedStores.closeAll()
            Glibc.exit(0)
        } catch {
            OpenedStores.closeAll()
            fail(error)
        }
    }

    /// Reports `error` and ends the process with its exit status.
    static func fail(_ error: any Error) -> Never {
        do {
            throw error
        } catch let error as StoreError {
            Terminal.fail(error.commandLineMessage, status: error.isDamageOrLock ? 3 : 1)
        } catch let error as UserError {
            Terminal.fail(error.message, status: 1)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Glibc.exit(0)
            }
            let message = fullMessage(for: error)
            if !message.isEmpty { Terminal.writeError(message) }
            Glibc.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

/// A mistake in what the user asked for, reported in one line with exit status 1.
struct UserError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
