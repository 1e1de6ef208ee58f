import VintageCore

/// A bucket width of `vintage query --bucket`: calendar buckets in UTC that split valid time
/// into consecutive, non-overlapping intervals, each named by its start.
///
/// `1w` buckets are ISO weeks (Monday to Sunday); `1mo`, `1q` and `1y` are calendar months,
/// quarters (starting January, April, July, October) and years. `Nm`, `Nh` and `Nd` are
/// fixed widths of N minutes, hours or days aligned to the Unix epoch (so `1d` is the UTC
/// day and `7d` buckets start on Thursdays, as 1970-01-01 did).
public enum Bucket: Hashable, Sendable, CustomStringConvertible {
    /// A fixed width in microseconds, aligned to 1970-01-01T00:00:00Z.
    case fixed(microseconds: Int64)
    /// ISO weeks, starting on Mondays.
    case isoWeek
    /// Calendar months grouped by `months`: 1 (months), 3 (quarters) or 12 (years), aligned
    /// to January.
    case calendarMonths(Int)

    /// The widest fixed bucket accepted: a million days.
    public static let widestFixed: Int64 = 1_000_000 * Timestamp.microsecondsPerDay

    /// Parses `1h`, `1d`, `1w`, `1mo`, `1q`, `1y`, or `Nm`, `Nh`, `Nd` for a positive N.
    ///
    /// - Throws: ``AnalyticQueryError/badBucket(_:reason:)`` naming the text.
    public init(parsing text: String) throws(AnalyticQueryError) {
        let units: [(suffix: String, microseconds: Int64?)] = [
            ("mo", nil), ("m", 60 * Timestamp.microsecondsPerSecond), ("h", 3_600 * Timestamp.microsecondsPerSecond),
            ("d", Timestamp.microsecondsPerDay), ("w", nil), ("q", nil), ("y", nil)
        ]
        let hint = "expected 1h, 1d, 1w, 1mo, 1q, 1y, or a multiple of minutes, hours or days such as 15m, 6h, 7d"
        guard let unit = units.first(where: { text.hasSuffix($0.suffix) }) else { throw .badBucket(text, reason: hint) }
        let digits = text.dropLast(unit.suffix.count)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let count = Int64(digits) else {
            throw .badBucket(text, reason: hint)
        }
        guard count >= 1 else { throw .badBucket(text, reason: "the multiple must be 1 or more") }
        if let width = unit.microseconds {
            let (total, overflow) = width.multipliedReportingOverflow(by: count)
            guard !overflow, total <= Bucket.widestFixed else { throw .badBucket(text, reason: "wider than a million days") }
            self = .fixed(microseconds: total)
            return
        }
        guard count == 1 else {
            throw .badBucket(text, reason: "weeks, months, quarters and years come only as 1w, 1mo, 1q and 1y")
        }
        switch unit.suffix {
        case "w": self = .isoWeek
        case "mo": self = .calendarMonths(1)
        case "q": self = .calendarMonths(3)
        default: self = .calendarMonths(12)
        }
    }

    /// The canonical spelling, e.g. `15m`, `1d`, `1w`, `1q`.
    public var description: String {
        switch self {
        case let .fixed(width):
            let day = Timestamp.microsecondsPerDay, hour = 3_600 * Timestamp.microsecondsPerSecond
            if width % day == 0 { return "\(width / day)d" }
            if width % hour == 0 { return "\(width / hour)h" }
            return "\(width / (60 * Timestamp.microsecondsPerSecond))m"
        case .isoWeek: return "1w"
        case let .calendarMonths(months): return months == 1 ? "1mo" : months == 3 ? "1q" : "1y"
        }
    }
}
