import Vintage

/// ALFRED's "all vintages" download: `observation_date`, then one column per vintage named
/// `SERIESID_YYYYMMDD` (several series may share a file); or the same layout with bare
/// vintage dates as headers and the series named by `--series` or the file name (as the
/// Bundesbank's real-time database publishes it).
///
/// A vintage column repeats every value that did not change: a cell is stored only when it
/// differs from the point's previous vintage — in the file or already in the store. A point
/// missing from a later column keeps its value (it is not a retraction). The file is read
/// row by row; the figures are kept per vintage until the end, so the memory used grows with
/// the vintages stored, not with the cells read.
final class ALFREDWideSource: FigureSource {
    let csv: CSVReader
    private let cells: CellParser
    private let periodColumn: Int
    /// Per series, its vintage columns in release order.
    private let groups: [(id: SeriesID, columns: [(column: Int, releasedAt: Timestamp)])]
    /// Per vintage (release time), the entries it states, filled while reading.
    private var vintages = VintagesByRelease()
    private var baseline = VintageBaseline()
    private var defined = false
    private var finished = false
    private(set) var rowsRead = 0
    private(set) var unchanged = 0

    /// Whether a header row is ALFRED's vintage layout.
    static func matches(_ header: CSVHeader) -> Bool {
        header.names.count >= 2 && header.names.dropFirst().allSatisfy { vintageHeader($0.trimmingSpaces()) != nil }
    }

    /// `GDPC1_20240125` → ("GDPC1", date), `20240125` or `2024-01-25` → (nil, date).
    static func vintageHeader(_ name: String) -> (series: String?, date: CivilDate)? {
        var bytes = Array(name.utf8)
        if bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") {
            bytes.removeAll { $0 == UInt8(ascii: "-") }
        }
        guard bytes.count >= 8 else { return nil }
        let tail = Array(bytes.suffix(8))
        guard let date = tail.withUnsafeBufferPointer({ ReleaseTimeText.dayDigits($0) }) else { return nil }
        if bytes.count == 8 { return (nil, date) }
        guard bytes.count > 9, bytes[bytes.count - 9] == UInt8(ascii: "_") else { return nil }
        return (String(decoding: bytes.prefix(bytes.count - 9), as: UTF8.self), date)
    }

    init(_ csv: CSVReader, header: CSVHeader, options: ImportOptions, fileSeries: String?) throws(InterchangeError) {
        self.csv = csv
        cells = CellParser(options: options, reader: csv, header: header)
        periodColumn = 0
        var byID: [SeriesID: [(Int, Timestamp)]] = [:]
        var order: [SeriesID] = []
        for i in 1..<header.names.count {
            let (name, date) = ALFREDWideSource.vintageHeader(header.names[i].trimmingSpaces())!
            guard let seriesName = options.series ?? name ?? fileSeries else {
                throw InterchangeError(
                    file: csv.file, line: 1, column: header.describe(i),
                    reason: "the vintage columns do not name their series: give it with --series")
            }
            let id = try cells.seriesID(seriesName, column: i)
            if byID[id] == nil { order.append(id) }
            byID[id, default: []].append((i, Timestamp(date)))
        }
        groups = order.map { id in (id, byID[id]!.sorted { $0.1 < $1.1 }.map { (column: $0.0, releasedAt: $0.1) }) }
    }

    var seriesNeedingBaseline: [SeriesID] { groups.map(\.id) }
    func use(_ baseline: VintageBaseline) { self.baseline = baseline }

    func read(into assembler: EventAssembler, rows: Int) throws(InterchangeError) -> Bool {
        if finished { return false }
        if !defined { define(assembler) }
        for _ in 0..<rows {
            guard try csv.next() else {
                emit(into: assembler)
                return false
            }
            rowsRead += 1
            for (id, columns) in groups {
                let stored = !baseline.isEmpty(id)
                var period: Period? = nil
                var previous: (releasedAt: Int64, value: Double)? = nil
                for (column, releasedAt) in columns {
                    guard let value = try cells.value(column) else { continue }
                    if period == nil { period = try cells.period(periodColumn, frequency: assembler.frequency(of: id), series: id) }
                    let t = releasedAt.microseconds
                    var before = previous
                    if stored, let s = baseline.latest(series: id, validTime: period!.start.microseconds, before: t),
                        before == nil || s.releasedAt > before!.releasedAt
                    {
                        before = s
                    }
                    if let before, before.value == value {
                        unchanged += 1
                        continue
                    }
                    previous = (t, value)
                    vintages.add(Release.Entry(series: id, period: period!, value: value), releasedAt: t, line: csv.recordLine)
                }
            }
        }
        return true
    }

    /// Hands the vintages to the assembler in release order.
    private func emit(into assembler: EventAssembler) {
        finished = true
        vintages.emit(into: assembler, status: cells.options.status)
    }

    private func define(_ assembler: EventAssembler) {
        defined = true
        let options = cells.options
        var inferred: Frequency?? = .none
        for (id, _) in groups where !assembler.isDefined(id) || options.unit != nil || options.frequency != nil {
            var frequency = options.frequency
            if frequency == nil && !assembler.isDefined(id) {
                if inferred == nil { inferred = .some(FrequencyProbe.infer(path: csv.file, dialect: options.dialect, column: periodColumn)) }
                frequency = inferred!
            }
            assembler.define(SeriesDefinition(series: id, unit: options.unit, frequency: frequency), line: 1)
        }
    }
}
