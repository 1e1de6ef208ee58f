import Vintage

/// SDMX-CSV, version 1.0 (`DATAFLOW` first) and 2.0 (`STRUCTURE,STRUCTURE_ID,ACTION`), in the
/// "codes" or the "codes and labels" flavour (`A: Annual` cells, `FREQ: Frequency` headers;
/// the code before `: ` is used).
///
/// The series id is the series key — the dimension values joined by `.` — in lower case; the
/// dimensions are its tags (with `dataflow`), `FREQ` gives its frequency, `UNIT_MEASURE` its
/// unit and `UNIT_MULT` a `unit_mult` tag. `TIME_PERIOD` takes every SDMX form, `OBS_VALUE`
/// is the value and `OBS_STATUS` (or Eurostat's `OBS_FLAG`) the figure's status. SDMX has no
/// release time: it comes from `--released-at` or a column such as `LAST UPDATE`.
/// `ACTION` `I`, `A`, `R` (or none) append; `D` is refused unless `--allow-delete`.
final class SDMXCSVSource: FigureSource {
    let csv: CSVReader
    private let cells: CellParser
    private let flowColumn: Int
    private let actionColumn: Int?
    private let dimensions: [(column: Int, name: String)]
    private let timeColumn: Int
    private let valueColumn: Int
    private let statusColumn: Int?
    private let unitColumn: Int?
    private let unitMultColumn: Int?
    private let releaseColumn: Int?
    private let fixedRelease: Timestamp?
    /// Deletions (ACTION `D`) to emit, by input line, when `--allow-delete` is given.
    var deletions: [Int: [Event]] = [:]
    private var key: [UInt8] = []
    private var lastKey: [UInt8] = []
    private var lastSeries: SeriesID?
    private var seen: Set<SeriesID> = []
    private(set) var rowsRead = 0

    /// Whether a header is SDMX-CSV's.
    static func matches(_ header: CSVHeader) -> Bool {
        let codes = CSVHeader(header.names.map(code))
        let first = codes.names.first?.uppercased() ?? ""
        return (first == "DATAFLOW" || first == "STRUCTURE") && codes.index(of: "TIME_PERIOD") != nil
    }

    /// The code of a "codes and labels" cell (`A: Annual` → `A`), or the cell.
    static func code(_ cell: String) -> String {
        guard let r = cell.firstRange(of: ": ") else { return cell.trimmingSpaces() }
        return String(cell[..<r.lowerBound]).trimmingSpaces()
    }

    init(_ csv: CSVReader, header: CSVHeader, options: ImportOptions, releasedAt: Timestamp?) throws(InterchangeError) {
        self.csv = csv
        let codes = CSVHeader(header.names.map(SDMXCSVSource.code))
        cells = CellParser(options: options, reader: csv, header: header)
        flowColumn = 0
        guard let time = codes.index(of: "TIME_PERIOD") else {
            throw InterchangeError(file: csv.file, line: 1, reason: "no TIME_PERIOD column")
        }
        guard let value = codes.index(of: "OBS_VALUE") else {
            throw InterchangeError(file: csv.file, line: 1, reason: "no OBS_VALUE column")
        }
        timeColumn = time
        valueColumn = value
        actionColumn = codes.index(of: "ACTION")
        statusColumn = codes.index(of: "OBS_STATUS", "OBS_FLAG")
        unitColumn = codes.index(of: "UNIT_MEASURE", "UNIT")
        unitMultColumn = codes.index(of: "UNIT_MULT")
        if let name = options.releasedAtColumn {
            guard let i = codes.index(of: SDMXCSVSource.code(name)) ?? header.index(of: name) else {
                throw InterchangeError(
                    file: csv.file, line: 1,
                    reason: "no column '\(name)' (--released-at-column); the columns are \(header.names.joined(separator: ", "))")
            }
            releaseColumn = i
        } else {
            releaseColumn = nil
        }
        fixedRelease = releasedAt
        guard releaseColumn != nil || releasedAt != nil else {
            throw InterchangeError(
                file: csv.file,
                reason:
                    "SDMX-CSV carries no release time: give it with --released-at T (or name a column such as 'LAST UPDATE' with --released-at-column)"
            )
        }
        let structural: Set<String> = ["dataflow", "structure", "structure_id", "structure_name", "action", "last update", "last_update"]
        var dims: [(Int, String)] = []
        for i in 0..<time where !structural.contains(CSVHeader.key(codes.names[i])) && i != releaseColumn {
            dims.append((i, codes.names[i]))
        }
        guard !dims.isEmpty else { throw InterchangeError(file: csv.file, line: 1, reason: "no dimension columns before TIME_PERIOD") }
        dimensions = dims
    }

