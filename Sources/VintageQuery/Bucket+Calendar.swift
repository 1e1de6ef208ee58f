import VintageCore

extension Bucket {
    /// The start of the bucket that holds `time` (UTC microseconds): the largest bucket
    /// boundary at or before it. Exact for times before 1970 too.
    public func start(of time: Int64) -> Int64 {
        switch self {
        case let .fixed(width):
            return Bucket.floorDivide(time, width) * width
        case .isoWeek:
            let day = Bucket.floorDivide(time, Timestamp.microsecondsPerDay)
            let monday = day - Int64(CivilDate.isoWeekday(dayNumber: day) - 1)
            return monday * Timestamp.microsecondsPerDay
        case let .calendarMonths(months):
            let index = Bucket.floorDivide(Bucket.monthIndex(of: time), Int64(months)) * Int64(months)
            return Bucket.monthStart(index)
        }
    }

    /// The start of the bucket after the one starting at `start` (a value of ``start(of:)``).
    public func next(after start: Int64) -> Int64 {
        switch self {
        case let .fixed(width):
            return start + width
        case .isoWeek:
            return start + 7 * Timestamp.microsecondsPerDay
        case let .calendarMonths(months):
            return Bucket.monthStart(Bucket.monthIndex(of: start) + Int64(months))
        }
    }

    /// The number of buckets that meet `from..<to` (0 when the range is empty), without
    /// enumerating them.
    public func count(from: Int64, to: Int64) -> Int64 {
        guard from < to else { return 0 }
        let first = start(of: from), last = start(of: to - 1)
        switch self {
        case let .fixed(width):
            return (last - first) / width + 1
        case .isoWeek:
            return (last - first) / (7 * Timestamp.microsecondsPerDay) + 1
        case let .calendarMonths(months):
            return (Bucket.monthIndex(of: last) - Bucket.monthIndex(of: first)) / Int64(months) + 1
        }
    }

    /// Months since January of year 0 of the UTC month `time` falls in.
    static func monthIndex(of time: Int64) -> Int64 {
        let date = CivilDate(dayNumber: floorDivide(time, Timestamp.microsecondsPerDay))
        return Int64(date.year) * 12 + Int64(date.month - 1)
    }

    /// Midnight UTC on the first day of the month `index` months after January of year 0.
    static func monthStart(_ index: Int64) -> Int64 {
        let year = floorDivide(index, 12)
        let date = CivilDate(year: Int(year), month: Int(index - year * 12) + 1, day: 1)
        return date.dayNumber * Timestamp.microsecondsPerDay
    }

    /// `a ÷ b` rounded toward negative infinity (`b` > 0).
    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b < 0) ? q - 1 : q
    }
}
