import VintageCore

extension ReplayFold {
    /// Applies the event logged at `seq` with id `id`, given as the canonical JSON the log
    /// stores (``LoggedEvent/body``): the same as applying `Event(canonicalJSON: body)`, but
    /// observations and releases in the canonical layout are read straight into the fold
    /// (no `Event`, no `String` per figure). Any other event, and any body not exactly in
    /// the canonical layout with plain strings (no escapes, ASCII), goes through
    /// `Event(canonicalJSON:)`, so that whatever the decoder accepts or rejects, this does too.
    ///
    /// - Throws: what `Event(canonicalJSON:)` throws for the body.
    public mutating func apply(canonicalJSON body: [UInt8], id: EventID, seq: Int64) throws(EventInputError) {
        let applied = body.withUnsafeBufferPointer { applyCanonical($0, id: id, seq: seq) }
        if !applied { apply(try Event(canonicalJSON: body), id: id, seq: seq) }
    }

    /// ``apply(canonicalJSON:id:seq:)`` for JSON in memory the caller owns (no copy unless
    /// the event goes through `Event(canonicalJSON:)`).
    public mutating func apply(canonicalJSON body: UnsafeBufferPointer<UInt8>, id: EventID, seq: Int64) throws(EventInputError) {
        if !applyCanonical(body, id: id, seq: seq) { apply(try Event(canonicalJSON: Array(body)), id: id, seq: seq) }
    }

    /// Applies a canonical observation or release; false (nothing applied) for anything else.
    private mutating func applyCanonical(_ body: UnsafeBufferPointer<UInt8>, id: EventID, seq: Int64) -> Bool {
        var c = CanonicalCursor(body)
        if c.literal("{\"type\":\"observation\",\"series\":") {
            guard let series = c.plainString(), c.literal(",\"period\":"), let period = c.plainString(),
                c.literal(",\"value\":"), let value = c.finiteNumber(),
                c.literal(",\"released_at\":"), let released = c.plainString()
            else { return false }
            if c.literal(",\"source\":") { guard c.plainString() != nil else { return false } }
            var status: UnsafeBufferPointer<UInt8>?
            if c.literal(",\"status\":") {
                guard let s = c.plainString() else { return false }
                status = s
            }
            guard c.literal("}"), c.atEnd,
                case .success(let start) = Period.parseStart(period), case .success(let releasedAt) = Timestamp.parse(released),
                let index = self.series.existingIndex(ofBytes: series, lastIndex: lastSeriesIndex) ?? Self.newSeriesIndex(series)
            else { return false }
            precondition(seq > lastSeq, "events must be applied in log order (seq \(seq) after \(lastSeq))")
            if lastSeq == 0 { firstAppliedSeq = seq }
            lastSeq = seq
            ownerIDs.append(id, seq: seq)
            let seriesIndex = index >= 0 ? index : internSeries(series)
            appendCanonicalFigure(
                seriesIndex, start.start.microseconds, releasedAt.microseconds, value, seq,
                status.map { statusTable.code(ofBytes: $0) } ?? 0)
            return true
        }
        if c.literal("{\"type\":\"release\",\"released_at\":") {
            guard let released = c.plainString() else { return false }
            if c.literal(",\"source\":") { guard c.plainString() != nil else { return false } }
            if c.literal(",\"title\":") { guard c.plainString() != nil else { return false } }
            var status: UnsafeBufferPointer<UInt8>?
            if c.literal(",\"status\":") {
                guard let s = c.plainString() else { return false }
                status = s
            }
            guard c.literal(",\"observations\":["), case .success(let releasedAt) = Timestamp.parse(released) else { return false }
            // The entries, checked in full before any is applied.
            canonicalEntries.removeAll(keepingCapacity: true)
            var lastIndex = lastSeriesIndex
            repeat {
                guard c.literal("{\"series\":"), let series = c.plainString(), c.literal(",\"period\":"), let period = c.plainString(),
                    c.literal(",\"value\":"), let value = c.finiteNumber()
                else { return false }
                // An entry's own status (wins over the release's).
                var entryStatus: UnsafeBufferPointer<UInt8>?
                if c.literal(",\"status\":") {
                    guard let s = c.plainString() else { return false }
                    entryStatus = s
                }
                guard c.literal("}"), case .success(let start) = Period.parseStart(period),
                    let index = self.series.existingIndex(ofBytes: series, lastIndex: lastIndex) ?? Self.newSeriesIndex(series)
                else { return false }
                if index >= 0 { lastIndex = index }
                canonicalEntries.append(
                    CanonicalEntry(
                        seriesStart: series.baseAddress! - body.baseAddress!, seriesCount: series.count,
                        index: index, validTime: start.start.microseconds, value: value,
                        statusStart: entryStatus.map { $0.baseAddress! - body.baseAddress! } ?? -1,
                        statusCount: entryStatus?.count ?? 0))
            } while c.literal(",")
            guard c.literal("]}"), c.atEnd else { return false }
            precondition(seq > lastSeq, "events must be applied in log order (seq \(seq) after \(lastSeq))")
            if lastSeq == 0 { firstAppliedSeq = seq }
            lastSeq = seq
            ownerIDs.append(id, seq: seq)
            let code = status.map { statusTable.code(ofBytes: $0) } ?? 0
            let entries = canonicalEntries
            for e in entries {
                let seriesIndex =
                    e.index >= 0
                    ? e.index
                    : internSeries(UnsafeBufferPointer(rebasing: body[e.seriesStart..<(e.seriesStart + e.seriesCount)]))
                let entryCode =
                    e.statusStart < 0
                    ? code
                    : statusTable.code(ofBytes: UnsafeBufferPointer(rebasing: body[e.statusStart..<(e.statusStart + e.statusCount)]))
                appendCanonicalFigure(seriesIndex, e.validTime, releasedAt.microseconds, e.value, seq, entryCode)
            }
            return true
        }
        return false
    }

