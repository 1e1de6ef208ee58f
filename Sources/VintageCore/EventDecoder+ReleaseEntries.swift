/// A release's figures: each read by the fast reader when written in canonical form, else by
/// the general one, keeping track of whether the array's text is its canonical JSON.
extension EventDecoder {
    /// Reads a release's figures. `canonicalText` (empty on entry) gets the byte ranges of
    /// the array's canonical JSON, or becomes nil unless the array is written as its
    /// canonical JSON but for trailing zeros of decimals (no white space, every figure read
    /// by ``canonicalEntry(_:previous:recentPeriods:index:numberEnd:canonicalNumberEnd:)``).
    static func entries(
        _ s: inout JSONScanner, _ path: @autoclosure () -> String, canonicalText: inout [Range<Int>]?, recentPeriods: RecentPeriods
    ) throws -> [Release.Entry] {
        guard s.nextKind() == .array else { throw FieldError(field: path(), reason: "expected an array of figures, found \(describeNext(&s))") }
        func keep(_ range: Range<Int>) {
            guard canonicalText != nil, !range.isEmpty else { return }
            if let last = canonicalText!.last, last.upperBound == range.lowerBound {
                canonicalText![canonicalText!.count - 1] = last.lowerBound..<range.upperBound
            } else {
                canonicalText!.append(range)
            }
        }
        keep(s.position..<(s.position + 1))
        s.position += 1
        var items: [Release.Entry] = []
        let afterBracket = s.position
        if !s.consume(UInt8(ascii: "]")) {
            if s.position != afterBracket { canonicalText = nil }
            var previous: SeriesText?
            repeat {
                let entryStart = s.position
                var numberEnd = 0, canonicalNumberEnd = 0
                if let e = canonicalEntry(
                    &s, previous: &previous, recentPeriods: recentPeriods, index: items.count, numberEnd: &numberEnd,
                    canonicalNumberEnd: &canonicalNumberEnd)
                {
                    items.append(e)
                    if canonicalNumberEnd < 0 {
                        canonicalText = nil
                    } else {
                        keep(entryStart..<canonicalNumberEnd)
                        keep(numberEnd..<s.position)
                    }
                } else {
                    s.position = entryStart
                    canonicalText = nil
                    items.append(try entry(&s, "\(path())[\(items.count)]"))
                }
                if s.position < s.text.count, s.text[s.position] == UInt8(ascii: ",") || s.text[s.position] == UInt8(ascii: "]") {
                    keep(s.position..<(s.position + 1))
                } else {
                    canonicalText = nil
                }
            } while s.consume(UInt8(ascii: ","))
            try s.expect(UInt8(ascii: "]"), "',' or ']' in \(path())")
        }
        guard !items.isEmpty else { throw FieldError(field: path(), reason: "a release needs at least one figure") }
        return items
    }

    /// Reads one release figure in any spelling, reporting what is wrong with it.
    static func entry(_ s: inout JSONScanner, _ path: @autoclosure () -> String) throws -> Release.Entry {
        guard s.nextKind() == .object else { throw FieldError(field: path(), reason: "expected a figure object, found \(describeNext(&s))") }
        s.position += 1
        var series: SeriesID?, period: Period?, value: Double?, status: String?
        if !s.consume(UInt8(ascii: "}")) {
            repeat {
                // The key by its bytes (0 series, 1 period, 2 value, 3 status), its path only for errors.
                let keyStart = s.position
                let known = try s.withStringBytes { bytes -> Int? in
                    if bytes.elementsEqual("series".utf8) { return 0 }
                    if bytes.elementsEqual("period".utf8) { return 1 }
                    if bytes.elementsEqual("value".utf8) { return 2 }
                    if bytes.elementsEqual("status".utf8) { return 3 }
                    return nil
                }
                guard let known else {
                    s.position = keyStart
                    let key = try s.readString()
                    throw FieldError(field: "\(path()).\(key)", reason: "not a field of a release figure (series, period, value, status)")
                }
                try s.expect(UInt8(ascii: ":"), "':' after a key")
                switch known {
                case 0 where series == nil: series = try seriesID(&s, "\(path()).series")
                case 1 where period == nil: period = try EventDecoder.period(&s, "\(path()).period")
                case 2 where value == nil: value = try finiteNumber(&s, "\(path()).value")
                case 3 where status == nil: status = try string(&s, "\(path()).status")
                default: throw FieldError(field: "\(path()).\(["series", "period", "value", "status"][known])", reason: "appears twice")
                }
            } while s.consume(UInt8(ascii: ","))
            try s.expect(UInt8(ascii: "}"), "',' or '}' in \(path())")
        }
        guard let series else { throw FieldError(field: "\(path()).series", reason: "missing") }
        guard let period else { throw FieldError(field: "\(path()).period", reason: "missing") }
        guard let value else { throw FieldError(field: "\(path()).value", reason: "missing") }
        return Release.Entry(series: series, period: period, value: value, status: status)
    }
}
