import ArgumentParser
import Vintage

/// `vintage stats`: what the store holds and what it costs on disk.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Print events, series, points, vintages and the bytes on disk of the log, the projection and the whole store.",
        discussion: """
            bytes_per_vintage and bytes_per_point are the projection's; store_bytes counts every \
            file in the store directory as du does (log, indexes, projection, snapshots), and \
            store_bytes_per_vintage divides it by the vintages. log_format is the log's format \
            version (1: written before record batches; see `vintage upgrade`); log is "embedded" or the \
            shared log's URL (without a password).
            """
    )

    @ParentCommand var root: VintageCommand
    @OptionGroup var output: FormatOptions

    func run() throws {
        let s = try root.openStore().statistics()
        var table = RowTable(columns: [
            "events", "series", "points", "vintages", "log_bytes", "projection_bytes", "bytes_per_vintage", "bytes_per_point",
            "store_bytes", "store_bytes_per_vintage", "log_format", "log"
        ])
        table.append([
            .integer(s.events), .integer(Int64(s.series)), .integer(Int64(s.points)), .integer(Int64(s.vintages)),
            .integer(Int64(s.logBytes)), .integer(Int64(s.projectionBytes)),
            .number((s.bytesPerVintage * 1000).rounded() / 1000), .number((s.bytesPerPoint * 1000).rounded() / 1000),
            .integer(Int64(s.storeBytes)), .number((s.storeBytesPerVintage * 1000).rounded() / 1000), .integer(Int64(s.logFormat)),
            .text(VintageCommand.logDescription(inStore: root.storeDirectory))
        ])
        table.print(output.resolved)
    }
}
