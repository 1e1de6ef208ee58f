import Vintage

/// Plain CSV, one figure per row: a series column (or `--series`), a period column, a value
/// column, and the release time from a column, `--released-at` or the file name; a status
/// column and tag columns are optional.
final class LongCSVSource: FigureSource {
    let csv: CSVReader
    private var cells: CellParser
    private let seriesColumn: Int?
    private let fixedSeries: SeriesID?
    private let periodColumn: Int
    private let valueColumn: Int
    private let releaseColumn: Int?
    private let fixedRelease: Timestamp?
    private let statusColumn: Int?
    private let tagColumns: [(key: String, column: Int)]
    private(set) var rowsRead = 0
    /// The last series cell read and its id, to skip re-validating a repeated series.
    private var lastSeriesBytes: [UInt8] = []
    private var lastSeries: SeriesID?
    private var lastReleaseBytes: [UInt8] = []
    private var haveLastRelease = false
    private var lastRelease = Timestamp(microseconds: 0)
    private var frequencies: [SeriesID: Frequency?] = [:]

    init(_ csv: CSVReader, header: CSVHeader, options: ImportOptions, releasedAt: Timestamp?) throws(InterchangeError) {
        self.csv = csv
        cells = CellParser(options: options, reader: csv, header: header)
        func column(_ option: String?, _ defaults: [String], _ what: String, flag: String) throws(InterchangeError) -> Int {
            if let option {
                guard let i = header.index(of: option) else {
                    throw InterchangeError(file: csv.file, line: 1, reason: "no column '\(option)' (\(flag)); the columns are \(header.names.joined(separator: ", "))")
                }
                return i
            }
            guard let i = header.index(ofAny: defaults) else {
                throw InterchangeError(file: csv.file, line: 1, reason: "no \(what) column: name it with \(flag) (the columns are \(header.names.joined(separator: ", ")))")
            }
            return i
        }
        if let name = options.series {
            fixedSeries = try cells.seriesID(name, column: nil)
            seriesColumn = nil
        } else {
            fixedSeries = nil
            seriesColumn = try column(options.seriesColumn, ["series", "series_id", "id"], "series", flag: "--series-column or --series")
        }
        periodColumn = try column(options.periodColumn, ["period", "time", "time_period", "date", "observation_date"], "period", flag: "--period-column")
        valueColumn = try column(options.valueColumn, ["value", "obs_value"], "value", flag: "--value-column")
        if let releasedAt {
            fixedRelease = releasedAt
            releaseColumn = options.releasedAtColumn.flatMap { header.index(of: $0) }
        } else {
            fixedRelease = nil
            releaseColumn = try column(options.releasedAtColumn, ["released_at", "release_time", "vintage", "realtime_start"], "release time",
                                       flag: "--released-at-column, --released-at or --released-at-from-filename")
        }
        statusColumn = try options.statusColumn.map { (c: String) throws(InterchangeError) -> Int in try column(c, [], "status", flag: "--status-column") }
            ?? header.index(of: "status")
        var tags: [(String, Int)] = []
        for t in options.tagColumns { tags.append((t.key, try column(t.column, [], "tag", flag: "--tag-column \(t.key)=COLUMN"))) }
        tagColumns = tags
    }

    func read(into assembler: EventAssembler, rows: Int) throws(InterchangeError) -> Bool {
        for _ in 0..<rows {
            guard try csv.next() else { return false }
            rowsRead += 1
            guard let value = try cells.value(valueColumn) else { continue }
            let series = try seriesOfRow(assembler)
            let frequency: Frequency?
            if let f = frequencies[series] { frequency = f } else {
                frequency = assembler.frequency(of: series)
                frequencies[series] = frequency
            }
            let period = try cells.period(periodColumn, frequency: frequency, series: series)
            let released = try releaseOfRow()
            let status = statusColumn.flatMap { cells.text($0) } ?? cells.options.status
            assembler.add(series: series, period: period, value: value, releasedAt: released, status: status, line: csv.recordLine)
        }
        return true
    }

    private func seriesOfRow(_ assembler: EventAssembler) throws(InterchangeError) -> SeriesID {
        let series: SeriesID
        if let fixedSeries {
            series = fixedSeries
        } else {
            let column = seriesColumn!
            guard column < csv.count else { throw cells.error(column, "the row has only \(csv.count) columns") }
            let cell = csv.field(column)
            if let lastSeries, cell.elementsEqual(lastSeriesBytes) {
                series = lastSeries
            } else {
                guard let name = cells.text(column) else { throw cells.error(column, "the series is empty") }
                series = try cells.seriesID(name, column: column)
                lastSeriesBytes = Array(cell)
                lastSeries = series
            }
        }
        if !assembler.isDefined(series) || !tagColumns.isEmpty && frequencies[series] == nil {
            try define(series, assembler)
        }
        return series
    }

    /// Defines a series on its first row: frequency from `--frequency` or the period's
    /// spelling, unit from `--unit`, tags from the tag columns.
    private func define(_ series: SeriesID, _ assembler: EventAssembler) throws(InterchangeError) {
        var frequency = cells.options.frequency
        if frequency == nil, !assembler.isDefined(series), periodColumn < csv.count,
           case .success(let s) = Period.parseStart(csv.field(periodColumn)) {
            frequency = Frequency.suggested(by: s.kind)
        }
        var tags: [String: String]? = nil
        if !tagColumns.isEmpty {
            var t: [String: String] = [:]
            for (key, column) in tagColumns { if let v = cells.text(column) { t[key] = v } }
            tags = t
        }
        assembler.define(SeriesDefinition(series: series, unit: cells.options.unit, frequency: frequency, tags: tags), line: csv.recordLine)
        frequencies[series] = nil
    }

    private func releaseOfRow() throws(InterchangeError) -> Timestamp {
        guard let column = releaseColumn else { return fixedRelease! }
        guard column < csv.count else {
            if let fixedRelease { return fixedRelease }
            throw cells.error(column, "the row has only \(csv.count) columns")
        }
        let cell = csv.field(column)
        if haveLastRelease, cell.elementsEqual(lastReleaseBytes) { return lastRelease }
        if cell.isEmpty, let fixedRelease { return fixedRelease }
        lastRelease = try cells.releaseTime(column)
        lastReleaseBytes = Array(cell)
        haveLastRelease = true
        return lastRelease
    }
}
