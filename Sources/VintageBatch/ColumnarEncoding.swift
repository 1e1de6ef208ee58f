#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VintageColumnar
import VintageCore

/// Writes a codec-2 payload: observation-shaped content (observations, releases and
/// corrections replacing them) as columns, everything else as JSON records; see docs/log.md.
///
/// Exact by construction: an event goes to the columns only when the columns give back an
/// equal event with identical canonical JSON (its period in canonical spelling, strings
/// byte-identical to the dictionary's); any other event is stored as its canonical JSON.
struct ColumnarEncoding {
    /// The strings of the batch (series ids, sources, statuses, titles), by first use.
    private var strings: [String] = []
    private var stringIndex: [String: Int64] = [:]

    private var shapes: [UInt8] = []
    // Records: one per observation or release (standalone or a correction's replacement).
    private var releasedAt: [Int64] = []
    private var source: [Int64] = []
    private var title: [Int64] = []
    private var status: [Int64] = []
    private var figureCount: [Int64] = []
    // Figures: one per observation or release entry.
    private var series: [Int64] = []
    private var periodOrdinal: [Int64] = []
    private var periodKind: [UInt8] = []
    private var value: [Double] = []
    private var figureStatus: [Int64] = []

    private var json = BatchWriter()
    private var extras = BatchWriter()
    private var scratch: [UInt8] = []

    /// Appends the payload of a batch of `events` to `w`.
    static func encode(_ events: some Collection<PreparedEvent>, to w: inout BatchWriter) {
        // Iterating a generic collection from another module copies each event through witnesses.
        if let done: Void = events.withContiguousStorageIfAvailable({ encode(buffer: $0, to: &w) }) { return done }
        Array(events).withUnsafeBufferPointer { encode(buffer: $0, to: &w) }
    }

    private static func encode(buffer events: UnsafeBufferPointer<PreparedEvent>, to w: inout BatchWriter) {
        var e = ColumnarEncoding()
        e.shapes.reserveCapacity(events.count)
        for i in events.indices { e.add(events[i]) }
        e.finish(to: &w)
    }

    private mutating func add(_ e: PreparedEvent) {
        var shape: ColumnarShape = .json
        var correction: Correction?
        switch e.event {
        case .observation:
            if appendRecord(e.event) { shape = .observation }
        case .release:
            if appendRecord(e.event) { shape = .release }
        case .correction(let c):
            switch c.replacement {
            case .observation where appendRecord(c.replacement): shape = .correctedObservation
            case .release where appendRecord(c.replacement): shape = .correctedRelease
            default: break
            }
            correction = c
        default:
            break
        }
        guard shape != .json else {
            JSONRecords.append(e, to: &json)
            shapes.append(0)
            return
        }
        // Extras in order: the explicit id, then a correction's target and reason.
        var byte = shape.rawValue
        if !e.idIsDerived {
            byte |= ColumnarShape.explicitIDFlag
            extras.string(e.id.rawValue)
        }
        if let c = correction {
            extras.string(c.target.rawValue)
            if let reason = c.reason {
                byte |= ColumnarShape.reasonFlag
                extras.string(reason)
            }
        }
        shapes.append(byte)
    }

    /// The dictionary index + 1 of `s` (0 for nil), or nil when the dictionary holds a
    /// canonically equal string with other bytes (Swift `String` equality is not byte equality).
    private mutating func index(_ s: String?) -> Int64? {
        guard let s else { return 0 }
        if let i = stringIndex[s] {
            return sameBytes(strings[Int(i)], s) ? i + 1 : nil
        }
        let i = Int64(strings.count)
        strings.append(s)
        stringIndex[s] = i
        return i + 1
    }

