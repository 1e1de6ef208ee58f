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

    /// Reads a release figure written as its canonical JSON —
    /// `{"series":"…","period":"…","value":…}`, with `,"status":"…"` before the brace when
    /// it has one, no white space, a lower-case series id and strings without escapes — or
    /// returns nil, leaving the scanner where it was, for anything else (the general reader
    /// then reads the figure, or reports what is wrong with it).
    ///
    /// Such a figure is read without a key lookup. When its value is in its shortest
    /// round-trip form but for trailing zeros of a decimal (``canonicalNumberEnd(_:_:)``), its
    /// text less the value's text from `canonicalNumberEnd` to `numberEnd` (the trailing zeros)
    /// is the figure's canonical JSON, so a release whose figures are all such can copy them
    /// into its canonical JSON; for a value spelled otherwise `canonicalNumberEnd` is -1.
    ///
    /// The figure's period is taken from `recentPeriods` when the figure at the same `index`
    /// of the release read before had the same text (see ``RecentPeriods``).
    static func canonicalEntry(
        _ s: inout JSONScanner, previous: inout SeriesText?, recentPeriods: RecentPeriods, index: Int,
        numberEnd: inout Int, canonicalNumberEnd: inout Int
    ) -> Release.Entry? {
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
        let period: Period
        if let recent = recentPeriods.period(at: index, spelled: periodText) {
            period = recent
        } else {
            guard case .success(let start) = Period.parseStart(periodText) else { return nil }
            period = Period(text: String(decoding: periodText, as: UTF8.self), start: start.start, kind: start.kind)
            recentPeriods.remember(period, spelled: periodText, at: index)
        }
        p += 1
        guard match(",\"value\":") else { return nil }
        guard p < n, t[p] == UInt8(ascii: "-") || ASCIIDigits.isDigit(t[p]) else { return nil }
        guard let (value, end) = try? JSONNumber.read(t, from: p), value.isFinite else { return nil }
        numberEnd = end
        // A value in another spelling (`2.106e8`) is read all the same; only its text is not canonical.
        canonicalNumberEnd = Self.canonicalNumberEnd(t, p..<end) ?? -1
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
        return Release.Entry(series: series, period: period, value: value, status: status)
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

    /// Where the text ``JSONWriter/number(_:)`` writes for the value of the number literal at
    /// `range` ends, when that text is the literal less trailing zeros of its fraction (and
    /// the point, when only zeros follow it); nil otherwise. Told from the text alone,
    /// conservatively (nil sends the figure to the general reader, which is never wrong): the
    /// literal less those zeros must be an integer of at most 15 digits without a leading
    /// zero (and not -0), or a decimal of at most 15 significant digits, at least 0.0001 in
    /// magnitude. A decimal of at most 15 significant digits is the only one of that length
    /// or shorter that reads back as its double, so it is that double's shortest round-trip
    /// form, which Swift prints without an exponent from 0.0001 to 2^53.
    static func canonicalNumberEnd(_ t: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var p = range.lowerBound
        var end = range.upperBound
        if p < end, t[p] == UInt8(ascii: "-") { p += 1 }
        let intStart = p
        while p < end, ASCIIDigits.isDigit(t[p]) { p += 1 }
        let intDigits = p - intStart
        guard intDigits > 0, intDigits == 1 || t[intStart] != UInt8(ascii: "0") else { return nil }
        if p < end {
            guard t[p] == UInt8(ascii: "."), p + 1 < end else { return nil }
            let fracStart = p + 1
            var q = fracStart
            while q < end, ASCIIDigits.isDigit(t[q]) { q += 1 }
            guard q == end else { return nil }
            while end > fracStart, t[end - 1] == UInt8(ascii: "0") { end -= 1 }
            if end == fracStart {
                end = p  // only zeros after the point: an integer
            } else if t[intStart] == UInt8(ascii: "0") {
                // 0.000d…: at most three zeros before the first significant digit, which then
                // start the count.
                var first = fracStart
                while t[first] == UInt8(ascii: "0") { first += 1 }
                return first - fracStart <= 3 && end - first <= 15 ? end : nil
            } else {
                return intDigits + (end - fracStart) <= 15 ? end : nil
            }
        }
        // An integer: at most 15 digits, 0 only unsigned.
        if t[intStart] == UInt8(ascii: "0") { return intStart == range.lowerBound ? end : nil }
        return intDigits <= 15 ? end : nil
    }
}
