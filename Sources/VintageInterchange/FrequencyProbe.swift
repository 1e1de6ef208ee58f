import Vintage

/// Infers a series' frequency from the first dates of a file (FRED and ALFRED files give
/// plain dates): the gap between the first two distinct dates. Reads the file a second
/// time, from its start, so it cannot look at standard input.
enum FrequencyProbe {
    /// The frequency the first dates in `column` suggest, or nil.
    static func infer(path: String, dialect: CSVDialect, column: Int) -> Frequency? {
        guard path != "-", let reader = try? CSVReader(path: path, delimiter: dialect.delimiter) else { return nil }
        guard (try? reader.next()) == true else { return nil }  // the header
        var days: [Int64] = []
        while days.count < 3, (try? reader.next()) == true {
            guard column < reader.count else { continue }
            let cell = reader.field(column)
            let start: Int64
            if case .success(let s) = Period.parseStart(cell) {
                if let f = Frequency.suggested(by: s.kind) { return f }
                start = s.start.dayNumber
            } else if let d = ReleaseTimeText.dayDigits(cell) {
                start = d.dayNumber
            } else {
                continue
            }
            if days.last != start { days.append(start) }
        }
        guard days.count >= 2 else { return nil }
        return Frequency.suggested(byGapInDays: abs(days[1] - days[0]))
    }
}
