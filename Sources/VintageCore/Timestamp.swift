/// An instant in UTC, as microseconds since 1970-01-01T00:00:00Z.
///
/// Every time axis in Vintage (valid time, release time) is one of these: a plain
/// `Int64`, so that hot loops compare and subtract integers. Parsing and formatting
/// ISO-8601 happen only at the edges (see `Timestamp+ISO8601.swift`).
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Microseconds since the Unix epoch, UTC.
    public var microseconds: Int64

    /// Creates a timestamp from microseconds since the Unix epoch.
    @inlinable public init(microseconds: Int64) { self.microseconds = microseconds }

    /// Microseconds in one second.
    public static let microsecondsPerSecond: Int64 = 1_000_000
    /// Microseconds in one day.
    public static let microsecondsPerDay: Int64 = 86_400_000_000

    /// Midnight UTC at the start of a calendar date.
    public init(_ date: CivilDate) {
        self.microseconds = date.dayNumber * Timestamp.microsecondsPerDay
    }

    /// The calendar date (UTC) this instant falls on.
    public var civilDate: CivilDate {
        CivilDate(dayNumber: dayNumber)
    }

    /// Days since 1970-01-01 of the UTC day this instant falls on.
    public var dayNumber: Int64 {
        let d = microseconds / Timestamp.microsecondsPerDay
        return microseconds % Timestamp.microsecondsPerDay < 0 ? d - 1 : d
    }

    @inlinable public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.microseconds < rhs.microseconds
    }

    /// The ISO-8601 form, e.g. `2026-02-01T00:00:00Z`.
    public var description: String { iso8601 }
}
