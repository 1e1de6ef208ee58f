import ArgumentParser
import Vintage
import VintageCore

/// A valid time given as any period form or a timestamp (`--from`, `--to`): its start.
struct ValidTimeArgument: ExpressibleByArgument {
    var microseconds: Int64

    init?(argument: String) {
        guard let period = try? Period(argument) else { return nil }
        microseconds = period.start.microseconds
    }

    static var defaultValueDescription: String { "a period or timestamp" }
}

/// A release-time bound (`--as-of`): a date means the end of that day UTC (releases made
/// that day count, as in ALFRED's vintage dates); a timestamp is inclusive.
struct AsOfArgument: ExpressibleByArgument {
    var microseconds: Int64

    init?(argument: String) {
        if argument.utf8.count == 10, let day = try? Period(argument) {
            microseconds = day.start.microseconds + 86_400_000_000 - 1
        } else if let instant = try? Timestamp(iso8601: argument) {
            microseconds = instant.microseconds
        } else {
            return nil
        }
    }
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
