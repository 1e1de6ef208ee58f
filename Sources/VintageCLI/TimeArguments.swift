import ArgumentParser
import Vintage
import VintageCore

/// A time option's value: any period form or a timestamp, read as one instant — which
/// instant of the period, each option says.
protocol TimeArgument: ExpressibleByArgument {
    var microseconds: Int64 { get }
    init(microseconds: Int64)
    /// The instant `period` names for this option.
    static func instant(of period: Period) -> Int64
    /// The forms accepted, for error messages.
    static var accepted: String { get }
}

extension TimeArgument {
    init?(argument: String) {
        guard let parsed = try? Self(parsing: argument) else { return nil }
        self = parsed
    }

    /// Parses an option's text, or says what is wrong with it and which forms are accepted
    /// (for `@Option(transform:)`, whose errors reach the user).
    init(parsing text: String) throws(ValidationError) {
        let period: Period
        do {
            period = try Period(text)
        } catch {
            throw ValidationError(OptionValueReason.time(error, accepted: Self.accepted))
        }
        self.init(microseconds: Self.instant(of: period))
    }
}

/// A valid time given as any period form or a timestamp (`--from`, `--to`): its start.
struct ValidTimeArgument: TimeArgument {
    var microseconds: Int64

    static func instant(of period: Period) -> Int64 { period.start.microseconds }

    static let accepted =
        "a period (2026, 2026-Q1, 2026-01, 2026-01-15, or SDMX's 2026-M01, 2026-W05, 2026-D032), meaning its start, or a timestamp (2026-01-15T08:30:00Z)"

    static var defaultValueDescription: String { "a period or timestamp" }
}

/// A release-time bound (`--as-of`): a date, or any period form, means the end of its last
/// day UTC (releases made that day count, as in ALFRED's vintage dates: `2016-07` is the
/// end of 31 July 2016, `2016-Q3` of 30 September, `2016` of 31 December); a timestamp is
/// inclusive.
struct AsOfArgument: TimeArgument {
    var microseconds: Int64

    static let accepted =
        "a date or period (2016-07-29, 2016-07, 2016-Q3, 2016), meaning the end of its last day UTC, or a timestamp (2016-07-29T12:00:00Z), inclusive"

    /// The last microsecond of a period; a timestamp is its own.
    static func instant(of period: Period) -> Int64 {
        let start = period.start.microseconds
        let date = period.start.civilDate
        func monthsLater(_ months: Int) -> Int64 {
            let index = date.month - 1 + months
            return Timestamp(CivilDate(year: date.year + index / 12, month: index % 12 + 1, day: 1)).microseconds
        }
        let next: Int64
        switch period.kind {
        case .instant: return start
        case .day: next = start + Timestamp.microsecondsPerDay
        case .week: next = start + 7 * Timestamp.microsecondsPerDay
        case .month: next = monthsLater(1)
        case .quarter: next = monthsLater(3)
        case .half: next = monthsLater(6)
        case .year: next = monthsLater(12)
        }
        return next - 1
    }

    static var defaultValueDescription: String { "a date, period or timestamp" }
}

/// `--where K=V`: one tag condition.
struct TagCondition: ExpressibleByArgument {
    var condition: TagFilter.Condition

    init?(argument: String) {
        guard let eq = argument.firstIndex(of: "="), eq != argument.startIndex else { return nil }
        condition = TagFilter.Condition(key: String(argument[..<eq]), value: String(argument[argument.index(after: eq)...]))
    }
}

/// `--party P`: a party an announcement names (any non-empty text, matched exactly).
struct PartyArgument: ExpressibleByArgument {
    var name: String

    init?(argument: String) {
        guard !argument.isEmpty else { return nil }
        name = argument
    }

    static var defaultValueDescription: String { "a party, e.g. KR" }
}

extension SeriesID: ExpressibleByArgument {
    public init?(argument: String) {
        guard let id = try? SeriesID(argument) else { return nil }
        self = id
    }
}
