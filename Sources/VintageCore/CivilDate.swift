/// A proleptic Gregorian calendar date, the bridge between calendar fields and day numbers.
///
/// Day numbers count days since 1970-01-01 (negative before it). The conversions are
/// Howard Hinnant's `days_from_civil` / `civil_from_days` algorithms: pure integer
/// arithmetic, exact for every year Vintage accepts.
public struct CivilDate: Hashable, Sendable {
    /// The year, e.g. 2026.
    public var year: Int
    /// The month, 1–12.
    public var month: Int
    /// The day of the month, 1–31.
    public var day: Int

    /// Creates a date from its fields without validating them; see ``isValid``.
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Whether the fields name a real calendar day.
    public var isValid: Bool {
        month >= 1 && month <= 12 && day >= 1 && day <= CivilDate.daysInMonth(year: year, month: month)
    }

    /// Days since 1970-01-01.
    public var dayNumber: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date of a day number (days since 1970-01-01).
    public init(dayNumber: Int64) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), month: Int(m), day: Int(d))
    }

    /// Whether `year` has a 29 February.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month of a year.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// ISO-8601 weekday of a day number: 1 = Monday … 7 = Sunday.
    public static func isoWeekday(dayNumber: Int64) -> Int {
        // 1970-01-01 was a Thursday (4).
        let r = (dayNumber + 3) % 7
        return Int(r < 0 ? r + 7 : r) + 1
    }

    /// The day number of the Monday that starts ISO week 1 of `isoYear`.
    public static func isoWeekOneMonday(isoYear: Int) -> Int64 {
        let jan4 = CivilDate(year: isoYear, month: 1, day: 4).dayNumber
        return jan4 - Int64(isoWeekday(dayNumber: jan4) - 1)
    }

    /// The number of ISO weeks (52 or 53) in `isoYear`.
    public static func isoWeeksInYear(_ isoYear: Int) -> Int {
        Int((isoWeekOneMonday(isoYear: isoYear + 1) - isoWeekOneMonday(isoYear: isoYear)) / 7)
    }
}
