import Vintage

/// Reads a release time cell: an ISO-8601 timestamp, a date (the start of that day UTC, as
/// ALFRED's vintage dates mean), `YYYY-MM-DD HH:MM[:SS]` without an offset (UTC), or
/// Eurostat's `DD/MM/YY HH:MM:SS` (UTC).
enum ReleaseTimeText {
    static func parse(_ text: UnsafeBufferPointer<UInt8>) -> Result<Timestamp, TimeSyntaxError> {
        let n = text.count
        if n == 10, text[4] == UInt8(ascii: "-") {
            switch Period.parseStart(text) {
            case .success(let s): return .success(s.start)
            case .failure(let e): return .failure(e)
            }
        }
        if n == 8, let date = dayDigits(text) { return .success(Timestamp(date)) }
        if n >= 16, text[4] == UInt8(ascii: "-"), text[10] == UInt8(ascii: " ") || text[10] == UInt8(ascii: "T") {
            let last = text[n - 1]
            let hasZone =
                last == UInt8(ascii: "Z") || last == UInt8(ascii: "z") || text[16...].contains(UInt8(ascii: "+"))
                || text[16...].contains(UInt8(ascii: "-"))
            if !hasZone {
                var copy = Array(text)
                copy.append(UInt8(ascii: "Z"))
                return copy.withUnsafeBufferPointer { Timestamp.parse($0) }
            }
            return Timestamp.parse(text)
        }
        if n >= 8, text[2] == UInt8(ascii: "/"), text[5] == UInt8(ascii: "/") {
            // DD/MM/YY[YY][ HH:MM[:SS]]
            let yearDigits = n >= 10 && text[8] != UInt8(ascii: " ") ? 4 : 2
            guard let day = digits(text, 0, 2), let month = digits(text, 3, 2), let y = digits(text, 6, yearDigits) else {
                return .failure(TimeSyntaxError("expected a release time such as 2026-02-01, 2026-02-01T09:00:00Z or 01/02/26 09:00:00"))
            }
            let year = yearDigits == 2 ? 2000 + y : y
            var iso = "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
            let rest = 6 + yearDigits
            if n > rest + 1 {
                iso += "T" + String(decoding: UnsafeBufferPointer(rebasing: text[(rest + 1)...]), as: UTF8.self) + "Z"
            } else {
                iso += "T00:00:00Z"
            }
            return iso.utf8CString.withUnsafeBufferPointer { p in
                p.withMemoryRebound(to: UInt8.self) { Timestamp.parse(UnsafeBufferPointer(rebasing: $0.dropLast())) }
            }
        }
        return Timestamp.parse(text)
    }

    private static func digits(_ t: UnsafeBufferPointer<UInt8>, _ at: Int, _ count: Int) -> Int? {
        guard at + count <= t.count else { return nil }
        var v = 0
        for i in at..<(at + count) {
            let d = Int(t[i]) - 48
            guard (0...9).contains(d) else { return nil }
            v = v * 10 + d
        }
        return v
    }

    /// `YYYYMMDD` as a valid date.
    static func dayDigits(_ t: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        guard t.count == 8, let y = digits(t, 0, 4), let m = digits(t, 4, 2), let d = digits(t, 6, 2) else { return nil }
        let date = CivilDate(year: y, month: m, day: d)
        return date.isValid ? date : nil
    }
}
