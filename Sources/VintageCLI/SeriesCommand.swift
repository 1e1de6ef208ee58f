import ArgumentParser
import Vintage

/// `vintage series`: the series catalog.
struct SeriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "series",
        abstract: "Print the defined series with their metadata and point counts.",
        discussion: """
            One row per series: its id, name, unit, frequency and tags as last defined, and how \
            many points (periods) and vintages (released figures) it holds. Tags print as \
            key=value pairs separated by commas, and as a JSON object with --format json.
            Examples:
              vintage series
              vintage series --where country=KR --format json
            """
    )

    @ParentCommand var root: VintageCommand
    @OptionGroup var output: FormatOptions

    @Option(name: .customLong("where"), help: ArgumentHelp("Only series with this tag value; repeat to intersect.", valueName: "key=value"))
    var conditions: [TagCondition] = []

    func run() throws {
        let store = try root.openStore()
        let format = output.resolved
        var table = RowTable(columns: ["series", "name", "unit", "frequency", "tags", "points", "vintages"])
        for s in try store.series(where: TagFilter(conditions.map(\.condition))) {
            table.append([
                .text(s.series.rawValue), s.metadata.name.map(Cell.text) ?? .empty, s.metadata.unit.map(Cell.text) ?? .empty,
                s.metadata.frequency.map { .text($0.rawValue) } ?? .empty, Self.tagsCell(s.metadata.tags, format),
                .integer(Int64(s.points)), .integer(Int64(s.vintages))
            ])
        }
        table.print(format)
    }

    /// The tags as a JSON object in `json` output, else as `key=value` pairs in key order,
    /// separated by commas.
    static func tagsCell(_ tags: [String: String], _ format: OutputFormat) -> Cell {
        if format == .json {
            var writer = JSONWriter()
            writer.stringMap(tags)
            return .json(writer.bytes)
        }
        return .text(tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))
    }
}
