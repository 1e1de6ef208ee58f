import ArgumentParser
import Vintage

/// `vintage series`: the series catalog.
struct SeriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "series",
        abstract: "Print the defined series with their metadata and point counts.",
        discussion: "Example: vintage series --where country=KR"
    )

    @ParentCommand var root: VintageCommand
    @OptionGroup var output: FormatOptions

    @Option(name: .customLong("where"), help: ArgumentHelp("Only series with this tag value; repeat to intersect.", valueName: "key=value"))
    var conditions: [TagCondition] = []

    func run() throws {
        let store = try root.openStore()
        var table = RowTable(columns: ["series", "name", "unit", "frequency", "tags", "points", "vintages"])
        for s in try store.series(where: TagFilter(conditions.map(\.condition))) {
            let tags = s.metadata.tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            table.append([.text(s.series.rawValue), s.metadata.name.map(Cell.text) ?? .empty, s.metadata.unit.map(Cell.text) ?? .empty,
                          s.metadata.frequency.map { .text($0.rawValue) } ?? .empty, .text(tags),
                          .integer(Int64(s.points)), .integer(Int64(s.vintages))])
        }
        table.print(output.resolved)
    }
}
