import ArgumentParser
import Vintage
import VintageCore

/// Why an option's value was refused, in words a user can act on.
enum OptionValueReason {
    /// A time that did not parse: what is wrong with it, then what the option takes.
    static func time(_ error: TimeSyntaxError, accepted: String) -> String {
        // The period parser's generic hint lists forms itself; the option's own list says it better.
        let wrong = error.reason.hasPrefix("expected a period") ? "not a date, period or timestamp" : error.reason
        return "\(wrong); expected \(accepted)"
    }

    /// A parser of whole-number option values of at least `minimum`, whose error names
    /// `meaning` (e.g. "a log position: the seq column of vintage log").
    static func wholeNumber<N: FixedWidthInteger & Sendable>(atLeast minimum: N, _ meaning: String) -> @Sendable (String) throws -> N {
        { text in
            guard let n = N(text), n >= minimum else {
                throw ValidationError("expected a whole number of \(minimum) or more (\(meaning))")
            }
            return n
        }
    }

    /// A parser of one of `T`'s names, whose error lists them ("expected yoy, pop or diff").
    static func choice<T: ExpressibleByArgument & CaseIterable & RawRepresentable & Sendable>(_: T.Type) -> @Sendable (String) throws -> T
    where T.RawValue == String {
        { text in
            guard let value = T(argument: text) else {
                let names = T.allCases.map(\.rawValue)
                throw ValidationError("expected \(names.dropLast().joined(separator: ", ")) or \(names.last ?? "")")
            }
            return value
        }
    }

    /// A parser of `--bucket` widths, whose error says what is wrong with the width.
    static let bucketWidth: @Sendable (String) throws -> Bucket = { text in
        do throws(AnalyticQueryError) {
            return try Bucket(parsing: text)
        } catch {
            guard case let .badBucket(_, reason) = error else { throw ValidationError(error.description) }
            throw ValidationError(reason)
        }
    }
}
