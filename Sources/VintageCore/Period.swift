/// The valid-time period a figure describes, as written, with the UTC instant it starts at.
///
/// `2026-01`, `2026-M01` and `2026-01-01` are different spellings with the same
/// ``start``: they name the same point of a series. The spelling is kept so that the
/// log records what the publisher wrote.
public struct Period: Hashable, Sendable, CustomStringConvertible {
    /// The granularity a spelling names.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case year, half, quarter, month, week, day, instant
    }

    /// The text as written in the event, e.g. `2026-Q1`.
    public var text: String
    /// The start of the period in UTC.
    public var start: Timestamp
    /// The granularity the spelling names.
    public var kind: Kind

    /// Parses any period form of SPEC.md: `YYYY`, `YYYY-Qn`, `YYYY-MM`, `YYYY-MM-DD`, a full
    /// timestamp, or an SDMX reporting period (`YYYY-A1`, `YYYY-Sn`, `YYYY-Qn`, `YYYY-Mnn`,
    /// `YYYY-Wnn`, `YYYY-Dnnn`).
    public init(_ text: String) throws(TimeSyntaxError) {
        var copy = text
        let parsed = copy.withUTF8 { Period.parseStart($0) }
        let bounds = try parsed.get()
        self.text = text
        self.start = bounds.start
        self.kind = bounds.kind
    }

    /// Parses period bytes into the start instant and the kind; see ``init(_:)``.
    public static func parseStart(_ t: UnsafeBufferPointer<UInt8>) -> Result<Start, TimeSyntaxError> {
        let hint = "expected a period such as 2026, 2026-Q1, 2026-01, 2026-M01, 2026-W05, 2026-D032, 2026-01-31 or a timestamp"
        guard let year = ASCIIDigits.value(t, 0, 4) else { return .failure(TimeSyntaxError(hint)) }
        if t.count == 4 { return .success(Start(Timestamp(CivilDate(year: year, month: 1, day: 1)), .year)) }
        guard t.count >= 7, t[4] == UInt8(ascii: "-") else { return .failure(TimeSyntaxError(hint)) }
        let designator = t[5] | 0x20  // ASCII lower case
        func monthStart(_ month: Int) -> Timestamp { Timestamp(CivilDate(year: year, month: month, day: 1)) }
        switch designator {
        case UInt8(ascii: "a"):
            guard t.count == 7, t[6] == UInt8(ascii: "1") else { return .failure(TimeSyntaxError("an annual period is YYYY-A1")) }
            return .success(Start(monthStart(1), .year))
        case UInt8(ascii: "s"):
            guard t.count == 7, let n = ASCIIDigits.value(t, 6, 1), (1...2).contains(n) else {
                return .failure(TimeSyntaxError("a half-year is YYYY-S1 or YYYY-S2"))
            }
            return .success(Start(monthStart(n == 1 ? 1 : 7), .half))
        case UInt8(ascii: "q"):
            guard t.count == 7, let n = ASCIIDigits.value(t, 6, 1), (1...4).contains(n) else {
                return .failure(TimeSyntaxError("a quarter is YYYY-Q1 to YYYY-Q4"))
            }
            return .success(Start(monthStart(3 * n - 2), .quarter))
        case UInt8(ascii: "m"):
            guard t.count == 8, let n = ASCIIDigits.value(t, 6, 2), (1...12).contains(n) else {
                return .failure(TimeSyntaxError("a month is YYYY-M01 to YYYY-M12"))
            }
            return .success(Start(monthStart(n), .month))
        case UInt8(ascii: "w"):
            guard t.count == 8, let n = ASCIIDigits.value(t, 6, 2), n >= 1, n <= CivilDate.isoWeeksInYear(year) else {
                return .failure(TimeSyntaxError("week \(String(decoding: t, as: UTF8.self).dropFirst(6)) does not exist in ISO year \(year)"))
            }
            let monday = CivilDate.isoWeekOneMonday(isoYear: year) + Int64(n - 1) * 7
            return .success(Start(Timestamp(microseconds: monday * Timestamp.microsecondsPerDay), .week))
        case UInt8(ascii: "d"):
            let days = CivilDate.isLeapYear(year) ? 366 : 365
            guard t.count == 9, let n = ASCIIDigits.value(t, 6, 3), n >= 1, n <= days else {
                return .failure(TimeSyntaxError("a day of the year is YYYY-D001 to YYYY-D\(days)"))
            }
            let first = CivilDate(year: year, month: 1, day: 1).dayNumber
            return .success(Start(Timestamp(microseconds: (first + Int64(n - 1)) * Timestamp.microsecondsPerDay), .day))
        default:
            break
        }
        guard let month = ASCIIDigits.value(t, 5, 2) else { return .failure(TimeSyntaxError(hint)) }
        if t.count == 7 {
            guard (1...12).contains(month) else { return .failure(TimeSyntaxError("month \(month) is out of range")) }
            return .success(Start(monthStart(month), .month))
        }
        if t.count == 10 {
            switch Timestamp.parseDate(t) {
            case .success(let date): return .success(Start(Timestamp(date), .day))
            case .failure(let e): return .failure(e)
            }
        }
        switch Timestamp.parse(t) {
        case .success(let ts): return .success(Start(ts, .instant))
        case .failure(let e): return .failure(e)
        }
    }

    /// Where a spelling starts and what granularity it names.
    public struct Start: Hashable, Sendable {
        /// The start of the period in UTC.
        public var start: Timestamp
        /// The granularity the spelling names.
        public var kind: Kind

        /// Creates a start.
        public init(_ start: Timestamp, _ kind: Kind) {
            self.start = start
            self.kind = kind
        }
    }

    public var description: String { text }
}
