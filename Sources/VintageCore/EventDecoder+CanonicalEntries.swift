#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension EventDecoder {
    /// The bytes and the id of the series a release figure named last, so that the next
    /// figure of the same series (most are) takes the same id without validating it again.
    struct SeriesText {
        var range: Range<Int>
        var id: SeriesID
    }

    /// Reads a release figure written exactly as its canonical JSON —
    /// `{"series":"…","period":"…","value":…}`, with `,"status":"…"` before the brace when
    /// it has one, no white space, a lower-case series id, strings without escapes and the
    /// value in its shortest round-trip form (``isCanonicalNumber(_:_:)``) — or returns nil,
    /// leaving the scanner where it was, for anything else (the general reader then reads
    /// the figure, or reports what is wrong with it).
    ///
    /// Such a figure is read without a key lookup, and its text is the figure's canonical
    /// JSON, so a release whose figures are all read here can copy them into its canonical
    /// JSON as they are.
    static func canonicalEntry(_ s: inout JSONScanner, previous: inout SeriesText?) -> Release.Entry? {
        let t = s.text
        guard let base = t.baseAddress else { return nil }
        let n = t.count
        var p = s.position
        @inline(__always) func match(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard p + count <= n, memcmp(base + p, literal.utf8Start, count) == 0 else { return false }
            p += count
            return true
        }
        guard match("{\"series\":\"") else { return nil }
        let idStart = p
        while p < n, Self.isLowerCaseSeriesByte(t[p]) { p += 1 }
        guard p < n, t[p] == UInt8(ascii: "\""), p > idStart, p - idStart <= SeriesID.maximumLength else { return nil }
        let series: SeriesID
        if let last = previous, last.range.count == p - idStart, memcmp(base + last.range.lowerBound, base + idStart, p - idStart) == 0 {
            series = last.id
        } else {
            series = SeriesID(unchecked: String(decoding: UnsafeBufferPointer(rebasing: t[idStart..<p]), as: UTF8.self))
            previous = SeriesText(range: idStart..<p, id: series)
        }
        p += 1
        guard match(",\"period\":\"") else { return nil }
        let periodStart = p
        while p < n, t[p] >= 0x20, t[p] < 0x7F, t[p] != UInt8(ascii: "\""), t[p] != UInt8(ascii: "\\") { p += 1 }
        guard p < n, t[p] == UInt8(ascii: "\"") else { return nil }
        let periodText = UnsafeBufferPointer(rebasing: t[periodStart..<p])
        guard case .success(let start) = Period.parseStart(periodText) else { return nil }
        p += 1
        guard match(",\"value\":") else { return nil }
        guard p < n, t[p] == UInt8(ascii: "-") || ASCIIDigits.isDigit(t[p]) else { return nil }
        guard let (value, end) = try? JSONNumber.read(t, from: p), value.isFinite,
            Self.isCanonicalNumber(t, p..<end)
        else { return nil }
        p = end
        var status: String?
        if p < n, t[p] == UInt8(ascii: "}") {
            p += 1
        } else {
            guard match(",\"status\":\"") else { return nil }
            let statusStart = p
            while p < n, t[p] >= 0x20, t[p] < 0x80, t[p] != UInt8(ascii: "\""), t[p] != UInt8(ascii: "\\") { p += 1 }
            guard p + 1 < n, t[p] == UInt8(ascii: "\""), t[p + 1] == UInt8(ascii: "}") else { return nil }
            status = String(decoding: UnsafeBufferPointer(rebasing: t[statusStart..<p]), as: UTF8.self)
            p += 2
        }
        s.position = p
        return Release.Entry(
            series: series, period: Period(text: String(decoding: periodText, as: UTF8.self), start: start.start, kind: start.kind),
            value: value, status: status)
    }

    /// Whether the byte may appear in a series id in its lower-case form.
    @inline(__always)
    static func isLowerCaseSeriesByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: ":"):
            true
        default:
            false
        }
    }

    /// Whether the number literal at `range` is the text ``JSONWriter/number(_:)`` writes for
    /// its value — told from the text alone, conservatively (false sends the figure to the
    /// general reader, which is never wrong): an integer of at most 15 digits without a
    /// leading zero, or a decimal of at most 15 significant digits whose fraction does not end
    /// in 0, at least 0.0001 in magnitude. A decimal of at most 15 significant digits is the
    /// only one of that length or shorter that reads back as its double, so it is that
    /// double's shortest round-trip form, which Swift prints without an exponent from 0.0001
    /// to 2^53.
    static func isCanonicalNumber(_ t: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var p = range.lowerBound
        let end = range.upperBound
        if p < end, t[p] == UInt8(ascii: "-") { p += 1 }
        let intStart = p
        while p < end, ASCIIDigits.isDigit(t[p]) { p += 1 }
        let intDigits = p - intStart
        guard intDigits > 0 else { return false }
        if p == end {
            // An integer: no leading zero, not -0, at most 15 digits.
            if t[intStart] == UInt8(ascii: "0") { return intDigits == 1 && intStart == range.lowerBound }
            return intDigits <= 15
        }
        guard t[p] == UInt8(ascii: "."), intDigits == 1 || t[intStart] != UInt8(ascii: "0") else { return false }
        p += 1
        let fracStart = p
        while p < end, ASCIIDigits.isDigit(t[p]) { p += 1 }
        guard p == end, p > fracStart, t[end - 1] != UInt8(ascii: "0") else { return false }
        if t[intStart] == UInt8(ascii: "0") {
            // 0.000d…: at most three zeros before the first significant digit, which then
            // start the count.
            var first = fracStart
            while t[first] == UInt8(ascii: "0") { first += 1 }
            return first - fracStart <= 3 && end - first <= 15
        }
        return intDigits + (end - fracStart) <= 15
    }
}
