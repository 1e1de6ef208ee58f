import VintageCore

extension ColumnarRecords {
    /// Calls `body` with each event's canonical JSON: JSON records as stored, column-held
    /// events written from the columns straight into one reused buffer (byte-identical to
    /// ``Event/canonicalJSON``).
    func forEachCanonicalEvent(_ body: (_ index: Int, _ type: EventType, _ explicitID: EventID?, _ json: UnsafeBufferPointer<UInt8>) throws -> Void)
        throws
    {
        try forEachCanonicalEvent(splittingFigures: false, figures: { _, _, _, _ in }, body)
    }

    /// ``forEachCanonicalEvent(_:)``; when `splittingFigures`, column-held observations and
    /// releases (not corrections) are not written: `figures` receives each one's index,
    /// explicit id, record row and figure rows.
    func forEachCanonicalEvent(
        splittingFigures: Bool,
        figures: (_ index: Int, _ explicitID: EventID?, _ record: Int, _ figures: Range<Int>) throws -> Void,
        _ body: (_ index: Int, _ type: EventType, _ explicitID: EventID?, _ json: UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        var record = 0, figure = 0, nextJSON = 0, correction = 0, announcement = 0
        var times = TimestampText()
        var periods = PeriodCache()
        try json.text.withUnsafeBufferPointer { text in
            for i in 0..<shapes.count {
                let shape = shapes[i]
                if shape == 0 {
                    let e = json.entries[nextJSON]
                    nextJSON += 1
                    try body(i, e.type, e.id, UnsafeBufferPointer(rebasing: text[e.json]))
                    continue
                }
                let kind = shape & 7
                if splittingFigures, kind == ColumnarShape.observation.rawValue || kind == ColumnarShape.release.rawValue {
                    let n = kind == ColumnarShape.observation.rawValue ? 1 : Int(figureCount[record])
                    try figures(i, ids[i], record, figure..<(figure + n))
                    figure += n
                    record += 1
                    continue
                }
                out.removeAll(keepingCapacity: true)
                if kind == ColumnarShape.announcementStep.rawValue {
                    // Rare: rebuilt as a value and written by VintageCore.
                    let a = try self.announcement(announcement, record, figure, &periods)
                    announcement += 1
                    figure += 1
                    record += 1
                    try Event.announcement(a).canonicalJSON.withUnsafeBufferPointer { try body(i, .announcement, ids[i], $0) }
                    continue
                }
                let corrected = ColumnarShape(rawValue: kind)!.isCorrection
                if corrected {
                    out.append(contentsOf: correctionJSON[correction])
                    correction += 1
                }
                let type: EventType
                if kind == ColumnarShape.observation.rawValue || kind == ColumnarShape.correctedObservation.rawValue {
                    appendObservation(record, figure, &times, to: &out)
                    figure += 1
                    type = .observation
                } else {
                    appendRelease(record, figure, &times, to: &out)
                    figure += Int(figureCount[record])
                    type = .release
                }
                record += 1
                if corrected { out.append(UInt8(ascii: "}")) }
                try out.withUnsafeBufferPointer { try body(i, corrected ? .correction : type, ids[i], $0) }
            }
        }
    }

    private func appendObservation(_ r: Int, _ f: Int, _ times: inout TimestampText, to out: inout [UInt8]) {
        out.append(JSONPieces.observationSeries)
        appendFigure(f, &times, to: &out)
        out.append(JSONPieces.releasedAt)
        times.append(releasedAt[r], to: &out)
        out.append(UInt8(ascii: "\""))
        appendField(JSONPieces.source, source[r], to: &out)
        appendField(JSONPieces.status, figureStatus[f], to: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// Figure `f`'s quoted series id, period and value, as an
    /// observation and a release entry both write them.
    @inline(__always)
    private func appendFigure(_ f: Int, _ times: inout TimestampText, to out: inout [UInt8]) {
        appendQuoted(series[f], to: &out)
        out.append(JSONPieces.period)
        appendPeriod(f, &times, to: &out)
        out.append(JSONPieces.value)
        appendValue(f, to: &out)
    }

    private func appendRelease(_ r: Int, _ first: Int, _ times: inout TimestampText, to out: inout [UInt8]) {
        out.append(JSONPieces.releaseReleasedAt)
        times.append(releasedAt[r], to: &out)
        out.append(UInt8(ascii: "\""))
        appendField(JSONPieces.source, source[r], to: &out)
        appendField(JSONPieces.title, title[r], to: &out)
        appendField(JSONPieces.status, status[r], to: &out)
        out.append(JSONPieces.observations)
        for f in first..<(first + Int(figureCount[r])) {
            if f != first { out.append(UInt8(ascii: ",")) }
            out.append(JSONPieces.entrySeries)
            appendFigure(f, &times, to: &out)
            appendField(JSONPieces.status, figureStatus[f], to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        out.append(UInt8(ascii: "}"))
    }

    @inline(__always)
    private func appendPeriod(_ f: Int, _ times: inout TimestampText, to out: inout [UInt8]) {
        if periodKind[f] == 6 {
            times.append(periodStart[f], to: &out)
        } else {
            PeriodCode.appendText(Timestamp(microseconds: periodStart[f]), code: periodKind[f], to: &out)
        }
    }

    /// The value as `JSONWriter.number` writes it; from its decimal integer when the batch has one.
    @inline(__always)
    private func appendValue(_ f: Int, to out: inout [UInt8]) {
        if let e = valueExponent, JSONPieces.appendDecimal(integers[f], e, value[f], to: &out) { return }
        JSONPieces.appendNumber(value[f], to: &out)
    }

    /// `,"name":"value"` for a dictionary string, nothing for index 0.
    private func appendField(_ key: StaticString, _ index: Int64, to out: inout [UInt8]) {
        guard index != 0 else { return }
        out.append(key)
        appendQuoted(index, to: &out)
    }

    /// Dictionary string `index` (1-based) as a JSON string literal.
    @inline(__always)
    private func appendQuoted(_ index: Int64, to out: inout [UInt8]) {
        quoted.withUnsafeBufferPointer { q in q[Int(index - 1)].withUnsafeBufferPointer { out.append(contentsOf: $0) } }
    }
}

/// The constant pieces of the canonical JSON of observations and releases, in
/// VintageCore's key order (see Event+CanonicalEncoding.swift).
enum JSONPieces {
    static let observationSeries: StaticString = #"{"type":"observation","series":"#
    static let releaseReleasedAt: StaticString = #"{"type":"release","released_at":""#
    static let entrySeries: StaticString = #"{"series":"#
    static let period: StaticString = #","period":""#
    static let value: StaticString = #"","value":"#
    static let releasedAt: StaticString = #","released_at":""#
    static let source: StaticString = #","source":"#
    static let title: StaticString = #","title":"#
    static let status: StaticString = #","status":"#
    static let observations: StaticString = #","observations":["#

    /// Writes `k / 10^e` (the value `v`) as `JSONWriter.number` would, without formatting a
    /// double, when that text is certain: `|k| < 10^15` (at most 15 significant digits, so no
    /// shorter decimal reads back as `v`) and `|v| ≥ 0.001` (Swift switches to exponent
    /// notation only below 10^-4, and at 2^53 and above, where values are integral). Returns
    /// false, writing nothing, otherwise.
    @inline(__always)
    static func appendDecimal(_ k: Int64, _ e: Int, _ v: Double, to out: inout [UInt8]) -> Bool {
        guard k > -1_000_000_000_000_000, k < 1_000_000_000_000_000, abs(v) >= 0.001 else { return false }
        var magnitude = k.magnitude
        var fraction: UInt64 = 0
        var digits = e
        if e > 0 {
            let p = UInt64(DecimalPrediction.integerPowers[e])
            fraction = magnitude % p
            magnitude /= p
            while digits > 0, fraction % 10 == 0 {
                fraction /= 10
                digits -= 1
            }
        }
        if digits == 0 {
            appendNumber(v, to: &out)  // integral: the integer path
            return true
        }
        if k < 0 { out.append(UInt8(ascii: "-")) }
        DecimalDigits.append(unsigned: magnitude, to: &out)
        out.append(UInt8(ascii: "."))
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 18) { b in
            for i in stride(from: digits - 1, through: 0, by: -1) {
                b[i] = UInt8(48 + fraction % 10)
                fraction /= 10
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[0..<digits]))
        }
        return true
    }

    /// A number as `JSONWriter.number` writes it: integral values below 2^53 as plain
    /// integers (not `-0`), any other value in shortest round-trip form.
    static func appendNumber(_ value: Double, to out: inout [UInt8]) {
        if value == value.rounded(.towardZero), abs(value) < 9_007_199_254_740_992, value != 0 || value.sign == .plus {
            let v = Int64(value)
            var m = v.magnitude
            if v < 0 { out.append(UInt8(ascii: "-")) }
            var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
            var count = 0
            withUnsafeMutableBytes(of: &digits) { buffer in
                repeat {
                    buffer[count] = UInt8(48 + m % 10)
                    m /= 10
                    count += 1
                } while m > 0
                for i in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[i]) }
            }
        } else {
            out.append(contentsOf: value.shortestText.utf8)
        }
    }
}

extension [UInt8] {
    /// Appends constant text (no array to retain).
    @inline(__always)
    mutating func append(_ text: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
