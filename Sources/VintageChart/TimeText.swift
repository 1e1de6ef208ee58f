import VintageCore

/// How a chart writes times: `1 Nov 2025`, `Nov 2025`, `14:05`, always in UTC.
public enum TimeText {
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The day of `time`, e.g. `1 Nov 2025`.
    public static func day(_ time: Int64) -> String {
        let date = Timestamp(microseconds: time).civilDate
        return "\(date.day) \(monthNames[date.month - 1]) \(date.year)"
    }

    /// The day and month of `time`, e.g. `1 Nov`.
    static func dayAndMonth(_ time: Int64) -> String {
        let date = Timestamp(microseconds: time).civilDate
        return "\(date.day) \(monthNames[date.month - 1])"
    }

    /// The month of `time`, e.g. `Nov 2025`.
    static func month(_ time: Int64) -> String {
        let date = Timestamp(microseconds: time).civilDate
        return "\(monthNames[date.month - 1]) \(date.year)"
    }

    /// The time of day of `time`, e.g. `14:05` or `14:05:30`.
    static func clock(_ time: Int64, seconds: Bool) -> String {
        var second = (time / Timestamp.microsecondsPerSecond) % 86_400
        if second < 0 { second += 86_400 }
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let text = two(second / 3600) + ":" + two(second / 60 % 60)
        return seconds ? text + ":" + two(second % 60) : text
    }
}
