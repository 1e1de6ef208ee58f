import VintageCore

/// The calendar rule of year-on-year comparison: the instant "one year earlier" than a
/// point's valid time.
///
/// - Weekly (ISO weeks): the same weekday and time of day in the same ISO week number of
///   the previous ISO year; none for week 53 when that year has only 52 weeks.
/// - Otherwise (days, months, quarters, years, instants): the same month, day and time of
///   day in the previous calendar year; 29 February maps to 28 February.
public enum YearEarlier {
    /// The instant one year before `time`, or nil when there is none (ISO week 53).
    public static func time(before time: Int64, isoWeeks: Bool) -> Int64? {
        let dayLength = Timestamp.microsecondsPerDay
        let day = Bucket.floorDivide(time, dayLength)
        let timeOfDay = time - day * dayLength
        if isoWeeks {
            let weekday = Int64(CivilDate.isoWeekday(dayNumber: day))
            let monday = day - (weekday - 1)
            let isoYear = CivilDate(dayNumber: monday + 3).year  // the week's Thursday names its year
            let week = (monday - CivilDate.isoWeekOneMonday(isoYear: isoYear)) / 7 + 1
            guard week <= Int64(CivilDate.isoWeeksInYear(isoYear - 1)) else { return nil }
            let earlier = CivilDate.isoWeekOneMonday(isoYear: isoYear - 1) + (week - 1) * 7 + (weekday - 1)
            return earlier * dayLength + timeOfDay
        }
        var date = CivilDate(dayNumber: day)
        date.year -= 1
        date.day = Swift.min(date.day, CivilDate.daysInMonth(year: date.year, month: date.month))
        return date.dayNumber * dayLength + timeOfDay
    }

    /// The most microseconds ``time(before:isoWeeks:)`` ever goes back (371 days: 53 weeks).
    public static let longestStep: Int64 = 371 * Timestamp.microsecondsPerDay
}
