/// An aggregate function of `vintage query --agg`: what one row says about the points of a
/// series (or group) in a bucket or in the whole range.
public enum Aggregate: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// The number of points.
    case count
    /// The sum of the values.
    case sum
    /// The mean of the values (sum ÷ count).
    case avg
    /// The smallest value.
    case min
    /// The largest value.
    case max
    /// The value of the earliest point by valid time.
    case first
    /// The value of the latest point by valid time.
    case last

    /// Parses `count`, `sum`, `avg`, `min`, `max`, `first` or `last`.
    ///
    /// - Throws: ``AnalyticQueryError/badAggregate(_:)`` naming the text.
    public init(parsing text: String) throws(AnalyticQueryError) {
        guard let aggregate = Aggregate(rawValue: text) else { throw .badAggregate(text) }
        self = aggregate
    }

    /// The name, as written on the command line.
    public var description: String { rawValue }
}
