extension Frequency {
    /// Whether a period starting at `start` is a point of a series of this frequency: on a
    /// quarterly series `2016-Q1`, `2016-01` and `2016-01-01` all start a quarter, `2016-03`
    /// does not. Daily points start at midnight UTC, weekly ones on a Monday, monthly ones
    /// on the first of a month, quarterly ones on the first of January, April, July or
    /// October, annual ones on 1 January; `irregular` takes any instant.
    public func admits(_ start: Timestamp) -> Bool {
        if self == .irregular { return true }
        guard start.microseconds % Timestamp.microsecondsPerDay == 0 else { return false }
        let day = start.dayNumber
        switch self {
        case .daily, .irregular:
            return true
        case .weekly:
            return CivilDate.isoWeekday(dayNumber: day) == 1
        case .monthly, .quarterly, .annual:
            let date = CivilDate(dayNumber: day)
            guard date.day == 1 else { return false }
            switch self {
            case .quarterly: return date.month % 3 == 1
            case .annual: return date.month == 1
            default: return true
            }
        }
    }

    /// What a period of this frequency starts on, for messages: `the first day of a
    /// quarter (e.g. 2016-Q1 or 2016-04)`.
    public var periodStart: String {
        switch self {
        case .daily: "the start of a day (e.g. 2016-03-14)"
        case .weekly: "a Monday (e.g. 2016-W11 or 2016-03-14)"
        case .monthly: "the first day of a month (e.g. 2016-03)"
        case .quarterly: "the first day of a quarter (e.g. 2016-Q1 or 2016-04)"
        case .annual: "the first day of a year (e.g. 2016)"
        case .irregular: "any instant"
        }
    }
}
