import VintageColumnar
import VintageCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a codec-2 payload: observation-shaped content (observations, releases and
/// corrections replacing them) as columns, everything else as JSON records; see docs/log.md.
///
/// Exact by construction: an event goes to the columns only when the columns give back an
/// equal event with identical canonical JSON (its period in canonical spelling, strings
/// byte-identical to the dictionary's); any other event is stored as its canonical JSON.
struct ColumnarEncoding {
    /// The strings of the batch (series ids, sources, statuses, titles), by first use.
    private var dictionary = StringDictionary()

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
    /// The periods found in canonical spelling at each position of the release encoded last,
    /// with their column values: the next release usually names the same periods, whose
    /// spelling then needs no checking again.
    private var recentPeriods: [(period: Period, ordinal: Int64, code: UInt8)] = []

    /// Whether the figures' residuals may be entropy-coded (chunk format version 3).
    private var allowsEntropyCoding = true

    /// Appends the payload of a batch of `events` to `w`.
    static func encode(_ events: some Collection<PreparedEvent>, allowsEntropyCoding: Bool, to w: inout BatchWriter) {
        // Iterating a generic collection from another module copies each event through witnesses.
        if let done: Void = events.withContiguousStorageIfAvailable({ encode(buffer: $0, allowsEntropyCoding: allowsEntropyCoding, to: &w) }) {
            return done
        }
        Array(events).withUnsafeBufferPointer { encode(buffer: $0, allowsEntropyCoding: allowsEntropyCoding, to: &w) }
    }

    private static func encode(buffer events: UnsafeBufferPointer<PreparedEvent>, allowsEntropyCoding: Bool, to w: inout BatchWriter) {
        var e = ColumnarEncoding()
        e.allowsEntropyCoding = allowsEntropyCoding
        e.shapes.reserveCapacity(events.count)
        // Through a pointer: copying each `PreparedEvent` (seven fields, four of them
        // reference-counted) costs as much as encoding it.
        guard let base = events.baseAddress else { return e.finish(to: &w) }
        for i in events.indices { e.add(base + i) }
        e.finish(to: &w)
    }

    private mutating func add(_ e: UnsafePointer<PreparedEvent>) {
        var shape: ColumnarShape = .json
        var correction: Correction?
        var stepless: [UInt8]?
        let event = e.pointee.event
        switch event {
        case .announcement(let a) where a.step != nil:
            if let rest = appendStep(a, body: e.pointee.body) {
                shape = .announcementStep
                stepless = rest
            }
        case .observation:
            if appendRecord(event) { shape = .observation }
        case .release:
            if appendRecord(event) { shape = .release }
        case .correction(let c):
            switch c.replacement {
            case .observation where appendRecord(c.replacement): shape = .correctedObservation
            case .release where appendRecord(c.replacement): shape = .correctedRelease
            default: break
            }
            if shape != .json { correction = c }
        default:
            break
        }
        guard shape != .json else {
            JSONRecords.append(e.pointee, to: &json)
            shapes.append(0)
            return
        }
        // Extras in order: the explicit id, then a correction's target and reason.
        var byte = shape.rawValue
        if !e.pointee.idIsDerived {
            byte |= ColumnarShape.explicitIDFlag
            extras.string(e.pointee.id.rawValue)
        }
        if let rest = stepless { extras.lengthPrefixed(rest) }
        if let c = correction {
            extras.string(c.target.rawValue)
            if let reason = c.reason {
                byte |= ColumnarShape.reasonFlag
                extras.string(reason)
            }
        }
        shapes.append(byte)
    }

    /// The dictionary index + 1 of `s`, 0 for nil.
    private mutating func index(_ s: String?) -> Int64 {
        guard let s else { return 0 }
        return Int64(dictionary.index(s)) + 1
    }

    /// Appends the period's columns when its canonical spelling is the one written; `position`
    /// is the figure's within its release, if it is a release's.
    private mutating func appendPeriod(_ p: Period, position: Int?) -> Bool {
        if let position, position < recentPeriods.count {
            let recent = recentPeriods[position]
            if recent.period == p {
                periodOrdinal.append(recent.ordinal)
                periodKind.append(recent.code)
                return true
            }
        }
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
        if let position, position <= recentPeriods.count {
            if position == recentPeriods.count {
                recentPeriods.append((p, ordinal, code))
            } else {
                recentPeriods[position] = (p, ordinal, code)
            }
        }
        return true
    }

    private mutating func appendFigure(_ s: SeriesID, _ p: Period, _ v: Double, _ st: String?, position: Int? = nil) -> Bool {
        guard v.isFinite, appendPeriod(p, position: position) else { return false }
        series.append(index(s.rawValue))
        value.append(v)
        figureStatus.append(index(st))
        return true
    }

    /// Appends an observation's or a release's record and figures; on failure leaves the
    /// columns as they were.
    private mutating func appendRecord(_ event: Event) -> Bool {
        let figures = series.count
        switch event {
        case .observation(let o):
            guard series.count < ChunkFormat.maximumRowCount, PeriodCode.instantRange.contains(o.releasedAt.microseconds),
                appendFigure(o.series, o.period, o.value, o.status)
            else { return false }
            appendRecordRow(o.releasedAt, index(o.source), 0, 0, 1)
            return true
        case .release(let r):
            guard !r.entries.isEmpty, series.count + r.entries.count <= ChunkFormat.maximumRowCount,
                PeriodCode.instantRange.contains(r.releasedAt.microseconds)
            else { return false }
            // The entries are read in place (a `for e in r.entries` copies each).
            let appended = r.entries.withUnsafeBufferPointer { entries in
                for i in entries.indices where !appendFigure(entries[i].series, entries[i].period, entries[i].value, entries[i].status, position: i) {
                    return false
                }
                return true
            }
            guard appended else {
                truncateFigures(to: figures)
                return false
            }
            appendRecordRow(r.releasedAt, index(r.source), index(r.title), index(r.status), Int64(r.entries.count))
            return true
        default:
            return false
        }
    }

    /// Appends an announcement's step as a record and a figure, returning the canonical JSON of
    /// the announcement without its step — or nil, appending nothing, when the announcement
    /// rebuilt from the two would not have the canonical JSON `body`.
    private mutating func appendStep(_ a: Announcement, body: [UInt8]) -> [UInt8]? {
        guard let step = a.step, series.count < ChunkFormat.maximumRowCount,
            PeriodCode.instantRange.contains(a.releasedAt.microseconds)
        else { return nil }
        let rest = Announcement(
            releasedAt: a.releasedAt, source: a.source, kind: a.kind, title: a.title,
            parties: a.parties, text: a.text, tags: a.tags)
        let restJSON = Event.announcement(rest).canonicalJSON
        guard let decoded = try? Event(canonicalJSON: restJSON), case .announcement(let back) = decoded,
            Event.announcement(ColumnarRecords.announcement(back, step: step)).canonicalJSON == body,
            appendFigure(step.series, step.effective, step.value, nil)
        else { return nil }
        appendRecordRow(a.releasedAt, 0, 0, 0, 1)
        return restJSON
    }

    /// Drops the figures appended after the first `count` (a release whose later entry cannot be columns).
    private mutating func truncateFigures(to count: Int) {
        series.removeSubrange(count...)
        periodOrdinal.removeSubrange(count...)
        periodKind.removeSubrange(count...)
        value.removeSubrange(count...)
        figureStatus.removeSubrange(count...)
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
        text.varUInt(UInt64(dictionary.strings.count))
        for s in dictionary.strings { text.string(s) }
        text.bytes.append(contentsOf: json.bytes)
        text.bytes.append(contentsOf: extras.bytes)
        LZ4Section.append(text.bytes, to: &w)
        let encoder = ChunkEncoder(allowsEntropyCoding: allowsEntropyCoding)
        var figureColumns: [Column] = [.int64(series), .int64(periodOrdinal), .uint8(periodKind)]
        if let e = DecimalPrediction.exponent(value) {
            var predictor = DecimalPrediction(dictionarySize: dictionary.strings.count)
            var residuals = [Int64](repeating: 0, count: value.count)
            var scales = [UInt8](repeating: 0, count: value.count)
            var drops = [UInt8](repeating: 0, count: value.count)
            var scale = 0, scaleCount = 0, dropCount = 0
            for f in value.indices {
                let k = DecimalPrediction.integer(value[f], e)!
                let p = predictor.predict(series: series[f], ordinal: periodOrdinal[f], kind: periodKind[f])
                let r = DecimalPrediction.residual(k, p)
                residuals[f] = r.residual
                if r.residual != 0 {
                    scale = r.scale
                    drops[f] = UInt8(r.top - r.scale)
                }
                scales[f] = UInt8(scale)
                scaleCount += scale == 0 ? 0 : 1
                dropCount += drops[f] == 0 ? 0 : 1
                predictor.record(series: series[f], ordinal: periodOrdinal[f], kind: periodKind[f], k: k)
            }
            let useDrops = dropCount < scaleCount
            w.u8(UInt8((useDrops ? 20 : 1) + e))
            figureColumns += [.int64(residuals), .uint8(useDrops ? drops : scales)]
        } else {
            w.u8(0)
            figureColumns.append(.double(value))
        }
        figureColumns.append(.int64(figureStatus))
        let chunks: [[Column]] = [
            [.uint8(shapes)],
            [.int64(releasedAt), .int64(source), .int64(title), .int64(status), .int64(figureCount)],
            figureColumns
        ]
        for columns in chunks {
            // Row counts are bounded above (events and figures at most ChunkFormat.maximumRowCount).
            let chunk = try! encoder.encode(columns)
            w.lengthPrefixed(chunk)
        }
    }
}
