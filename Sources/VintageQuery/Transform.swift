import VintageCore

/// A transform of `vintage query --transform`: each row's change from its base row.
///
/// On points the base of `pop` and `diff` is the previous point of the series and the base
/// of `yoy` the point one year earlier (see ``YearEarlier``). On aggregate rows (with
/// `--agg` and `--bucket`) the base of `pop` and `diff` is the previous non-empty bucket and
/// the base of `yoy` the bucket a year earlier. A row without a base, or with a zero base
/// for a percentage, is omitted.
public enum Transform: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Percent change from the same period a year earlier.
    case yoy
    /// Percent change from the previous period.
    case pop
    /// Change from the previous period.
    case diff

    /// Parses `yoy`, `pop` or `diff`.
    ///
    /// - Throws: ``AnalyticQueryError/badTransform(_:)`` naming the text.
    public init(parsing text: String) throws(AnalyticQueryError) {
        guard let transform = Transform(rawValue: text) else { throw .badTransform(text) }
        self = transform
    }

    /// The name, as written on the command line.
    public var description: String { rawValue }

    /// The transformed value of `value` against `base`; nil for a percentage of a zero base.
    ///
    /// A percentage is (value − base) ÷ |base| × 100, so a rise is positive whatever the
    /// base's sign. Both take the figures as their shortest decimal forms: the difference is
    /// exact and rounded once (`408515.7 − 408424` is `91.7`), the percentage the correctly
    /// rounded quotient of that exact difference and the exact base (see ``DecimalSum``).
    public func apply(_ value: Double, base: Double) -> Double? {
        switch self {
        case .diff:
            return DecimalSum.difference(value, base).value
        case .yoy, .pop:
            if base == 0 { return nil }
            return DecimalSum.difference(value, base).percent(of: DecimalSum(base))
        }
    }

    /// Whether the base is the previous row (`pop`, `diff`) rather than the row a year earlier.
    public var comparesWithPrevious: Bool { self != .yoy }
}
