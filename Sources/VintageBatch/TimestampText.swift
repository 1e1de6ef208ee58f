import VintageCore

/// Writes instants exactly as `Timestamp.appendISO8601` does (`2026-02-01T09:30:00.5Z`),
/// remembering the last day's date text: the figures of a batch mostly share their day.
/// Only for years 0000–9999 (the batch reader checks every time it writes).
struct TimestampText {
    private var day: Int64 = .min
    private var date: [UInt8] = []

    /// Appends the canonical ISO-8601 text of `microseconds` since the epoch.
    mutating func append(_ microseconds: Int64, to out: inout [UInt8]) {
        let perDay = Timestamp.microsecondsPerDay
        var d = microseconds / perDay
        if microseconds % perDay < 0 { d -= 1 }
        if d != day {
            day = d
            date.removeAll(keepingCapacity: true)
            let c = CivilDate(dayNumber: d)
            PeriodCode.appendDigits(c.year, 4, to: &date)
            date.append(UInt8(ascii: "-"))
            PeriodCode.appendDigits(c.month, 2, to: &date)
            date.append(UInt8(ascii: "-"))
            PeriodCode.appendDigits(c.day, 2, to: &date)
            date.append(UInt8(ascii: "T"))
        }
        out.append(contentsOf: date)
        let rest = Int(microseconds - d * perDay)
        let micros = rest % 1_000_000
        let seconds = rest / 1_000_000
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { b in
            let h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60
            b[0] = UInt8(48 + h / 10); b[1] = UInt8(48 + h % 10); b[2] = UInt8(ascii: ":")
            b[3] = UInt8(48 + m / 10); b[4] = UInt8(48 + m % 10); b[5] = UInt8(ascii: ":")
            b[6] = UInt8(48 + s / 10); b[7] = UInt8(48 + s % 10)
            var n = 8
            if micros != 0 {
                b[8] = UInt8(ascii: ".")
                var v = micros
                for k in stride(from: 14, through: 9, by: -1) {
                    b[k] = UInt8(48 + v % 10)
                    v /= 10
                }
                n = 15
                while b[n - 1] == UInt8(ascii: "0") { n -= 1 }
            }
            b[n] = UInt8(ascii: "Z")
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[0...n]))
        }
    }
}