    func read(into assembler: EventAssembler, rows: Int) throws(InterchangeError) -> Bool {
        for _ in 0..<rows {
            guard try csv.next() else { return false }
            rowsRead += 1
            if let actionColumn, let action = cells.text(actionColumn)?.uppercased() {
                switch action {
                case "I", "A", "R", "M": break
                case "D":
                    guard cells.options.allowDelete else {
                        throw cells.error(
                            actionColumn,
                            "ACTION D deletes an observation: Vintage keeps every vintage, so this is refused; --allow-delete turns such rows into retractions of the point's stored vintages"
                        )
                    }
                    for event in deletions[csv.recordLine] ?? [] { assembler.add(event, line: csv.recordLine) }
                    continue
                default:
                    throw cells.error(actionColumn, "unknown ACTION '\(action)' (expected I, A, R or D)")
                }
            }
            // A row without a value states nothing, and defines no series.
            guard let value = try cells.value(valueColumn) else { continue }
            let series = try seriesOfRow(assembler)
            let period = try cells.period(timeColumn, frequency: assembler.frequency(of: series), series: series)
            let released = try releaseTime()
            let status = statusColumn.flatMap { cells.text($0).map(SDMXCSVSource.code) } ?? cells.options.status
            assembler.add(series: series, period: period, value: value, releasedAt: released, status: status, line: csv.recordLine)
        }
        return true
    }

    /// Reads the whole file for its `ACTION` `D` rows: the points they delete, with their
    /// lines (for `--allow-delete`, which must look up the stored vintages before appending).
    func deletedPoints(_ assembler: EventAssembler) throws(InterchangeError) -> [(line: Int, series: SeriesID, validTime: Int64)] {
        guard let actionColumn else { return [] }
        var found: [(line: Int, series: SeriesID, validTime: Int64)] = []
        while try csv.next() {
            guard cells.text(actionColumn)?.uppercased() == "D" else { continue }
            let series = try seriesOfRow(assembler)
            let period = try cells.period(timeColumn, frequency: assembler.frequency(of: series), series: series)
            found.append((csv.recordLine, series, period.start.microseconds))
        }
        return found
    }

    private func releaseTime() throws(InterchangeError) -> Timestamp {
        if let releaseColumn, releaseColumn < csv.count, !csv.field(releaseColumn).isEmpty { return try cells.releaseTime(releaseColumn) }
        if let fixedRelease { return fixedRelease }
        throw cells.error(releaseColumn, "the release time is empty (give --released-at for such rows)")
    }

    /// The series of the current row, defined on its first row.
    func seriesOfRow(_ assembler: EventAssembler) throws(InterchangeError) -> SeriesID {
        key.removeAll(keepingCapacity: true)
        for (column, _) in dimensions {
            guard column < csv.count else { throw cells.error(column, "the row has only \(csv.count) columns") }
            key.append(contentsOf: csv.field(column))
            key.append(0)
        }
        if let lastSeries, key == lastKey { return lastSeries }
        var codes: [String] = []
        for (column, _) in dimensions {
            guard let text = cells.text(column) else { throw cells.error(column, "the dimension is empty") }
            codes.append(SDMXCSVSource.code(text))
        }
        let series = try cells.seriesID(codes.joined(separator: "."), column: nil)
        lastKey = key
        lastSeries = series
        if !seen.contains(series) {
            seen.insert(series)
            var tags: [String: String] = [:]
            for ((_, name), code) in zip(dimensions, codes) { tags[name.lowercased()] = code }
            if let flow = cells.text(flowColumn).map(SDMXCSVSource.code) { tags["dataflow"] = flow }
            if let m = unitMultColumn.flatMap({ cells.text($0) }).map(SDMXCSVSource.code) { tags["unit_mult"] = m }
            let freqCode = dimensions.firstIndex { $0.name.uppercased() == "FREQ" }.map { codes[$0].uppercased() }
            let frequency = cells.options.frequency ?? freqCode.flatMap(SDMXCSVSource.frequency)
            let unit = cells.options.unit ?? unitColumn.flatMap { cells.text($0) }.map(SDMXCSVSource.code)
            assembler.define(SeriesDefinition(series: series, unit: unit, frequency: frequency, tags: tags), line: csv.recordLine)
        }
        return series
    }

    /// The frequency an SDMX `FREQ` code names (CL_FREQ).
    static func frequency(_ code: String) -> Frequency? {
        switch code {
        case "A": .annual
        case "Q": .quarterly
        case "M": .monthly
        case "W": .weekly
        case "D", "B": .daily
        default: nil
        }
    }
}
