import ArgumentParser
import Vintage

/// `vintage stats`: what the store holds and what it costs on disk.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Print events, series, points, vintages and the bytes on disk of the log and the projection."
    )

    @ParentCommand var root: VintageCommand
    @OptionGroup var output: FormatOptions

    func run() throws {
        let s = try root.openStore().statistics()
        var table = RowTable(columns: ["events", "series", "points", "vintages", "log_bytes", "projection_bytes", "bytes_per_vintage", "bytes_per_point"])
        table.append([.integer(s.events), .integer(Int64(s.series)), .integer(Int64(s.points)), .integer(Int64(s.vintages)),
                      .integer(Int64(s.logBytes)), .integer(Int64(s.projectionBytes)),
                      .number((s.bytesPerVintage * 1000).rounded() / 1000), .number((s.bytesPerPoint * 1000).rounded() / 1000)])
        table.print(output.resolved)
    }
}
