import Vintage

/// The long form of the FRED/ALFRED API (`realtime_start,realtime_end,date,value`): each row
/// is a point's value from `realtime_start` (its vintage date) until `realtime_end`. The
/// series is named by `--series` or the file name. As in the wide form, only a changed
/// value is a new vintage, and the figures are kept per vintage until the end of the file.
final class ALFREDLongSource: FigureSource {
    let csv: CSVReader
    private let cells: CellParser
    private let id: SeriesID
    private let startColumn: Int
    private let dateColumn: Int
    private let valueColumn: Int
    private var filter = ChangeFilter()
    private var vintages = VintagesByRelease()
    private var defined = false
    private var finished = false
    private(set) var rowsRead = 0
    private(set) var unchanged = 0

    /// Whether a header is the API's long layout.
    static func matches(_ header: CSVHeader) -> Bool {
        header.index(of: "realtime_start") != nil && header.index(of: "date") != nil && header.index(of: "value") != nil
    }

    init(_ csv: CSVReader, header: CSVHeader, options: ImportOptions, fileSeries: String?) throws(InterchangeError) {
        self.csv = csv
        cells = CellParser(options: options, reader: csv, header: header)
        guard let name = options.series ?? fileSeries else {
            throw InterchangeError(file: csv.file, reason: "the file does not name its series: give it with --series")
        }
        id = try cells.seriesID(name, column: nil)
        startColumn = header.index(of: "realtime_start")!
        dateColumn = header.index(of: "date")!
        valueColumn = header.index(of: "value")!
    }

    var seriesNeedingBaseline: [SeriesID] { [id] }
    func use(_ baseline: VintageBaseline) { filter.baseline = baseline }

    func read(into assembler: EventAssembler, rows: Int) throws(InterchangeError) -> Bool {
        if finished { return false }
        if !defined {
            defined = true
            let options = cells.options
            if !assembler.isDefined(id) || options.unit != nil || options.frequency != nil {
                let frequency =
                    options.frequency
                    ?? (assembler.isDefined(id) ? nil : FrequencyProbe.infer(path: csv.file, dialect: options.dialect, column: dateColumn))
                assembler.define(SeriesDefinition(series: id, unit: options.unit, frequency: frequency), line: 1)
            }
        }
        for _ in 0..<rows {
            guard try csv.next() else {
                finished = true
                vintages.emit(into: assembler, status: cells.options.status)
                return false
            }
            rowsRead += 1
            guard let value = try cells.value(valueColumn) else { continue }
            let period = try cells.period(dateColumn, frequency: assembler.frequency(of: id), series: id)
            let released = try cells.releaseTime(startColumn).microseconds
            if filter.isNewVintage(series: id, validTime: period.start.microseconds, releasedAt: released, value: value) {
                vintages.add(Release.Entry(series: id, period: period, value: value), releasedAt: released, line: csv.recordLine)
            } else {
                unchanged += 1
            }
        }
        return true
    }
}
