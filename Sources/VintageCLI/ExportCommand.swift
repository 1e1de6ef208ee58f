import ArgumentParser
import Vintage
import VintageInterchange

#if canImport(Glibc)
    import Glibc
#endif

/// `vintage export`: write the store's data in the formats `import` reads.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the store's data as NDJSON events, long CSV, ALFRED's vintage table or SDMX-CSV.",
        discussion: """
            ndjson     The log's events with their ids, in seq order: the whole log, or
                       the events of the series selected. Appending the whole export
                       to an empty store gives the same answers to every query.
                         vintage export ndjson > backup.ndjson
            csv        Long CSV (series,period,value,released_at,seq,status): the
                       points a query shows (--as-of, --at-seq, --first-release), or
                       with --vintages every vintage of every point.
                         vintage export csv kr.exports.total --as-of 2026-03-01
            alfred     One series in ALFRED's all-vintages layout: observation_date,
                       then one column per vintage date (SERIES_YYYYMMDD).
                         vintage export alfred gdpc1 > GDPC1.csv
            sdmx-csv   SDMX-CSV 2.0, with the release time in LAST_UPDATE.
                         vintage export sdmx-csv --where geo=DE
            """
    )

    /// The formats `export` writes.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case ndjson, csv, alfred
        case sdmxCSV = "sdmx-csv"
    }

    @ParentCommand var root: VintageCommand

    @Argument(help: ArgumentHelp("ndjson, csv, alfred or sdmx-csv.", valueName: "format"))
    var format: Format

    @Argument(help: ArgumentHelp("The series to export, in any case (default: every series; alfred takes exactly one).", valueName: "series"))
    var series: [ExportSeriesArgument] = []

    @Option(name: .customLong("where"), help: ArgumentHelp("Only series with this tag value (repeatable; all must hold).", valueName: "key=value"))
    var conditions: [TagCondition] = []

    @OptionGroup var view: ViewOptions

    @Flag(name: .customLong("first-release"), help: "csv, sdmx-csv: each point's first published value instead of its latest.")
    var firstRelease = false

    @Flag(help: "csv: every vintage of every point, not only the one the view selects.")
    var vintages = false

    func validate() throws {
        if format == .alfred && series.count != 1 { throw ValidationError("export alfred takes exactly one series (vintage export alfred gdpc1)") }
        if format == .ndjson && (view.from != nil || view.to != nil || view.asOf != nil || firstRelease) {
            throw ValidationError("export ndjson writes events: it takes series, --where and --at-seq, not --from/--to/--as-of/--first-release")
        }
    }

    func run() throws {
        let store = try root.openStore()
        var query = view.pointQuery
        query.firstRelease = firstRelease
        let ids = series.map(\.id)
        let selection = ExportSelection(series: ids, filter: TagFilter(conditions.map(\.condition)), query: query)
        let sink = OutputSink(fileDescriptor: 1)
        switch format {
        case .ndjson: try NDJSONExporter.write(store, selection, to: sink)
        case .csv: try LongCSVExporter.write(store, selection, allVintages: vintages, to: sink)
        case .alfred: try ALFREDExporter.write(store, series: ids[0], selection: selection, to: sink)
        case .sdmxCSV: try SDMXCSVExporter.write(store, selection, to: sink)
        }
        sink.flush()
    }
}

/// A series named to `export`: ids are case-insensitive (FRED's `GDPC1` is `gdpc1`).
struct ExportSeriesArgument: ExpressibleByArgument {
    var id: SeriesID
    init?(argument: String) {
        guard let id = try? SeriesID(argument.lowercased()) else { return nil }
        self.id = id
    }
}
