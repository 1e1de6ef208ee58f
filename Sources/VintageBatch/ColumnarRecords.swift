import VintageColumnar
import VintageCore

/// The decoded, checked contents of a codec-2 payload: the dictionary, the per-event shapes,
/// ids and correction targets, the JSON records, and the record and figure columns.
struct ColumnarRecords: Sendable {
    /// The dictionary's strings, and each as a JSON string literal (quoted and escaped).
    var strings: [String] = []
    var quoted: [[UInt8]] = []
    /// Each dictionary string as a series id, nil when it is not a valid one.
    var seriesIDs: [SeriesID?] = []

    /// One shape byte per event (``ColumnarShape`` and flags).
    var shapes: [UInt8] = []
    /// The explicit id of each event, nil when derived.
    var ids: [EventID?] = []
    /// The targets and reasons of the column-held corrections, in order, with their JSON literals.
    var targets: [EventID] = []
    var reasons: [String?] = []
    var correctionJSON: [[UInt8]] = []
    /// The canonical JSON, without the step, of each column-held announcement, in order (ranges of the text section).
    var announcementJSON: [Range<Int>] = []
    /// The events held as JSON records.
    var json = JSONRecords(text: [], entries: [])

    // Records.
    var releasedAt: [Int64] = []
    var source: [Int64] = []
    var title: [Int64] = []
    var status: [Int64] = []
    var figureCount: [Int64] = []
    // Figures.
    var series: [Int64] = []
    var periodStart: [Int64] = []
    var periodKind: [UInt8] = []
    var value: [Double] = []
    /// The batch exponent of value mode 1 + e (``DecimalPrediction``), nil in mode 0 (plain doubles).
    var valueExponent: Int?
    /// Value mode 1 + e: each figure's decimal integer (value = k / 10^e).
    var integers: [Int64] = []
    /// Value mode 1 + e: residuals and scales (see ``DecimalPrediction``); emptied once the values are computed.
    var residuals: [Int64] = []
    var scaleColumn: [UInt8] = []
    /// Value modes 20 + e: the scale column holds drops below the prediction's trailing zeros.
    var scalesAreDrops = false
    var figureStatus: [Int64] = []

    /// Reads and checks the payload of a batch of `count` events.
    init(_ r: inout BatchReader, count: Int) throws(RecordBatchError) {
        let text = try LZ4Section.read(&r, "text section")
        let mode = try r.u8("value mode")
        guard mode <= 38 else { throw RecordBatchError("record batch value mode \(mode) is not supported") }
        let shapeChunk = try Self.chunk(&r, "shape", [.uint8])
        let recordChunk = try Self.chunk(&r, "record", [.int64, .int64, .int64, .int64, .int64])
        let figureChunk = try Self.chunk(
            &r, "figure", mode == 0 ? [.int64, .int64, .uint8, .double, .int64] : [.int64, .int64, .uint8, .int64, .uint8, .int64])
        try r.expectEnd("the figure chunk")
        guard shapeChunk.rowCount == count else {
            throw RecordBatchError("record batch shape chunk has \(shapeChunk.rowCount) rows for \(count) events")
        }
        do throws(ChunkError) {
            shapes = try shapeChunk.uint8s(column: 0)
            releasedAt = try recordChunk.int64s(column: 0)
            source = try recordChunk.int64s(column: 1)
            title = try recordChunk.int64s(column: 2)
            status = try recordChunk.int64s(column: 3)
            figureCount = try recordChunk.int64s(column: 4)
            series = try figureChunk.int64s(column: 0)
            periodStart = try figureChunk.int64s(column: 1)
            periodKind = try figureChunk.uint8s(column: 2)
            if mode == 0 {
                value = try figureChunk.doubles(column: 3)
                figureStatus = try figureChunk.int64s(column: 4)
            } else {
                residuals = try figureChunk.int64s(column: 3)
                scaleColumn = try figureChunk.uint8s(column: 4)
                figureStatus = try figureChunk.int64s(column: 5)
            }
        } catch {
            throw RecordBatchError("record batch column does not decode: \(error)")
        }
        try withBytes(text) { (raw) throws(RecordBatchError) in try readText(raw) }
        json.text = text
        valueExponent = mode == 0 ? nil : Int(mode < 20 ? mode - 1 : mode - 20)
        scalesAreDrops = mode >= 20
        try checkColumns(valueExponent: valueExponent)
    }

