import ArgumentParser
import Vintage
import VintageInterchange

/// `vintage import`: append a file in a format official statistics come in.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Append an ALFRED/FRED, SDMX-CSV or plain CSV file (or a folder of them) atomically.",
        discussion: """
            Each file is one atomic append through the same checks as `vintage append`:
            every figure is stored or, when any row is bad, none is, and the error names
            the file, line and column. Figures already stored count as duplicates. Ids
            are lower case; new series are defined on the way (frequency from
            --frequency, the store, or the dates).

            alfred    ALFRED's all-vintages table (observation_date, GDPC1_20240125,
                      ...): only a changed value is a new vintage; a point missing
                      from a later column is not a retraction. Also the API's long
                      form (realtime_start,realtime_end,date,value), bare vintage
                      dates as headers (--series), and a plain FRED download (one
                      column per series; vintage from --released-at or the name).
                        vintage import alfred GDPC1.csv
                        vintage import alfred fred.csv --released-at 2024-03-28
            sdmx-csv  SDMX-CSV 1.0 (DATAFLOW first) or 2.0 (STRUCTURE,...), codes or
                      codes and labels; the series key is the id (A.CP00.EU ->
                      a.cp00.eu), the dimensions become tags.
                        vintage import sdmx-csv hicp.csv --released-at 2024-02-01
                        vintage import sdmx-csv estat.csv \\
                          --released-at-column "LAST UPDATE"
            csv       One figure per row (columns series, period, value, released_at
                      unless named), or --wide: a period column, then one per series.
                        vintage import csv figures.csv --series-column id
                        vintage import csv prices.csv --wide --decimal-comma \\
                          --released-at 2024-02-15
                        vintage import csv vintages/ \\
                          --released-at-from-filename 'trade-YYYY-MM-DD.csv'
            ndjson    Vintage's own events (what `vintage export ndjson` writes).

            Everywhere: UTF-8 with or without BOM, CRLF, quoted fields, ',' ';' or tab
            (detected), missing values '.', ':', empty, NA, NaN, Null (and --missing).
            On a series with a frequency a date must start its period (2024-01-01,
            2024-01 or 2024-Q1 for a quarter) unless --period-align start (any date
            inside the period) or end (its last day) says otherwise.
            """
    )

    @ParentCommand var root: VintageCommand
    @OptionGroup var output: FormatOptions

    @Argument(help: ArgumentHelp("alfred, sdmx-csv, csv or ndjson.", valueName: "format"))
    var format: ImportFormat

    @Argument(help: ArgumentHelp("The file, a folder of files (one per vintage), or - for standard input.", valueName: "file|dir|-"))
    var path: String

    @OptionGroup var reading: CSVReadingOptions

    @Option(
        name: .customLong("released-at"),
        help: ArgumentHelp("When the figures were released: a date (its start, UTC) or a timestamp.", valueName: "time"))
    var releasedAt: ReleaseTimeArgument?
    @Option(
        name: .customLong("released-at-column"),
        help: ArgumentHelp("The column holding each row's release time (e.g. \"LAST UPDATE\").", valueName: "column"))
    var releasedAtColumn: String?
    @Option(
        name: .customLong("released-at-from-filename"),
        help: ArgumentHelp(
            "Take each file's release date from its name: YYYY, MM, DD stand for digits, * for any text (e.g. 'trade-YYYY-MM-DD.csv').",
            valueName: "pattern"))
    var releasedAtFromFilename: String?

    @Option(help: ArgumentHelp("The series id, for files that do not name it.", valueName: "id"))
    var series: String?
    @Option(help: ArgumentHelp("A namespace put before every series id (us -> us.gdpc1).", valueName: "prefix"))
    var prefix: String?
    @Option(help: ArgumentHelp("The frequency of new series: daily, weekly, monthly, quarterly, annual or irregular.", valueName: "frequency"))
    var frequency: FrequencyArgument?
    @Option(help: ArgumentHelp("The unit of new series, e.g. USD.", valueName: "unit"))
    var unit: String?
    @Option(help: ArgumentHelp("The source of every release, e.g. BEA.", valueName: "source"))
    var source: String?
    @Option(help: ArgumentHelp("The status of every figure, e.g. preliminary (a status column wins).", valueName: "status"))
    var status: String?
    @Option(
        name: .customLong("period-align"),
        help: ArgumentHelp(
            "How dates name periods of a series with a frequency: exact (the period's start), start (any date inside it), end (its last day).",
            valueName: "exact|start|end"))
    var periodAlign: PeriodAlignment = .exact

    @Option(name: .customLong("series-column"), help: ArgumentHelp("csv: the column naming the series (default: series).", valueName: "column"))
    var seriesColumn: String?
    @Option(
        name: .customLong("period-column"),
        help: ArgumentHelp("csv: the column holding the period (default: period, time or date).", valueName: "column"))
    var periodColumn: String?
    @Option(name: .customLong("value-column"), help: ArgumentHelp("csv: the column holding the value (default: value).", valueName: "column"))
    var valueColumn: String?
    @Option(
        name: .customLong("status-column"),
        help: ArgumentHelp("csv: the column holding each figure's status (default: status, when present).", valueName: "column"))
    var statusColumn: String?
    @Option(
        name: .customLong("tag-column"),
        help: ArgumentHelp("csv: a tag of each row's series from a column, KEY=COLUMN (repeatable).", valueName: "key=column"))
    var tagColumns: [TagColumnArgument] = []
    @Flag(help: "csv: one column per series (a period column, then the series) instead of one figure per row.")
    var wide = false
    @Flag(
        name: .customLong("allow-delete"), help: "sdmx-csv: turn ACTION D rows into retractions of the point's stored vintages (refused otherwise).")
    var allowDelete = false

    @Flag(help: "Read and check the files only (cells, periods, frequencies), appending nothing.")
    var check = false

    @OptionGroup var timing: TimingOptions

    func validate() throws {
        if path == "-" && Terminal.stdinIsTerminal {
            throw ValidationError("give a file to import, or pipe one into standard input (vintage import \(format.rawValue) -)")
        }
        if releasedAt != nil && releasedAtFromFilename != nil {
            throw ValidationError("give either --released-at or --released-at-from-filename")
        }
    }

    var options: ImportOptions {
        var o = ImportOptions()
        o.dialect = reading.dialect
        o.releasedAt = releasedAt?.timestamp
        o.releasedAtColumn = releasedAtColumn
        o.releasedAtFromFilename = releasedAtFromFilename
        o.series = series
        o.prefix = prefix
        o.frequency = frequency?.frequency
        o.unit = unit
        o.source = source
        o.status = status
        o.periodAlignment = periodAlign
        o.seriesColumn = seriesColumn
        o.periodColumn = periodColumn
        o.valueColumn = valueColumn
        o.statusColumn = statusColumn
        o.tagColumns = tagColumns.map(\.tagColumn)
        o.wide = wide
        o.allowDelete = allowDelete
        return o
    }

    func run() throws {
        let store = try root.openStore(create: true)
        let clock = ContinuousClock()
        let start = clock.now
        var importer = Importer(store: store, format: format, options: options)
        let progress = ProgressLine(label: "importing")
        if progress.enabled {
            importer.progress = { _, done, total in progress.update(done >> 20, of: max(1, total >> 20), unit: "MB") }
        }
        var phases: [(AppendPhase, Duration)] = []
        if timing.isOn { importer.phases = { phases.append(($0, $1)) } }
        importer.checkOnly = check
        let files: [ImportedFile]
        do {
            files = try importer.run(path)
        } catch let error as InterchangeError {
            progress.finish()
            throw UserError(error.description)
        }
        progress.finish()
        for f in files {
            for warning in f.outcome.warnings { Terminal.writeError("warning: \(f.file): \(warning)") }
        }
        if timing.isOn {
            let total = clock.now - start
            let rows = files.reduce(0) { $0 + $1.rows }
            Terminal.writeError(
                "Time: \(Seconds.text(total)) (\(TimingOptions.text(of: phases))); \(rows) rows, \(Int(Double(rows) / Seconds.of(total))) rows/s")
        }
        print(files, format: output.resolved)
    }

    private func print(_ files: [ImportedFile], format: OutputFormat) {
        if format == .table {
            for f in files {
                let o = f.outcome
                let range =
                    o.seqRange.map { $0.lowerBound == $0.upperBound ? " (seq \($0.lowerBound))" : " (seq \($0.lowerBound)–\($0.upperBound))" } ?? ""
                let skipped = f.unchanged > 0 ? ", \(f.unchanged) unchanged from the previous vintage" : ""
                Swift.print(
                    "\(f.file == "-" ? "standard input" : f.file): \(f.rows) row\(f.rows == 1 ? "" : "s"), \(f.figures) figure\(f.figures == 1 ? "" : "s")\(skipped); stored \(o.stored) event\(o.stored == 1 ? "" : "s")\(range); \(o.duplicates) duplicate\(o.duplicates == 1 ? "" : "s")"
                )
            }
            return
        }
        var table = RowTable(columns: ["file", "rows", "figures", "unchanged", "stored", "duplicates", "first_seq", "last_seq"])
        for f in files {
            let o = f.outcome
            table.append([
                .text(f.file), .integer(Int64(f.rows)), .integer(Int64(f.figures)), .integer(Int64(f.unchanged)),
                .integer(Int64(o.stored)), .integer(Int64(o.duplicates)),
                o.seqRange.map { .integer($0.lowerBound) } ?? .empty, o.seqRange.map { .integer($0.upperBound) } ?? .empty
            ])
        }
        table.print(format)
    }
}

