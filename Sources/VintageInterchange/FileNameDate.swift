import Vintage

/// The release date a file's name gives: by a pattern such as `trade-YYYY-MM-DD.csv` or
/// `vintage_YYYYMMDD*` (`YYYY`, `MM`, `DD` stand for digits, `*` for any text), or else the
/// first `YYYYMMDD` or `YYYY-MM-DD` in the name.
enum FileNameDate {
    /// The date at the start of which a file's figures count as released, or nil when the
    /// name does not match.
    static func date(in path: String, pattern: String?) -> Timestamp? {
        let name = Array((path.split(separator: "/").last.map(String.init) ?? path).utf8)
        if let pattern { return match(name[...], Array(pattern.utf8)[...], year: nil, month: nil, day: nil) }
        for start in name.indices {
            for layout in ["YYYYMMDD", "YYYY-MM-DD"] {
                let l = Array(layout.utf8)
                guard start + l.count <= name.count else { continue }
                if start > 0, isDigit(name[start - 1]) { continue }
                if start + l.count < name.count, isDigit(name[start + l.count]) { continue }
                if let t = match(name[start..<(start + l.count)], l[...], year: nil, month: nil, day: nil) { return t }
            }
        }
        return nil
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    private static func digits(_ s: ArraySlice<UInt8>, _ n: Int) -> Int? {
        guard s.count >= n else { return nil }
        var v = 0
        for b in s.prefix(n) {
            guard isDigit(b) else { return nil }
            v = v * 10 + Int(b - 48)
        }
        return v
    }

    private static func match(_ name: ArraySlice<UInt8>, _ pattern: ArraySlice<UInt8>, year: Int?, month: Int?, day: Int?) -> Timestamp? {
        if pattern.isEmpty {
            guard name.isEmpty, let year else { return nil }
            let date = CivilDate(year: year, month: month ?? 1, day: day ?? 1)
            return date.isValid ? Timestamp(date) : nil
        }
        if pattern.starts(with: "YYYY".utf8) {
            guard let v = digits(name, 4) else { return nil }
            return match(name.dropFirst(4), pattern.dropFirst(4), year: v, month: month, day: day)
        }
        if pattern.starts(with: "MM".utf8) {
            guard let v = digits(name, 2) else { return nil }
            return match(name.dropFirst(2), pattern.dropFirst(2), year: year, month: v, day: day)
        }
        if pattern.starts(with: "DD".utf8) {
            guard let v = digits(name, 2) else { return nil }
            return match(name.dropFirst(2), pattern.dropFirst(2), year: year, month: month, day: v)
        }
        if pattern.first == UInt8(ascii: "*") {
            var rest = name
            while true {
                if let t = match(rest, pattern.dropFirst(), year: year, month: month, day: day) { return t }
                guard !rest.isEmpty else { return nil }
                rest = rest.dropFirst()
            }
        }
        guard name.first == pattern.first else { return nil }
        return match(name.dropFirst(), pattern.dropFirst(), year: year, month: month, day: day)
    }
}
