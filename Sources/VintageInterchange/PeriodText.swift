import Vintage

/// Writes a point's valid time as the period its series' frequency names: `2024` (annual),
/// `2024-Q1`, `2024-01`, a date, or a full timestamp for a time of day.
enum PeriodText {
    static func text(_ validTime: Int64, frequency: Frequency?, sdmx: Bool = false) -> String {
        let t = Timestamp(microseconds: validTime)
        guard validTime % Timestamp.microsecondsPerDay == 0 else { return t.iso8601 }
        let date = t.civilDate
        let y = pad(date.year, 4), m = pad(date.month, 2), d = pad(date.day, 2)
        switch frequency {
        case .annual? where date.month == 1 && date.day == 1: return y
        case .quarterly? where date.day == 1 && (date.month - 1) % 3 == 0: return "\(y)-Q\((date.month - 1) / 3 + 1)"
        case .monthly? where date.day == 1: return "\(y)-\(m)"
        case .weekly? where sdmx && CivilDate.isoWeekday(dayNumber: t.dayNumber) == 1:
            // The ISO week of a Monday: its year is the year of that week's Thursday.
            let thursday = CivilDate(dayNumber: t.dayNumber + 3)
            let week = (t.dayNumber - CivilDate.isoWeekOneMonday(isoYear: thursday.year)) / 7 + 1
            return "\(pad(thursday.year, 4))-W\(pad(Int(week), 2))"
        default: return "\(y)-\(m)-\(d)"
        }
    }

    static func date(_ validTime: Int64) -> String {
        let date = Timestamp(microseconds: validTime).civilDate
        return "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))"
    }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
