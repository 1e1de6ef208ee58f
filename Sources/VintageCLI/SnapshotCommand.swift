import ArgumentParser
import Vintage

/// `vintage snapshot`: named copies of the projection at a log position.
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Create, list, restore or delete named snapshots of the projection.",
        discussion: """
            A snapshot is the projection's manifest plus hard links to its immutable chunks, so it \
            costs almost nothing. Restoring one never hides events logged after it: the store \
            catches up from the snapshot's seq.
            """,
        subcommands: [Create.self, List.self, Restore.self, Delete.self]
    )

    // Every command names itself: otherwise swift-argument-parser derives the name from the
    // type's (String(describing:), about 1.1 M instructions each) on every start of `vintage`.
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Snapshot the projection as it stands now.")
        @ParentCommand var snapshot: SnapshotCommand
        @Option(help: ArgumentHelp("The snapshot's name (default: seq-<last seq>).", valueName: "name"))
        var name: String?

        func run() throws {
            let info = try snapshot.root.openStore().createSnapshot(name: name)
            print(
                "created snapshot '\(info.name)' at seq \(info.logSeq) (\(info.fileCount) files, \(info.byteCount) bytes, shared with the projection)"
            )
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the snapshots.")
        @ParentCommand var snapshot: SnapshotCommand
        @OptionGroup var output: FormatOptions

        func run() throws {
            var table = RowTable(columns: ["name", "seq", "created_at", "files", "bytes"])
            for s in try snapshot.root.openStore().snapshots() {
                if let damage = s.damage {
                    Terminal.writeError("vintage: snapshot '\(s.name)' is damaged: \(damage) (`vintage snapshot delete \(s.name)` removes it)")
                    table.append([.text(s.name), .empty, .empty, .empty, .empty])
                    continue
                }
                table.append([
                    .text(s.name), .integer(s.logSeq), .time(Timestamp(microseconds: s.createdAt)),
                    .integer(Int64(s.fileCount)), .integer(Int64(s.byteCount))
                ])
            }
            table.print(output.resolved)
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "restore", abstract: "Make a snapshot the projection again, then catch up with the log.")
        @ParentCommand var snapshot: SnapshotCommand
        @OptionGroup var named: SnapshotName

        func run() throws {
            let store = try snapshot.root.openStore()
            let info = try store.restoreSnapshot(name: named.name)
            print("restored snapshot '\(info.name)' (seq \(info.logSeq)); caught up to seq \(try store.lastSeq())")
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a snapshot.")
        @ParentCommand var snapshot: SnapshotCommand
        @OptionGroup var named: SnapshotName

        func run() throws {
            try snapshot.root.openStore().deleteSnapshot(name: named.name)
            print("deleted snapshot '\(named.name)'")
        }
    }

    /// The name of the snapshot `restore` and `delete` act on.
    struct SnapshotName: ParsableArguments {
        @Argument(help: ArgumentHelp("The snapshot's name.", valueName: "name"))
        var name: String
    }

    @ParentCommand var root: VintageCommand
}
