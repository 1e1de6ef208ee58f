extension Timestamp {
    /// Parses an ISO-8601 timestamp with a `Z` or a `±HH:MM` offset, normalised to UTC.
    ///
    /// Accepted: `YYYY-MM-DDTHH:MM[:SS[.fraction]](Z|±HH[:MM]|±HHMM)`. Fractions keep
    /// microseconds; further digits must be zero (Vintage stores microseconds).
    public init(iso8601 text: String) throws(TimeSyntaxError) {
        var copy = text
        let parsed: Result<Timestamp, TimeSyntaxError> = copy.withUTF8 { Timestamp.parse($0) }
        self = try parsed.get()
    }

    /// Parses ISO-8601 bytes; see ``init(iso8601:)``.
    public static func parse(_ text: UnsafeBufferPointer<UInt8>) -> Result<Timestamp, TimeSyntaxError> {
        let date: CivilDate
        switch parseDate(text) {
        case .success(let d): date = d
        case .failure(let e): return .failure(e)
        }
        guard text.count > 10 else {
            return .failure(TimeSyntaxError("a timestamp needs a time and Z or an offset, e.g. 2026-02-01T00:00:00Z"))
        }
        guard text[10] == UInt8(ascii: "T") || text[10] == UInt8(ascii: "t") || text[10] == UInt8(ascii: " ") else {
            return .failure(TimeSyntaxError("expected 'T' between the date and the time"))
        }
        guard let hour = ASCIIDigits.value(text, 11, 2), text.count > 13, text[13] == UInt8(ascii: ":"),
            let minute = ASCIIDigits.value(text, 14, 2)
        else { return .failure(TimeSyntaxError("expected a time HH:MM[:SS] after the date")) }
        var i = 16
        var second = 0
        var micros: Int64 = 0
        if i < text.count, text[i] == UInt8(ascii: ":") {
            guard let s = ASCIIDigits.value(text, i + 1, 2) else {
                return .failure(TimeSyntaxError("expected two digits of seconds"))
            }
            second = s
            i += 3
            if i < text.count, text[i] == UInt8(ascii: ".") || text[i] == UInt8(ascii: ",") {
                i += 1
                var digits = 0
                while i < text.count, ASCIIDigits.isDigit(text[i]) {
                    let d = Int64(text[i] - 48)
                    if digits < 6 {
                        micros = micros * 10 + d
                    } else if d != 0 {
                        return .failure(TimeSyntaxError("precision finer than a microsecond is not stored"))
                    }
                    digits += 1
                    i += 1
                }
                guard digits > 0 else { return .failure(TimeSyntaxError("expected digits after the decimal point")) }
                while digits < 6 { micros *= 10; digits += 1 }
            }
        }
        guard hour <= 23, minute <= 59, second <= 59 else {
            return .failure(TimeSyntaxError("time \(hour):\(minute):\(second) is out of range"))
        }
        guard i < text.count else {
            return .failure(TimeSyntaxError("a timestamp needs Z or an offset such as +09:00"))
        }
        var offsetSeconds = 0
        switch text[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            i += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = text[i] == UInt8(ascii: "-") ? -1 : 1
            guard let oh = ASCIIDigits.value(text, i + 1, 2) else {
                return .failure(TimeSyntaxError("expected an offset ±HH:MM"))
            }
            i += 3
            var om = 0
            if i < text.count, text[i] == UInt8(ascii: ":") {
                guard let m = ASCIIDigits.value(text, i + 1, 2) else {
                    return .failure(TimeSyntaxError("expected an offset ±HH:MM"))
                }
                om = m
                i += 3
            } else if let m = ASCIIDigits.value(text, i, 2) {
                om = m
                i += 2
            }
            guard oh <= 23, om <= 59 else { return .failure(TimeSyntaxError("offset is out of range")) }
            offsetSeconds = sign * (oh * 3600 + om * 60)
        default:
            return .failure(TimeSyntaxError("a timestamp needs Z or an offset such as +09:00"))
        }
        guard i == text.count else { return .failure(TimeSyntaxError("unexpected text after the timestamp")) }
        let seconds = Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        let instant = Timestamp(date).microseconds + seconds * microsecondsPerSecond + micros
        guard iso8601Range.contains(instant) else {
            return .failure(TimeSyntaxError("the offset moves the instant outside the years 0000–9999 in UTC"))
        }
        return .success(Timestamp(microseconds: instant))
    }

    /// Parses a timestamp (see ``parse(_:)``) or a date `YYYY-MM-DD`, which means the start
    /// of that day in UTC: what `released_at` takes (ALFRED's vintage dates are dates).
    public static func parseDateOrTimestamp(_ text: UnsafeBufferPointer<UInt8>) -> Result<Timestamp, TimeSyntaxError> {
        guard text.count == 10 else { return parse(text) }
        return parseDate(text).map { Timestamp($0) }
    }

    /// The forms ``parseDateOrTimestamp(_:)`` takes, for messages.
    public static let dateOrTimestampExample = "e.g. 2026-02-01T00:00:00Z, or a date 2026-02-01 for the start of that day UTC"

    /// The instants whose UTC year has four digits (0000-01-01 up to 10000-01-01): the ones
    /// whose canonical form parses back.
    static let iso8601Range: Range<Int64> = -62_167_219_200_000_000..<253_402_300_800_000_000

    /// Parses the `YYYY-MM-DD` prefix of `text`.
    static func parseDate(_ text: UnsafeBufferPointer<UInt8>) -> Result<CivilDate, TimeSyntaxError> {
        guard let year = ASCIIDigits.value(text, 0, 4), text.count >= 10,
            text[4] == UInt8(ascii: "-"), text[7] == UInt8(ascii: "-"),
            let month = ASCIIDigits.value(text, 5, 2), let day = ASCIIDigits.value(text, 8, 2)
        else { return .failure(TimeSyntaxError("expected a date YYYY-MM-DD")) }
        let date = CivilDate(year: year, month: month, day: day)
        guard date.isValid else {
            return .failure(TimeSyntaxError("\(String(decoding: UnsafeBufferPointer(rebasing: text[0..<10]), as: UTF8.self)) is not a calendar date"))
        }
        return .success(date)
    }

    /// The canonical UTC form: `YYYY-MM-DDTHH:MM:SSZ`, with a fraction (trailing zeros
    /// removed) only when it is not zero.
    public var iso8601: String {
        var out = [UInt8]()
        out.reserveCapacity(27)
        appendISO8601(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the canonical UTC form to a byte buffer (no intermediate `String`), written
    /// into a small buffer and appended at once (a byte at a time cost ~800 instructions a
    /// timestamp; issue 11 point 18).
    public func appendISO8601(to out: inout [UInt8]) {
        let day = dayNumber
        var rest = microseconds - day * Timestamp.microsecondsPerDay
        let date = CivilDate(dayNumber: day)
        let micros = Int(rest % Timestamp.microsecondsPerSecond)
        rest /= Timestamp.microsecondsPerSecond
        let second = Int(rest % 60), minute = Int(rest / 60 % 60), hour = Int(rest / 3600)
        if date.year < 0 || date.year > 9999 { out.append(contentsOf: Array(String(date.year).utf8)) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 28) { b in
            var n = 0
            func put(_ byte: UInt8) { b[n] = byte; n += 1 }
            func two(_ v: Int) { put(UInt8(truncatingIfNeeded: 48 + v / 10)); put(UInt8(truncatingIfNeeded: 48 + v % 10)) }
            let year = date.year
            if year >= 0 && year <= 9999 {
                put(UInt8(truncatingIfNeeded: 48 + year / 1000))
                put(UInt8(truncatingIfNeeded: 48 + year / 100 % 10))
                put(UInt8(truncatingIfNeeded: 48 + year / 10 % 10))
                put(UInt8(truncatingIfNeeded: 48 + year % 10))
            }
            put(UInt8(ascii: "-"))
            two(date.month)
            put(UInt8(ascii: "-"))
            two(date.day)
            put(UInt8(ascii: "T"))
            two(hour)
            put(UInt8(ascii: ":"))
            two(minute)
            put(UInt8(ascii: ":"))
            two(second)
            if micros != 0 {
                put(UInt8(ascii: "."))
                var m = micros
                for k in stride(from: 5, through: 0, by: -1) { b[n + k] = UInt8(truncatingIfNeeded: 48 + m % 10); m /= 10 }
                var end = 6
                while b[n + end - 1] == 48 { end -= 1 }
                n += end
            }
            put(UInt8(ascii: "Z"))
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[0..<n]))
        }
    }
}
