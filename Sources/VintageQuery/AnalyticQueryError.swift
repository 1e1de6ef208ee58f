/// Why an analytic query cannot be run as asked: a bad option value or an impossible
/// combination of options. Each description is one line naming the option at fault.
public enum AnalyticQueryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `--agg` names no aggregate.
    case badAggregate(String)
    /// `--bucket` is not a bucket width; the second value says why.
    case badBucket(String, reason: String)
    /// `--fill` names no fill method.
    case badFill(String)
    /// `--transform` names no transform.
    case badTransform(String)
    /// An option that only means something with another one was given without it.
    case needs(option: String, other: String)
    /// Two options that cannot be combined; the reason says why.
    case conflict(option: String, other: String, reason: String)
    /// `--fill` would emit more buckets than the limit.
    case tooManyBuckets(count: Int64, limit: Int64)

    /// The one-line message, naming the option and the value or combination at fault.
    public var description: String {
        switch self {
        case let .badAggregate(text):
            return "--agg '\(text)': expected count, sum, avg, min, max, first or last"
        case let .badBucket(text, reason):
            return "--bucket '\(text)': \(reason)"
        case let .badFill(text):
            return "--fill '\(text)': expected prev or linear"
        case let .badTransform(text):
            return "--transform '\(text)': expected yoy, pop or diff"
        case let .needs(option, other):
            return "\(option) needs \(other)"
        case let .conflict(option, other, reason):
            return "\(option) cannot be combined with \(other): \(reason)"
        case let .tooManyBuckets(count, limit):
            return
                "--fill would emit \(count) buckets between --from and --to (at most \(limit) in one query, over all its series); use a wider --bucket, a shorter range or fewer series"
        }
    }
}