/// How CSV files are written: separator, decimal mark, missing-value markers (shared by
/// `import`).
struct CSVReadingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The field separator: ',', ';' or 'tab' (default: detected from the header line).", valueName: "char"))
    var delimiter: DelimiterArgument?
    @Flag(name: .customLong("decimal-comma"), help: "Numbers use a decimal comma (1.234,5).")
    var decimalComma = false
    @Option(help: ArgumentHelp("Another cell meaning a missing value, besides '.', ':', empty, NA, NaN, Null (repeatable).", valueName: "token"))
    var missing: [String] = []

    var dialect: CSVDialect { CSVDialect(delimiter: delimiter?.byte, decimalComma: decimalComma, extraMissing: missing) }
}

extension ImportFormat: ExpressibleByArgument {}
extension PeriodAlignment: ExpressibleByArgument {}

/// `--frequency`: a frequency name.
struct FrequencyArgument: ExpressibleByArgument {
    var frequency: Frequency
    init?(argument: String) {
        guard let f = Frequency(rawValue: argument.lowercased()) else { return nil }
        frequency = f
    }
    static var defaultValueDescription: String { "daily, weekly, monthly, quarterly, annual or irregular" }
}

/// `--released-at`: a date (its start, UTC, as ALFRED's vintage dates mean) or a timestamp.
struct ReleaseTimeArgument: ExpressibleByArgument {
    var timestamp: Timestamp
    init?(argument: String) {
        if argument.utf8.count == 10, let day = try? Period(argument) {
            timestamp = day.start
        } else if let t = try? Timestamp(iso8601: argument) {
            timestamp = t
        } else {
            return nil
        }
    }
}

/// `--delimiter`: `,`, `;`, `tab` (or a tab character), `|`.
struct DelimiterArgument: ExpressibleByArgument {
    var byte: UInt8
    init?(argument: String) {
        switch argument {
        case "tab", "\\t", "\t": byte = 9
        case ",", ";", "|": byte = argument.utf8.first!
        default: return nil
        }
    }
}

/// `--tag-column KEY=COLUMN`.
struct TagColumnArgument: ExpressibleByArgument {
    var tagColumn: ImportOptions.TagColumn
    init?(argument: String) {
        guard let eq = argument.firstIndex(of: "="), eq != argument.startIndex, argument.index(after: eq) != argument.endIndex else { return nil }
        tagColumn = ImportOptions.TagColumn(key: String(argument[..<eq]), column: String(argument[argument.index(after: eq)...]))
    }
}
