import VintageCore

/// The distance between two ticks of a chart's time axis, in calendar terms: ticks fall on
/// whole seconds, minutes, hours, days, Mondays, months (quarters start in January, April,
/// July and October) or years, all in UTC.
enum CalendarStep: Hashable, Sendable {
    /// A fixed number of microseconds, aligned to the Unix epoch (seconds, minutes, hours, days).
    case fixed(Int64)
    /// Weeks starting on Mondays.
    case weeks
    /// A number of months, aligned to January.
    case months(Int)
    /// A number of years, aligned to year 0.
    case years(Int)

    private static let second = Timestamp.microsecondsPerSecond
    private static let minute = 60 * second
    private static let hour = 60 * minute
    private static let day = Timestamp.microsecondsPerDay

    /// Every step, from the finest to the coarsest.
    static let all: [CalendarStep] =
        [1, 5, 15, 30].map { .fixed($0 * second) } + [1, 5, 15, 30].map { .fixed($0 * minute) }
        + [1, 3, 6, 12].map { .fixed($0 * hour) } + [1, 2].map { .fixed($0 * day) } + [.weeks]
        + [1, 2, 3, 6].map { .months($0) } + [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].map { .years($0) }

    /// The longest label of a tick of this step, in characters.
    var labelLength: Int {
        switch self {
        case let .fixed(width) where width < CalendarStep.minute: 8  // 14:05:30
        case let .fixed(width) where width < CalendarStep.day: 12  // 30 Nov 14:05
        case .fixed, .weeks: 11  // 30 Nov 2025
        case .months: 8  // Nov 2025
        case .years: 4  // 2025
        }
    }

    /// The label of the tick at `time`.
    func label(_ time: Int64) -> String {
        switch self {
        case let .fixed(width) where width < CalendarStep.minute: TimeText.clock(time, seconds: true)
        case let .fixed(width) where width < CalendarStep.day: TimeText.dayAndMonth(time) + " " + TimeText.clock(time, seconds: false)
        case .fixed, .weeks: TimeText.day(time)
        case .months: TimeText.month(time)
        case .years: String(Timestamp(microseconds: time).civilDate.year)
        }
    }

    /// The ticks of this step in `lower...upper`, at most `limit` of them (nil when there
    /// would be more).
    func ticks(from lower: Int64, through upper: Int64, limit: Int) -> [Int64]? {
        var ticks: [Int64] = []
        var tick = firstTick(atOrAfter: lower)
        while tick <= upper {
            ticks.append(tick)
            if ticks.count > limit { return nil }
            tick = next(after: tick)
        }
        return ticks
    }

    /// The first tick at or after `time`.
    func firstTick(atOrAfter time: Int64) -> Int64 {
        switch self {
        case let .fixed(width):
            return CalendarStep.roundUp(time, to: width, offset: 0)
        case .weeks:
            // 1970-01-05, day 4, was a Monday.
            return CalendarStep.roundUp(time, to: 7 * CalendarStep.day, offset: 4 * CalendarStep.day)
        case let .months(n):
            let date = Timestamp(microseconds: time).civilDate
            var index = date.year * 12 + date.month - 1
            if CalendarStep.start(ofMonth: index) < time { index += 1 }
            index = CalendarStep.roundUp(index, to: n)
            return CalendarStep.start(ofMonth: index)
        case let .years(n):
            var year = Timestamp(microseconds: time).civilDate.year
            if CalendarStep.start(ofMonth: year * 12) < time { year += 1 }
            return CalendarStep.start(ofMonth: CalendarStep.roundUp(year, to: n) * 12)
        }
    }

    /// The tick after `tick`.
    func next(after tick: Int64) -> Int64 {
        switch self {
        case let .fixed(width): return tick + width
        case .weeks: return tick + 7 * CalendarStep.day
        case let .months(n):
            let date = Timestamp(microseconds: tick).civilDate
            return CalendarStep.start(ofMonth: date.year * 12 + date.month - 1 + n)
        case let .years(n):
            return CalendarStep.start(ofMonth: (Timestamp(microseconds: tick).civilDate.year + n) * 12)
        }
    }

    /// The start of month `index` (year × 12 + month − 1), UTC microseconds.
    static func start(ofMonth index: Int) -> Int64 {
        let year = index >= 0 ? index / 12 : (index - 11) / 12
        return Timestamp(CivilDate(year: year, month: index - year * 12 + 1, day: 1)).microseconds
    }

    /// The smallest `offset + k × width` at or after `value`.
    static func roundUp(_ value: Int64, to width: Int64, offset: Int64) -> Int64 {
        let shifted = value - offset
        var k = shifted / width
        if k * width < shifted { k += 1 }
        return k * width + offset
    }

    /// The smallest multiple of `n` at or after `value`.
    static func roundUp(_ value: Int, to n: Int) -> Int {
        var k = value / n
        if k * n < value { k += 1 }
        return k * n
    }

    /// The finest step whose ticks in `lower...upper` number at most `limit(step)` (and at
    /// least one when any step has one), with those ticks.
    static func choose(from lower: Int64, through upper: Int64, limit: (CalendarStep) -> Int) -> (step: CalendarStep, ticks: [Int64]) {
        for step in all {
            let most = max(1, limit(step))
            if let ticks = step.ticks(from: lower, through: upper, limit: most), !ticks.isEmpty || step == all.last {
                return (step, ticks)
            }
        }
        return (.years(1000), [])
    }
}
