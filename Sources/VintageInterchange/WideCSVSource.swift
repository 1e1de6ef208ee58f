import Vintage

/// A wide file: a period column, then one column per series named by its header — plain CSV
/// with `--wide`, and a plain FRED download (`observation_date` or `DATE`, then one column
/// per series). Every figure has the file's release time. With FRED's rules, frequencies
/// are inferred from the dates and a figure equal to the series' latest stored vintage
/// before the release is not stored again.
final class WideCSVSource: FigureSource {
    let csv: CSVReader
    private let cells: CellParser
    private let periodColumn: Int
    private let series: [(column: Int, id: SeriesID)]
    private let releasedAt: Timestamp
    private let fredRules: Bool
    private var baseline = VintageBaseline()
    private var defined = false
    private(set) var rowsRead = 0
    private(set) var unchanged = 0

    init(_ csv: CSVReader, header: CSVHeader, options: ImportOptions, releasedAt: Timestamp, fredRules: Bool) throws(InterchangeError) {
        self.csv = csv
        self.releasedAt = releasedAt
        self.fredRules = fredRules
        cells = CellParser(options: options, reader: csv, header: header)
        if let name = options.periodColumn {
            guard let i = header.index(of: name) else {
                throw InterchangeError(
                    file: csv.file, line: 1, reason: "no column '\(name)' (--period-column); the columns are \(header.names.joined(separator: ", "))")
            }
            periodColumn = i
        } else {
            periodColumn = header.index(of: "observation_date", "date", "period", "time", "time_period") ?? 0
        }
        var series: [(Int, SeriesID)] = []
        for (i, name) in header.names.enumerated() where i != periodColumn {
            let trimmed = name.trimmingSpaces()
            guard !trimmed.isEmpty else {
                throw InterchangeError(file: csv.file, line: 1, column: header.describe(i), reason: "a series column has no name")
            }
            series.append((i, try cells.seriesID(trimmed, column: i)))
        }
        guard !series.isEmpty else { throw InterchangeError(file: csv.file, line: 1, reason: "no series columns after the period column") }
        self.series = series
    }

    var seriesNeedingBaseline: [SeriesID] { fredRules ? series.map(\.id) : [] }
    func use(_ baseline: VintageBaseline) { self.baseline = baseline }

    func read(into assembler: EventAssembler, rows: Int) throws(InterchangeError) -> Bool {
        if !defined { define(assembler) }
        for _ in 0..<rows {
            guard try csv.next() else { return false }
            rowsRead += 1
            var period: Period? = nil
            var lastFrequency: Frequency?? = .none
            for (column, id) in series {
                guard let value = try cells.value(column) else { continue }
                let frequency = assembler.frequency(of: id)
                if period == nil || lastFrequency != .some(frequency) {
                    period = try cells.period(periodColumn, frequency: frequency, series: id)
                    lastFrequency = .some(frequency)
                }
                if fredRules, let stored = baseline.latest(series: id, validTime: period!.start.microseconds, before: releasedAt.microseconds),
                    stored.value == value
                {
                    unchanged += 1
                    continue
                }
                assembler.add(series: id, period: period!, value: value, releasedAt: releasedAt, status: cells.options.status, line: csv.recordLine)
            }
        }
        return true
    }

    private func define(_ assembler: EventAssembler) {
        defined = true
        let options = cells.options
        var inferred: Frequency?? = .none
        for (_, id) in series where !assembler.isDefined(id) || options.unit != nil || options.frequency != nil {
            var frequency = options.frequency
            if frequency == nil && !assembler.isDefined(id) {
                if inferred == nil { inferred = .some(FrequencyProbe.infer(path: csv.file, dialect: options.dialect, column: periodColumn)) }
                frequency = inferred!
            }
            assembler.define(SeriesDefinition(series: id, unit: options.unit, frequency: frequency), line: 1)
        }
    }
}
