import VintageCore

/// How a codec-2 batch stores a figure's period: its kind (``Period/Kind`` in
/// ``Period/Kind/allCases`` order, 0 year … 6 instant) and an ordinal in the kind's unit —
/// months since 1970-01 for years, halves, quarters and months; days since 1970-01-01 for
/// weeks and days; microseconds for instants. The text is regenerated in its canonical
/// spelling (`2026`, `2026-S1`, `2026-Q1`, `2026-01`, `2026-W05`, `2026-01-31`, ISO-8601 UTC);
/// the encoder keeps a period in the columns only when that spelling is the one written.
enum PeriodCode {
    /// The kinds by their stored code.
    static let kinds = Period.Kind.allCases

    /// Instants whose UTC year has four digits (0000-01-01 up to 10000-01-01), as VintageCore formats them.
    static let instantRange: Range<Int64> = -62_167_219_200_000_000..<253_402_300_800_000_000
    static let dayRange: Range<Int64> =
        (instantRange.lowerBound / Timestamp.microsecondsPerDay)..<(instantRange.upperBound / Timestamp.microsecondsPerDay)
    static let monthRange: Range<Int64> = ((0 - 1970) * 12)..<((10000 - 1970) * 12)

    /// The stored code of a kind.
    static func code(_ kind: Period.Kind) -> UInt8 {
        switch kind {
        case .year: 0
        case .half: 1
        case .quarter: 2
        case .month: 3
        case .week: 4
        case .day: 5
        case .instant: 6
        }
    }

    /// The ordinal of `start` for `kind`, or nil when the start is not on a boundary of the
    /// kind's unit or out of range.
    static func ordinal(_ start: Timestamp, _ kind: Period.Kind) -> Int64? {
        guard instantRange.contains(start.microseconds) else { return nil }
        switch kind {
        case .instant:
            return start.microseconds
        case .day, .week:
            guard start.microseconds % Timestamp.microsecondsPerDay == 0 else { return nil }
            return start.microseconds / Timestamp.microsecondsPerDay
        case .year, .half, .quarter, .month:
            let date = start.civilDate
            guard date.day == 1, start.microseconds % Timestamp.microsecondsPerDay == 0 else { return nil }
            return Int64(date.year - 1970) * 12 + Int64(date.month - 1)
        }
    }

    /// The start of a stored period, or nil when the ordinal is out of range or not a start of
    /// its kind (a half starts in January or July, a quarter every third month, a year in
    /// January, a week on a Monday).
    static func start(ordinal: Int64, code: UInt8) -> Timestamp? {
        switch code {
        case 6:
            guard instantRange.contains(ordinal) else { return nil }
            return Timestamp(microseconds: ordinal)
        case 4, 5:
            guard dayRange.contains(ordinal) else { return nil }
            if code == 4, CivilDate.isoWeekday(dayNumber: ordinal) != 1 { return nil }
            return Timestamp(microseconds: ordinal * Timestamp.microsecondsPerDay)
        case 0...3:
            guard monthRange.contains(ordinal) else { return nil }
            let month = Int((ordinal % 12 + 12) % 12)
            let stride = code == 0 ? 12 : code == 1 ? 6 : code == 2 ? 3 : 1
            guard month % stride == 0 else { return nil }
            let year = 1970 + Int((ordinal - Int64(month)) / 12)
            return Timestamp(CivilDate(year: year, month: month + 1, day: 1))
        default:
            return nil
        }
    }

    /// Appends the canonical spelling of a period of `kind` starting at `start` (a start
    /// ``start(ordinal:code:)`` accepted, or one ``ordinal(_:_:)`` accepted).
    static func appendText(_ start: Timestamp, code: UInt8, to out: inout [UInt8]) {
        if code == 6 {
            start.appendISO8601(to: &out)
            return
        }
        let day = start.dayNumber
        if code == 4 {
            let isoYear = CivilDate(dayNumber: day + 3).year
            let week = Int((day - CivilDate.isoWeekOneMonday(isoYear: isoYear)) / 7) + 1
            appendDigits(isoYear, 4, to: &out)
            out.append(UInt8(ascii: "-"))
            out.append(UInt8(ascii: "W"))
            appendDigits(week, 2, to: &out)
            return
        }
        let date = CivilDate(dayNumber: day)
        appendDigits(date.year, 4, to: &out)
        switch code {
        case 0:
            return
        case 1:
            out.append(UInt8(ascii: "-"))
            out.append(UInt8(ascii: "S"))
            out.append(date.month < 7 ? UInt8(ascii: "1") : UInt8(ascii: "2"))
        case 2:
            out.append(UInt8(ascii: "-"))
            out.append(UInt8(ascii: "Q"))
            out.append(UInt8(48 + (date.month - 1) / 3 + 1))
        case 3:
            out.append(UInt8(ascii: "-"))
            appendDigits(date.month, 2, to: &out)
        default:
            out.append(UInt8(ascii: "-"))
            appendDigits(date.month, 2, to: &out)
            out.append(UInt8(ascii: "-"))
            appendDigits(date.day, 2, to: &out)
        }
    }

    /// `value` (0 ≤ value < 10^width) in exactly `width` decimal digits.
    @inline(__always)
    static func appendDigits(_ value: Int, _ width: Int, to out: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        guard value >= 0, value < divisor * 10 else {
            out.append(contentsOf: String(value).utf8)
            return
        }
        var v = value
        while divisor > 0 {
            out.append(UInt8(48 + v / divisor % 10))
            v %= divisor
            divisor /= 10
        }
    }
}