    /// -1 (to be interned when applied) for the bytes of a valid series id; nil otherwise.
    private static func newSeriesIndex(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        SeriesID.problem(in: bytes) == nil ? -1 : nil
    }

    /// Interns a series id (valid, not yet interned) from its bytes.
    private mutating func internSeries(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        seriesIndex(SeriesID(unchecked: String(decoding: bytes, as: UTF8.self)))
    }

    @inline(__always)
    private mutating func appendCanonicalFigure(
        _ series: Int, _ validTime: Int64, _ releasedAt: Int64, _ value: Double, _ seq: Int64, _ status: UInt32
    ) {
        lastSeriesIndex = series
        lastSeries = nil
        appendFigure(series, validTime, releasedAt, value, seq, status)
    }
}

/// A release entry read from canonical JSON, before the release is applied.
struct CanonicalEntry: Sendable {
    /// Where the series id's bytes are in the body.
    var seriesStart: Int
    var seriesCount: Int
    /// The series index, or -1 for a series to intern.
    var index: Int
    var validTime: Int64
    var value: Double
    /// Where the entry's own status is in the body (-1 when it has none).
    var statusStart: Int
    var statusCount: Int
}

/// Reads canonical JSON: exact literals, plain strings, numbers.
struct CanonicalCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { position == bytes.count }

    /// Consumes `literal` when the text continues with it.
    @inline(__always)
    mutating func literal(_ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard position + n <= bytes.count else { return false }
        let text = literal.utf8Start
        for i in 0..<n where bytes[position + i] != text[i] { return false }
        position += n
        return true
    }

    /// The content of a string of printable ASCII without escapes; nil (position unspecified)
    /// for anything else.
    @inline(__always)
    mutating func plainString() -> UnsafeBufferPointer<UInt8>? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        let start = position + 1
        var p = start
        while p < bytes.count {
            let b = bytes[p]
            if b == UInt8(ascii: "\"") {
                position = p + 1
                return UnsafeBufferPointer(rebasing: bytes[start..<p])
            }
            if b == UInt8(ascii: "\\") || b < 0x20 || b >= 0x80 { return nil }
            p += 1
        }
        return nil
    }

    /// A JSON number as a finite `Double` (the correctly rounded value of the literal, as the
    /// decoder reads it); nil for anything else.
    mutating func finiteNumber() -> Double? {
        guard let (value, end) = try? JSONNumber.read(bytes, from: position), value.isFinite else { return nil }
        position = end
        return value
    }
}