    /// A varuint-prefixed chunk whose columns have `types`.
    private static func chunk(_ r: inout BatchReader, _ name: String, _ types: [ColumnType]) throws(RecordBatchError) -> ChunkReader {
        let range = try r.lengthPrefixed("\(name) chunk")
        let reader: ChunkReader
        do { reader = try ChunkReader(Array(UnsafeRawBufferPointer(rebasing: r.base[range]))) } catch {
            throw RecordBatchError("record batch \(name) chunk: \(error)")
        }
        guard reader.columns.map(\.type) == types else {
            throw RecordBatchError("record batch \(name) chunk has columns \(reader.columns.map(\.type)), expected \(types)")
        }
        return reader
    }

    /// The dictionary, the JSON records and the extras (ids, correction targets and reasons).
    private mutating func readText(_ raw: UnsafeRawBufferPointer) throws(RecordBatchError) {
        var t = BatchReader(raw)
        let n = try t.count("dictionary size", limit: t.remaining)
        strings.reserveCapacity(n)
        for i in 0..<n {
            let range = try t.lengthPrefixed("dictionary string \(i)")
            let bytes = UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[range])
            let s = String(decoding: bytes, as: UTF8.self)
            strings.append(s)
            var w = JSONWriter()
            w.string(s)
            quoted.append(w.bytes)
            seriesIDs.append(SeriesID.problem(in: bytes) == nil ? SeriesID(unchecked: s) : nil)
        }
        var jsonCount = 0
        for (i, shape) in shapes.enumerated() {
            guard shape & ~ColumnarShape.validBits == 0, let kind = ColumnarShape(rawValue: shape & 7) else {
                throw RecordBatchError("record batch event \(i) has an unknown shape \(shape)")
            }
            guard kind != .json || shape == 0, kind.isCorrection || shape & ColumnarShape.reasonFlag == 0 else {
                throw RecordBatchError("record batch event \(i) has an unknown shape \(shape)")
            }
            if kind == .json { jsonCount += 1 }
        }
        try JSONRecords.read(&t, count: jsonCount, entries: &json.entries)
        ids.reserveCapacity(shapes.count)
        var nextJSON = 0
        for (i, shape) in shapes.enumerated() {
            if shape == 0 {
                ids.append(json.entries[nextJSON].id)
                nextJSON += 1
                continue
            }
            var id: EventID?
            if shape & ColumnarShape.explicitIDFlag != 0 {
                id = try JSONRecords.checkedID(raw, try t.lengthPrefixed("event \(i)'s id"), event: i)
            }
            ids.append(id)
            let kind = ColumnarShape(rawValue: shape & 7)!
            if kind == .announcementStep {
                announcementJSON.append(try t.lengthPrefixed("event \(i)'s announcement"))
            }
            guard kind.isCorrection else { continue }
            let targetRange = try t.lengthPrefixed("event \(i)'s target")
            let target = String(decoding: UnsafeRawBufferPointer(rebasing: raw[targetRange]), as: UTF8.self)
            var reason: String?
            if shape & ColumnarShape.reasonFlag != 0 {
                let reasonRange = try t.lengthPrefixed("event \(i)'s reason")
                reason = String(decoding: UnsafeRawBufferPointer(rebasing: raw[reasonRange]), as: UTF8.self)
            }
            targets.append(EventID(unchecked: target))
            reasons.append(reason)
            var w = JSONWriter()
            w.beginObject()
            w.key("type"); w.string("correction")
            w.key("target"); w.string(target)
            w.field("reason", reason)
            w.key("replacement")
            correctionJSON.append(w.bytes)
        }
        try t.expectEnd("the text section")
    }

    /// Checks that records and figures agree with the shapes, and every index, period, time
    /// and value is in range; converts period ordinals to starts.
    private mutating func checkColumns(valueExponent: Int?) throws(RecordBatchError) {
        let records = shapes.reduce(0) { $0 + ($1 == 0 ? 0 : 1) }
        guard releasedAt.count == records else {
            throw RecordBatchError("record batch has \(releasedAt.count) records for \(records) column-held events")
        }
        let dictionary = Int64(strings.count)
        var record = 0
        var figures = 0
        for (i, shape) in shapes.enumerated() where shape != 0 {
            let n = figureCount[record]
            let single = ColumnarShape(rawValue: shape & 7)!.isSingleFigure
            let noSource = shape & 7 != ColumnarShape.announcementStep.rawValue || source[record] == 0
            guard single ? (n == 1 && title[record] == 0 && status[record] == 0 && noSource) : (n >= 1 && n <= Int64(ChunkFormat.maximumRowCount))
            else {
                throw RecordBatchError("record batch event \(i) has an inconsistent record")
            }
            guard PeriodCode.instantRange.contains(releasedAt[record]),
                (0...dictionary).contains(source[record]), (0...dictionary).contains(title[record]),
                (0...dictionary).contains(status[record])
            else {
                throw RecordBatchError("record batch event \(i) has a release time or string out of range")
            }
            figures += Int(n)
            record += 1
        }
        guard figures == series.count else {
            throw RecordBatchError("record batch records name \(figures) figures, the columns hold \(series.count)")
        }
        var predictor: DecimalPrediction?
        if valueExponent != nil {
            predictor = DecimalPrediction(dictionarySize: strings.count)
            value = [Double](repeating: 0, count: series.count)
            integers = [Int64](repeating: 0, count: series.count)
        }
        let validSeries = seriesIDs.map { $0 != nil }
        // The last period converted (figures of one period often follow each other).
        var lastOrdinal: Int64 = 0, lastKind: UInt8 = 0, lastStart: Int64 = 0, haveLast = false
        for f in 0..<series.count {
            guard (1...dictionary).contains(series[f]), validSeries[Int(series[f] - 1)] else {
                throw RecordBatchError("record batch figure \(f) names no valid series")
            }
            if let e = valueExponent {
                let p = predictor!.predict(series: series[f], ordinal: periodStart[f], kind: periodKind[f])
                let stored = Int(scaleColumn[f])
                let scale = scalesAreDrops ? DecimalPrediction.defaultScale(p) - stored : stored
                guard let k = DecimalPrediction.integer(prediction: p, residual: residuals[f], scale: scale) else {
                    throw RecordBatchError("record batch figure \(f) has a value out of range")
                }
                predictor!.record(series: series[f], ordinal: periodStart[f], kind: periodKind[f], k: k)
                value[f] = Double(k) / DecimalPrediction.powers[e]
                integers[f] = k
            }
            guard (0...dictionary).contains(figureStatus[f]), value[f].isFinite else {
                throw RecordBatchError("record batch figure \(f) has a status or value out of range")
            }
            if !haveLast || periodStart[f] != lastOrdinal || periodKind[f] != lastKind {
                guard let start = PeriodCode.start(ordinal: periodStart[f], code: periodKind[f]) else {
                    throw RecordBatchError("record batch figure \(f) has an invalid period")
                }
                lastOrdinal = periodStart[f]
                lastKind = periodKind[f]
                lastStart = start.microseconds
                haveLast = true
            }
            periodStart[f] = lastStart
        }
        residuals = []
        scaleColumn = []
    }
}
