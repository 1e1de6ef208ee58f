import Vintage

/// How a date in a file names the period of a series with a known frequency.
///
/// - `exact`: the date must be the period's start (`2024-01-01`, `2024-01` or `2024-Q1` for
///   the first quarter); any other date is refused, naming the row.
/// - `start`: any date inside the period names it: month ends or mid-month dates for a
///   monthly series, any month of the quarter for a quarterly one, any day of the week.
/// - `end`: the date must be the period's last day (or last month): `2024-03-31` or
///   `2024-03` names the first quarter.
///
/// Series without a frequency (or `irregular`) take every period as written.
public enum PeriodAlignment: String, Hashable, Sendable, CaseIterable {
    case exact, start, end

    /// The period `spelled` names on a series of `frequency`: its canonical text and start,
    /// or why it does not fit.
    public func period(_ spelled: Period.Start, text: UnsafeBufferPointer<UInt8>, frequency: Frequency?) -> Result<Period, AlignmentError> {
        guard let frequency, frequency != .irregular else {
            return .success(Period(unchecked: String(decoding: text, as: UTF8.self), start: spelled.start, kind: spelled.kind))
        }
        let day = spelled.start.dayNumber
        let containing: Int64
        switch self {
        case .exact, .start:
            containing = PeriodAlignment.periodStart(containing: day, frequency)
            if self == .exact && (containing != day || spelled.start.microseconds % Timestamp.microsecondsPerDay != 0) {
                return .failure(
                    AlignmentError(
                        "\(String(decoding: text, as: UTF8.self)) is not the start of a \(PeriodAlignment.unitName(frequency)) (the series is \(frequency)); --period-align start maps any date inside a period to it"
                    ))
            }
        case .end:
            let lastDay = PeriodAlignment.lastDay(of: spelled)
            containing = PeriodAlignment.periodStart(containing: lastDay, frequency)
            if PeriodAlignment.periodStart(containing: lastDay + 1, frequency) == containing {
                return .failure(
                    AlignmentError(
                        "\(String(decoding: text, as: UTF8.self)) is not the end of a \(PeriodAlignment.unitName(frequency)) (the series is \(frequency), --period-align end)"
                    ))
            }
        }
        return .success(PeriodAlignment.canonical(startDay: containing, frequency))
    }

    /// The first day of the period of `frequency` that contains `day`.
    static func periodStart(containing day: Int64, _ frequency: Frequency) -> Int64 {
        let date = CivilDate(dayNumber: day)
        switch frequency {
        case .daily, .irregular: return day
        case .weekly: return day - Int64(CivilDate.isoWeekday(dayNumber: day) - 1)
        case .monthly: return CivilDate(year: date.year, month: date.month, day: 1).dayNumber
        case .quarterly: return CivilDate(year: date.year, month: (date.month - 1) / 3 * 3 + 1, day: 1).dayNumber
        case .annual: return CivilDate(year: date.year, month: 1, day: 1).dayNumber
        }
    }

    /// The last day a spelled period covers.
    static func lastDay(of spelled: Period.Start) -> Int64 {
        let day = spelled.start.dayNumber
        let date = CivilDate(dayNumber: day)
        func monthsLater(_ n: Int) -> Int64 {
            let m = date.month - 1 + n
            return CivilDate(year: date.year + m / 12, month: m % 12 + 1, day: 1).dayNumber - 1
        }
        switch spelled.kind {
        case .day, .instant: return day
        case .week: return day + 6
        case .month: return monthsLater(1)
        case .quarter: return monthsLater(3)
        case .half: return monthsLater(6)
        case .year: return monthsLater(12)
        }
    }

    /// The canonical spelling of the period of `frequency` starting on `day`.
    static func canonical(startDay day: Int64, _ frequency: Frequency) -> Period {
        let date = CivilDate(dayNumber: day)
        let start = Timestamp(microseconds: day * Timestamp.microsecondsPerDay)
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        switch frequency {
        case .annual: return Period(unchecked: pad(date.year, 4), start: start, kind: .year)
        case .quarterly: return Period(unchecked: "\(pad(date.year, 4))-Q\((date.month - 1) / 3 + 1)", start: start, kind: .quarter)
        case .monthly: return Period(unchecked: "\(pad(date.year, 4))-\(pad(date.month, 2))", start: start, kind: .month)
        case .weekly, .daily, .irregular:
            return Period(unchecked: "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))", start: start, kind: .day)
        }
    }

    static func unitName(_ frequency: Frequency) -> String {
        switch frequency {
        case .daily: "day"
        case .weekly: "week (weeks start on Monday)"
        case .monthly: "month"
        case .quarterly: "quarter"
        case .annual: "year"
        case .irregular: "period"
        }
    }
}
