import VintageCore

extension ColumnarRecords {
    /// Calls `body` with each event's canonical JSON: JSON records as stored, column-held
    /// events written from the columns straight into one reused buffer (byte-identical to
    /// ``Event/canonicalJSON``).
    func forEachCanonicalEvent(_ body: (_ index: Int, _ type: EventType, _ explicitID: EventID?, _ json: UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        var record = 0, figure = 0, nextJSON = 0, correction = 0
        try json.text.withUnsafeBufferPointer { text in
            for i in 0..<shapes.count {
                let shape = shapes[i]
                if shape == 0 {
                    let e = json.entries[nextJSON]
                    nextJSON += 1
                    try body(i, e.type, e.id, UnsafeBufferPointer(rebasing: text[e.json]))
                    continue
                }
                out.removeAll(keepingCapacity: true)
                let kind = shape & 7
                let corrected = kind >= ColumnarShape.correctedObservation.rawValue
                if corrected {
                    out.append(contentsOf: correctionJSON[correction])
                    correction += 1
                }
                let type: EventType
                if kind == ColumnarShape.observation.rawValue || kind == ColumnarShape.correctedObservation.rawValue {
                    appendObservation(record, figure, to: &out)
                    figure += 1
                    type = .observation
                } else {
                    appendRelease(record, figure, to: &out)
                    figure += Int(figureCount[record])
                    type = .release
                }
                record += 1
                if corrected { out.append(UInt8(ascii: "}")) }
                try out.withUnsafeBufferPointer { try body(i, corrected ? .correction : type, ids[i], $0) }
            }
        }
    }

    private func appendObservation(_ r: Int, _ f: Int, to out: inout [UInt8]) {
        out.append(contentsOf: JSONPieces.observationSeries)
        out.append(contentsOf: quoted[Int(series[f] - 1)])
        out.append(contentsOf: JSONPieces.period)
        PeriodCode.appendText(Timestamp(microseconds: periodStart[f]), code: periodKind[f], to: &out)
        out.append(contentsOf: JSONPieces.value)
        JSONPieces.appendNumber(value[f], to: &out)
        out.append(contentsOf: JSONPieces.releasedAt)
        Timestamp(microseconds: releasedAt[r]).appendISO8601(to: &out)
        out.append(UInt8(ascii: "\""))
        appendField(JSONPieces.source, source[r], to: &out)
        appendField(JSONPieces.status, figureStatus[f], to: &out)
        out.append(UInt8(ascii: "}"))
    }

    private func appendRelease(_ r: Int, _ first: Int, to out: inout [UInt8]) {
        out.append(contentsOf: JSONPieces.releaseReleasedAt)
        Timestamp(microseconds: releasedAt[r]).appendISO8601(to: &out)
        out.append(UInt8(ascii: "\""))
        appendField(JSONPieces.source, source[r], to: &out)
        appendField(JSONPieces.title, title[r], to: &out)
        appendField(JSONPieces.status, status[r], to: &out)
        out.append(contentsOf: JSONPieces.observations)
        for f in first..<(first + Int(figureCount[r])) {
            if f != first { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: JSONPieces.entrySeries)
            out.append(contentsOf: quoted[Int(series[f] - 1)])
            out.append(contentsOf: JSONPieces.period)
            PeriodCode.appendText(Timestamp(microseconds: periodStart[f]), code: periodKind[f], to: &out)
            out.append(contentsOf: JSONPieces.value)
            JSONPieces.appendNumber(value[f], to: &out)
            appendField(JSONPieces.status, figureStatus[f], to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        out.append(UInt8(ascii: "}"))
    }

    /// `,"name":"value"` for a dictionary string, nothing for index 0.
    private func appendField(_ key: [UInt8], _ index: Int64, to out: inout [UInt8]) {
        guard index != 0 else { return }
        out.append(contentsOf: key)
        out.append(contentsOf: quoted[Int(index - 1)])
    }
}

/// The constant pieces of the canonical JSON of observations and releases, in
/// VintageCore's key order (see Event+CanonicalEncoding.swift).
enum JSONPieces {
    static let observationSeries = Array(#"{"type":"observation","series":"#.utf8)
    static let releaseReleasedAt = Array(#"{"type":"release","released_at":""#.utf8)
    static let entrySeries = Array(#"{"series":"#.utf8)
    static let period = Array(#","period":""#.utf8)
    static let value = Array(#"","value":"#.utf8)
    static let releasedAt = Array(#","released_at":""#.utf8)
    static let source = Array(#","source":"#.utf8)
    static let title = Array(#","title":"#.utf8)
    static let status = Array(#","status":"#.utf8)
    static let observations = Array(#","observations":["#.utf8)

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
