import Vintage

/// Plain CSV, one figure per row: a series column (or `--series`), a period column, a value
/// column, and the release time from a column, `--released-at` or the file name; a status
/// column and tag columns are optional.
final class LongCSVSource: FigureSource {
    let csv: CSVReader
    private let cells: CellParser
    private let seriesColumn: Int?
    private let fixedSeries: SeriesID?
    private let periodColumn: Int
    private let valueColumn: Int
    private let releaseColumn: Int?
    private let fixedRelease: Timestamp?
    private let statusColumn: Int?
    private let tagColumns: [(key: String, column: Int)]
    private(set) var rowsRead = 0
    private var lastReleaseBytes: [UInt8] = []
    private var haveLastRelease = false
    private var lastRelease = Timestamp(microseconds: 0)

    init(_ csv: CSVReader, header: CSVHeader, options: ImportOptions, releasedAt: Timestamp?) throws(InterchangeError) {
        self.csv = csv
        cells = CellParser(options: options, reader: csv, header: header)
        func column(_ option: String?, _ defaults: [String], _ what: String, flag: String) throws(InterchangeError) -> Int {
            if let option {
                guard let i = header.index(of: option) else {
                    throw InterchangeError(
                        file: csv.file, line: 1, reason: "no column '\(option)' (\(flag)); the columns are \(header.names.joined(separator: ", "))")
                }
                return i
            }
            guard let i = header.index(ofAny: defaults) else {
                throw InterchangeError(
                    file: csv.file, line: 1,
                    reason: "no \(what) column: name it with \(flag) (the columns are \(header.names.joined(separator: ", ")))")
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
        periodColumn = try column(
            options.periodColumn, ["period", "time", "time_period", "date", "observation_date"], "period", flag: "--period-column")
        valueColumn = try column(options.valueColumn, ["value", "obs_value"], "value", flag: "--value-column")
        if let releasedAt {
            fixedRelease = releasedAt
            releaseColumn = options.releasedAtColumn.flatMap { header.index(of: $0) }
        } else {
            fixedRelease = nil
            releaseColumn = try column(
                options.releasedAtColumn, ["released_at", "release_time", "vintage", "realtime_start"], "release time",
                flag: "--released-at-column, --released-at or --released-at-from-filename")
        }
        statusColumn =
            try options.statusColumn.map { (c: String) throws(InterchangeError) -> Int in try column(c, [], "status", flag: "--status-column") }
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
            let entry = try seriesOfRow(assembler)
            let period = try cells.period(periodColumn, frequency: entry.frequency, series: entry.id)
            let released = try releaseOfRow()
            let status = statusColumn.flatMap { cells.text($0) } ?? cells.options.status
            assembler.add(series: entry.id, period: period, value: value, releasedAt: released, status: status, line: csv.recordLine)
        }
        return true
    }

    /// A series met in this file: its cell's bytes, its id and its frequency.
    private struct SeriesEntry {
        var bytes: [UInt8]
        var id: SeriesID
        var frequency: Frequency?
    }

    /// Series met so far, found by a hash of their cell's bytes (rows of many series
    /// interleave, so the last one alone is not enough).
    private var seriesEntries: [SeriesEntry] = []
    private var seriesByHash: [UInt64: Int] = [:]
    private var lastEntry = -1

    private func seriesOfRow(_ assembler: EventAssembler) throws(InterchangeError) -> SeriesEntry {
        let cell: UnsafeBufferPointer<UInt8>
        if fixedSeries != nil {
            cell = UnsafeBufferPointer(start: nil, count: 0)
        } else {
            let column = seriesColumn!
            guard column < csv.count else { throw cells.error(column, "the row has only \(csv.count) columns") }
            cell = csv.field(column)
        }
        if lastEntry >= 0, sameBytes(cell, seriesEntries[lastEntry].bytes) { return seriesEntries[lastEntry] }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in cell { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        if let i = seriesByHash[hash], sameBytes(cell, seriesEntries[i].bytes) {
            lastEntry = i
            return seriesEntries[i]
        }
        let series: SeriesID
        if let fixedSeries {
            series = fixedSeries
        } else {
            guard let name = cells.text(seriesColumn!) else { throw cells.error(seriesColumn!, "the series is empty") }
            series = try cells.seriesID(name, column: seriesColumn!)
        }
        if !assembler.isDefined(series) || !tagColumns.isEmpty {
            try define(series, assembler)
        }
        let entry = SeriesEntry(bytes: Array(cell), id: series, frequency: assembler.frequency(of: series))
        seriesEntries.append(entry)
        lastEntry = seriesEntries.count - 1
        if seriesByHash[hash] == nil { seriesByHash[hash] = lastEntry }
        return entry
    }

    /// Defines a series on its first row: frequency from `--frequency` or the period's
    /// spelling, unit from `--unit`, tags from the tag columns.
    private func define(_ series: SeriesID, _ assembler: EventAssembler) throws(InterchangeError) {
        var frequency = cells.options.frequency
        if frequency == nil, !assembler.isDefined(series), periodColumn < csv.count,
            case .success(let s) = Period.parseStart(csv.field(periodColumn))
        {
            frequency = Frequency.suggested(by: s.kind)
        }
        var tags: [String: String]? = nil
        if !tagColumns.isEmpty {
            var t: [String: String] = [:]
            for (key, column) in tagColumns { if let v = cells.text(column) { t[key] = v } }
            tags = t
        }
        assembler.define(SeriesDefinition(series: series, unit: cells.options.unit, frequency: frequency, tags: tags), line: csv.recordLine)
    }

    private func releaseOfRow() throws(InterchangeError) -> Timestamp {
        guard let column = releaseColumn else { return fixedRelease! }
        guard column < csv.count else {
            if let fixedRelease { return fixedRelease }
            throw cells.error(column, "the row has only \(csv.count) columns")
        }
        let cell = csv.field(column)
        if haveLastRelease, sameBytes(cell, lastReleaseBytes) { return lastRelease }
        if cell.isEmpty, let fixedRelease { return fixedRelease }
        lastRelease = try cells.releaseTime(column)
        lastReleaseBytes = Array(cell)
        haveLastRelease = true
        return lastRelease
    }
}
