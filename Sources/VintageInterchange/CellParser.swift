import Vintage

/// Reads the cells every format shares — values, periods, release times — with the import's
/// options, and words errors with the file, line and column.
final class CellParser {
    let options: ImportOptions
    let reader: CSVReader
    let header: CSVHeader
    /// Canonical periods already made, by frequency and start day (most files repeat them).
    private var canonical: [Int64: Period] = [:]
    /// The last period cell read, for what it gave on a series of which frequency.
    private var lastPeriodBytes: [UInt8] = []
    private var lastPeriodFrequency: Frequency?? = .none
    private var lastPeriod = Period.template

    init(options: ImportOptions, reader: CSVReader, header: CSVHeader) {
        self.options = options
        self.reader = reader
        self.header = header
    }

    func error(_ column: Int?, _ reason: String) -> InterchangeError {
        InterchangeError(file: reader.file, line: reader.recordLine, column: column.map(header.describe), reason: reason)
    }

    /// The value of a cell, or nil when it is a missing-value marker.
    func value(_ column: Int) throws(InterchangeError) -> Double? {
        guard column < reader.count else { throw error(column, "the row has only \(reader.count) columns") }
        let cell = reader.field(column)
        if let v = DecimalText.value(cell, decimalComma: options.dialect.decimalComma) { return v }
        if options.dialect.isMissing(cell) { return nil }
        let trimmed = trim(cell)
        if trimmed.count != cell.count {
            if let v = DecimalText.value(trimmed, decimalComma: options.dialect.decimalComma) { return v }
            if options.dialect.isMissing(trimmed) { return nil }
        }
        throw error(
            column,
            "'\(String(decoding: cell, as: UTF8.self))' is not a number (missing values are written '.', 'NA', 'NaN', 'Null', empty, or the --missing token)\(options.dialect.decimalComma ? "" : looksLikeDecimalComma(cell) ? "; use --decimal-comma for numbers like 1,5" : "")"
        )
    }

    private func looksLikeDecimalComma(_ cell: UnsafeBufferPointer<UInt8>) -> Bool { cell.contains(UInt8(ascii: ",")) }

    private func trim(_ cell: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var lo = 0, hi = cell.count
        while lo < hi, cell[lo] == 32 || cell[lo] == 9 { lo += 1 }
        while hi > lo, cell[hi - 1] == 32 || cell[hi - 1] == 9 { hi -= 1 }
        return UnsafeBufferPointer(rebasing: cell[lo..<hi])
    }

    /// The period a cell names on a series of `frequency`, aligned as the options say.
    func period(_ column: Int, frequency: Frequency?, series: SeriesID) throws(InterchangeError) -> Period {
        guard column < reader.count else { throw error(column, "the row has only \(reader.count) columns") }
        let cell = reader.field(column)
        if lastPeriodFrequency == .some(frequency), sameBytes(cell, lastPeriodBytes) { return lastPeriod }
        let p = try period(trim(cell), column: column, frequency: frequency, series: series)
        lastPeriodBytes = Array(cell)
        lastPeriodFrequency = .some(frequency)
        lastPeriod = p
        return p
    }

    /// See ``period(_:frequency:series:)``; for a period text found elsewhere (a header).
    func period(_ text: UnsafeBufferPointer<UInt8>, column: Int?, frequency: Frequency?, series: SeriesID) throws(InterchangeError) -> Period {
        let spelled: Period.Start
        switch Period.parseStart(text) {
        case .success(let s): spelled = s
        case .failure(let e):
            if let date = ReleaseTimeText.dayDigits(text) {
                spelled = Period.Start(Timestamp(date), .day)
            } else {
                throw error(column, "'\(String(decoding: text, as: UTF8.self))' is not a period: \(e)")
            }
        }
        if let frequency, frequency != .irregular, options.periodAlignment != .end,
            spelled.start.microseconds % Timestamp.microsecondsPerDay == 0
        {
            let key = spelled.start.dayNumber &* 8 &+ Int64(frequency.cacheSlot)
            if let p = canonical[key] { return p }
            switch options.periodAlignment.period(spelled, text: text, frequency: frequency) {
            case .success(let p):
                canonical[key] = p
                return p
            case .failure(let e):
                throw error(column, "series \(series): \(e.reason)")
            }
        }
        switch options.periodAlignment.period(spelled, text: text, frequency: frequency) {
        case .success(let p): return p
        case .failure(let e): throw error(column, "series \(series): \(e.reason)")
        }
    }

    /// The release time of a cell.
    func releaseTime(_ column: Int) throws(InterchangeError) -> Timestamp {
        guard column < reader.count else { throw error(column, "the row has only \(reader.count) columns") }
        switch ReleaseTimeText.parse(trim(reader.field(column))) {
        case .success(let t): return t
        case .failure(let e): throw error(column, "'\(reader.string(column))' is not a release time: \(e)")
        }
    }

    /// The text of a cell, trimmed; nil when empty.
    func text(_ column: Int) -> String? {
        guard column < reader.count else { return nil }
        let t = trim(reader.field(column))
        return t.isEmpty ? nil : String(decoding: t, as: UTF8.self)
    }

    /// The series id for a name, or an error naming the column.
    func seriesID(_ name: String, column: Int?) throws(InterchangeError) -> SeriesID {
        switch options.seriesID(name) {
        case .success(let id): return id
        case .failure(let e): throw error(column, "'\(name)' cannot be a series id: \(e)")
        }
    }
}