    private func sameBytes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) } }
    }

    /// Appends the period's columns when its canonical spelling is the one written.
    private mutating func appendPeriod(_ p: Period) -> Bool {
        guard let ordinal = PeriodCode.ordinal(p.start, p.kind) else { return false }
        let code = PeriodCode.code(p.kind)
        scratch.removeAll(keepingCapacity: true)
        PeriodCode.appendText(p.start, code: code, to: &scratch)
        var text = p.text
        let same = text.withUTF8 { t in
            scratch.withUnsafeBufferPointer { s in t.count == s.count && memcmp(t.baseAddress!, s.baseAddress!, t.count) == 0 }
        }
        guard same else { return false }
        periodOrdinal.append(ordinal)
        periodKind.append(code)
        return true
    }

    private mutating func appendFigure(_ s: SeriesID, _ p: Period, _ v: Double, _ st: String?) -> Bool {
        guard let si = index(s.rawValue), let sti = index(st), v.isFinite, appendPeriod(p) else { return false }
        series.append(si)
        value.append(v)
        figureStatus.append(sti)
        return true
    }

    /// Appends an observation's or a release's record and figures; on failure leaves the
    /// columns as they were.
    private mutating func appendRecord(_ event: Event) -> Bool {
        let figures = series.count
        func rollBack(_ e: inout ColumnarEncoding) -> Bool {
            e.series.removeSubrange(figures...)
            e.periodOrdinal.removeSubrange(figures...)
            e.periodKind.removeSubrange(figures...)
            e.value.removeSubrange(figures...)
            e.figureStatus.removeSubrange(figures...)
            return false
        }
        switch event {
        case .observation(let o):
            guard series.count < ChunkFormat.maximumRowCount,
                  PeriodCode.instantRange.contains(o.releasedAt.microseconds),
                  let so = index(o.source) else { return false }
            guard appendFigure(o.series, o.period, o.value, o.status) else { return rollBack(&self) }
            appendRecordRow(o.releasedAt, so, 0, 0, 1)
            return true
        case .release(let r):
            guard !r.entries.isEmpty, series.count + r.entries.count <= ChunkFormat.maximumRowCount,
                  PeriodCode.instantRange.contains(r.releasedAt.microseconds),
                  let so = index(r.source), let ti = index(r.title), let st = index(r.status) else { return false }
            for e in r.entries where !appendFigure(e.series, e.period, e.value, e.status) { return rollBack(&self) }
            appendRecordRow(r.releasedAt, so, ti, st, Int64(r.entries.count))
            return true
        default:
            return false
        }
    }

    private mutating func appendRecordRow(_ t: Timestamp, _ so: Int64, _ ti: Int64, _ st: Int64, _ n: Int64) {
        releasedAt.append(t.microseconds)
        source.append(so)
        title.append(ti)
        status.append(st)
        figureCount.append(n)
    }

    /// Text section, value mode, then the three chunks (shapes, records, figures), each varuint-prefixed.
    private func finish(to w: inout BatchWriter) {
        var text = BatchWriter()
        text.varUInt(UInt64(strings.count))
        for s in strings { text.string(s) }
        text.bytes.append(contentsOf: json.bytes)
        text.bytes.append(contentsOf: extras.bytes)
        let before = w.bytes.count
        LZ4Section.append(text.bytes, to: &w)
        if debugSizes { print("text \(text.bytes.count) -> \(w.bytes.count - before)") }
        let encoder = ChunkEncoder()
        var figureColumns: [Column] = [.int64(series), .int64(periodOrdinal), .uint8(periodKind)]
        if let e = DecimalPrediction.exponent(value) {
            w.u8(UInt8(1 + e))
            var predictor = DecimalPrediction(figures: value.count, dictionarySize: strings.count)
            var residuals = [Int64](repeating: 0, count: value.count)
            var scales = [UInt8](repeating: 0, count: value.count)
            var scale: UInt8 = 0
            for f in value.indices {
                let k = DecimalPrediction.integer(value[f], e)!
                let p = predictor.predict(series: series[f], ordinal: periodOrdinal[f], kind: periodKind[f])
                (residuals[f], scale) = DecimalPrediction.residual(k, p, previousScale: scale)
                scales[f] = scale
                predictor.record(series: series[f], ordinal: periodOrdinal[f], kind: periodKind[f], k: k)
            }
            figureColumns += [.int64(residuals), .uint8(scales)]
        } else {
            w.u8(0)
            figureColumns.append(.double(value))
        }
        figureColumns.append(.int64(figureStatus))
        let chunks: [[Column]] = [
            [.uint8(shapes)],
            [.int64(releasedAt), .int64(source), .int64(title), .int64(status), .int64(figureCount)],
            figureColumns,
        ]
        for columns in chunks {
            // Row counts are bounded above (events and figures at most ChunkFormat.maximumRowCount).
            let chunk = try! encoder.encode(columns)
            if debugSizes, let r = try? ChunkReader(chunk) { print("chunk rows \(r.rowCount):", r.columns.map { "\($0)" }) }
            w.lengthPrefixed(chunk)
        }
    }
}

let debugSizes = getenv("BATCH_DEBUG") != nil
