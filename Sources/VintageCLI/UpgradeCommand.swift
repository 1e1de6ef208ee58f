import ArgumentParser
import Vintage

/// `vintage upgrade`: convert a store written by an older Vintage to the current log format.
struct UpgradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade",
        abstract: "Convert the store's log to the current format (record batches), then print both sizes.",
        discussion: """
            A store written by Vintage 0.11 or earlier keeps one row per event (log format 1). \
            This version reads it but appends only to format 2 or later. The new log is written beside \
            the old one, compared with it event by event, verified, and then renamed over it in \
            one step; until then the old log is untouched. Seqs, ids and recording times stay \
            the same, and so does the projection. Run it while no other process writes to the \
            store. A store of format 2 (Vintage 0.12) keeps its log and hash chain; only its index \
            of batches by series is packed, in place, in one transaction. A store of format 3 \
            (Vintage 0.13 and 0.14) is only marked format 4, which lets its new batches use \
            entropy-coded columns; nothing is rewritten, and from then on those versions refuse \
            it. A store already in the current format is left as it is.
            """
    )

    @ParentCommand var root: VintageCommand

    func run() throws {
        let progress = ProgressLine(label: "upgrading")
        let wait = Int32(((root.wait ?? 60) * 1000).rounded())
        let report = try Store.upgrade(directory: root.storeDirectory, lockTimeoutMilliseconds: wait) { progress.update($0, of: $1) }
        progress.finish()
        if report.fromFormat == Store.formatVersion {
            print(
                "\(root.storeDirectory) is already in store format \(Store.formatVersion) (\(report.events) events, log \(report.bytesAfter) bytes); nothing to do"
            )
            return
        }
        if report.fromFormat == 3 {
            print(
                "marked the log of \(report.events) events store format \(Store.formatVersion) (from 3): nothing rewritten, log \(report.bytesAfter) bytes; its new batches may be entropy-coded"
            )
            return
        }
        let ratio = report.bytesAfter > 0 ? Double(report.bytesBefore) / Double(report.bytesAfter) : 0
        print(
            "upgraded \(report.events) events from store format \(report.fromFormat) to \(Store.formatVersion): log \(report.bytesBefore) bytes before, \(report.bytesAfter) after (\(ratio < 10 ? String(Double(Int(ratio * 10)) / 10) : String(Int(ratio)))x smaller)"
        )
        guard report.fromFormat == 1 else { return }
        Terminal.writeError("vintage: the hash chain is new: heads recorded before the upgrade no longer match; `vintage verify` prints the new one")
    }
}
