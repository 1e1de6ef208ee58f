import VintageColumnar
import VintageCore
import VintageFiles
import VintageFolds

/// What a chunk reference records about its chunk in the manifest, so that queries prune
/// chunks — and answer whole-chunk aggregates — without opening any file: the valid-time
/// range of its rows and the summary of the points the latest view selects from them.
///
/// Bytes (``ChunkReference/summary``): the smallest and the largest valid time as two
/// little-endian `Int64`s (16 bytes, all that references written before the summary record),
/// then the ``ChunkLatestView``:
///
/// ```
/// u8 flags                      bit 0: every point has one row, bit 1: every row is current,
///                               bit 2: some point has a current row (a summary follows),
///                               bit 3: the earliest release and visibleFrom follow,
///                               bit 4: the summary's sum is a decimal sum
/// zigzag LEB128 latest release, zigzag LEB128 latest log position
/// when bit 3: zigzag LEB128 latest release − earliest release, latest log position − earliest visibleFrom
/// when bit 2: LEB128 count, LEB128 first point − first, LEB128 last − last point,
///             the sum: with bit 4 the ``DecimalSum``: LEB128 scale + 1, u8 sign (1 negative),
///             LEB128 high and low word of its units' magnitude — or LEB128 0 and the double
///             sum of an inexact one; without bit 4 (written before decimal sums) a double,
///             then min, max, first value, last value (little-endian IEEE-754 doubles)
/// ```
///
/// A view whose summary has a double sum (no bit 4) is not read: queries then read the
/// chunk, so that every sum is exact whatever version wrote the manifest; a `vintage replay`
/// (or any rewrite of the chunk) records the decimal sum.
struct ChunkSummary: Hashable {
    /// The smallest valid time of the chunk's rows.
    var first: Int64
    /// The largest.
    var last: Int64
    /// What the rows give the latest view; nil when the reference does not record it.
    var latest: ChunkLatestView?

    init(first: Int64, last: Int64, latest: ChunkLatestView? = nil) {
        self.first = first
        self.last = last
        self.latest = latest
    }

    /// The summary of a chunk holding `rows` (in key order, at least one).
    init(rows: some Collection<VintageRow>) {
        self.init(
            first: rows.first!.validTime, last: rows[rows.index(rows.endIndex, offsetBy: -1)].validTime,
            latest: ChunkLatestView(rows: rows))
    }

    /// The summary in `bytes`; nil when they hold no valid-time range. A latest view that
    /// cannot be read is left out (queries then read the chunk).
    init?(_ bytes: [UInt8]) {
        guard let range = Self.range(bytes) else { return nil }
        first = range.first
        last = range.last
        latest = bytes.count > 16 ? ChunkLatestView(bytes, from: 16, first: first, last: last) : nil
    }

    /// Only the valid-time range of the summary in `bytes`: cheaper than decoding it all.
    static func range(_ bytes: [UInt8]) -> (first: Int64, last: Int64)? {
        guard bytes.count >= 16 else { return nil }
        return bytes.withUnsafeBytes { raw in
            (
                Int64(littleEndian: raw.loadUnaligned(as: Int64.self)),
                Int64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: Int64.self))
            )
        }
    }

    /// The summary's bytes.
    var bytes: [UInt8] {
        var w = ManifestByteWriter()
        w.i64(first)
        w.i64(last)
        latest?.write(to: &w, first: first, last: last)
        return w.bytes
    }
}

/// What a chunk's rows give the latest view — per point the current row with the latest
/// release time, points without a current row left out — and the bounds within which
/// another view selects exactly the same from them.
struct ChunkLatestView: Hashable {
    /// The aggregate of the selected points; nil when no point has a current row.
    var points: PointSummary?
    /// The greatest release time of the rows.
    var latestRelease: Int64
    /// The greatest log position the rows name: of every `visibleFrom` and every finite
    /// `visibleUntil`. From there on, the chunk's rows look as they do now.
    var latestLogPosition: Int64
    /// The smallest release time of the rows (nil when not recorded): a view released
    /// before it sees nothing of the chunk.
    var earliestRelease: Int64?
    /// The smallest `visibleFrom` of the rows (nil when not recorded): a view of the store
    /// at an earlier log position sees nothing of the chunk.
    var earliestVisibleFrom: Int64?
    /// Whether every point has exactly one row (so a first-release view selects as the
    /// latest one does).
    var onePerPoint: Bool
    /// Whether every row is current.
    var allCurrent: Bool

    /// The latest view of `rows` (in key order).
    init(rows: some Collection<VintageRow>) {
        var summary: PointSummary? = nil
        var latestRelease = Int64.min, latestLogPosition = Int64.min
        var earliestRelease = Int64.max, earliestVisibleFrom = Int64.max
        var onePerPoint = true, allCurrent = true
        var validTime: Int64? = nil
        // The chosen row of the point, by its fields: rows are read in place, not copied.
        var hasChosen = false, chosenTime: Int64 = 0, chosenValue = 0.0, chosenRelease: Int64 = 0
        func select() {
            guard hasChosen else { return }
            if summary == nil {
                summary = PointSummary(time: chosenTime, value: chosenValue)
            } else {
                summary!.append(time: chosenTime, value: chosenValue)
            }
        }
        for i in rows.indices {
            let rowTime = rows[i].validTime, releasedAt = rows[i].releasedAt
            let visibleFrom = rows[i].visibleFrom, visibleUntil = rows[i].visibleUntil
            latestRelease = max(latestRelease, releasedAt)
            latestLogPosition = max(latestLogPosition, visibleFrom)
            earliestRelease = min(earliestRelease, releasedAt)
            earliestVisibleFrom = min(earliestVisibleFrom, visibleFrom)
            let isCurrent = visibleUntil == .max
            if !isCurrent {
                latestLogPosition = max(latestLogPosition, visibleUntil)
                allCurrent = false
            }
            if rowTime == validTime {
                onePerPoint = false
            } else {
                select()
                hasChosen = false
                validTime = rowTime
            }
            // Within a point rows ascend by release time: the last current one is chosen
            // (the first of equals, as queries choose).
            if isCurrent && (!hasChosen || releasedAt > chosenRelease) {
                (hasChosen, chosenTime, chosenValue, chosenRelease) = (true, rowTime, rows[i].value, releasedAt)
            }
        }
        select()
        self.init(
            points: summary, latestRelease: latestRelease, latestLogPosition: latestLogPosition, earliestRelease: earliestRelease,
            earliestVisibleFrom: earliestVisibleFrom, onePerPoint: onePerPoint, allCurrent: allCurrent)
    }

    /// Whether `query` selects from the chunk exactly the points the latest view does
    /// (leaving aside its valid-time range and any rows outside the chunk): it sees every
    /// row released (`asOf`) and the store after every log position the rows name
    /// (`atSeq`), and asks for first releases only when each point has one row.
    func standsFor(_ query: PointQuery) -> Bool {
        if let asOf = query.asOf, asOf < latestRelease { return false }
        if let atSeq = query.atSeq, atSeq < latestLogPosition { return false }
        if query.firstRelease && !onePerPoint { return false }
        return true
    }

    /// Whether `query` sees none of the chunk's rows: they were all released after its
    /// `asOf`, or all became part of the store after its `atSeq`.
    func showsNothing(to query: PointQuery) -> Bool {
        if let asOf = query.asOf, let earliestRelease, asOf < earliestRelease { return true }
        if let atSeq = query.atSeq, let earliestVisibleFrom, atSeq < earliestVisibleFrom { return true }
        return false
    }

    /// Writes the view; the first and last point are stored against the chunk's
    /// valid-time range `first...last`.
    func write(to w: inout ManifestByteWriter, first: Int64, last: Int64) {
        let earliest = earliestRelease.flatMap { r in earliestVisibleFrom.map { (r, $0) } }
        w.u8((onePerPoint ? 1 : 0) | (allCurrent ? 2 : 0) | (points != nil ? 4 + 16 : 0) | (earliest != nil ? 8 : 0))
        w.varInt(latestRelease)
        w.varInt(latestLogPosition)
        if let (release, visibleFrom) = earliest {
            w.varInt(latestRelease &- release)
            w.varInt(latestLogPosition &- visibleFrom)
        }
        guard let points else { return }
        w.varUInt(UInt64(points.count))
        w.varUInt(UInt64(bitPattern: points.firstTime &- first))
        w.varUInt(UInt64(bitPattern: last &- points.lastTime))
        if let (negative, high, low, scale) = points.exactSum.storedParts {
            w.varUInt(UInt64(scale) + 1)
            w.u8(negative ? 1 : 0)
            w.varUInt(high)
            w.varUInt(low)
        } else {
            w.varUInt(0)
            w.i64(Int64(bitPattern: points.sum.bitPattern))
        }
        for v in [points.min, points.max, points.firstValue, points.lastValue] {
            w.i64(Int64(bitPattern: v.bitPattern))
        }
    }

    /// The view written at `offset` of `bytes` for the chunk's range `first...last`; nil
    /// when the bytes do not hold one.
    init?(_ bytes: [UInt8], from offset: Int, first: Int64, last: Int64) {
        // Read on every scan of every chunk: a plain cursor, no error values.
        let view: ChunkLatestView? = bytes.withUnsafeBytes { raw in
            var r = SummaryCursor(raw: raw, offset: offset)
            guard let flags = r.byte(), flags & ~31 == 0, let release = r.varUInt(), let position = r.varUInt() else { return nil }
            let latestRelease = zigzagDecode(release), latestLogPosition = zigzagDecode(position)
            var earliestRelease: Int64? = nil, earliestVisibleFrom: Int64? = nil
            if flags & 8 != 0 {
                guard let releaseSpan = r.varUInt(), let positionSpan = r.varUInt() else { return nil }
                earliestRelease = latestRelease &- zigzagDecode(releaseSpan)
                earliestVisibleFrom = latestLogPosition &- zigzagDecode(positionSpan)
            }
            var points: PointSummary? = nil
            if flags & 4 != 0 {
                // A double sum (written before decimal sums) is not read: the chunk is.
                guard flags & 16 != 0, let count = r.varUInt(), let firstOffset = r.varUInt(), let lastOffset = r.varUInt(),
                    let sum = r.decimalSum(), let min = r.double(), let max = r.double(), let firstValue = r.double(), let lastValue = r.double()
                else { return nil }
                let firstTime = first &+ Int64(bitPattern: firstOffset), lastTime = last &- Int64(bitPattern: lastOffset)
                guard count >= 1, count <= UInt64(ChunkFormat.maximumRowCount), firstTime <= lastTime else { return nil }
                points = PointSummary(
                    count: Int(count), sum: sum, min: min, max: max,
                    firstTime: firstTime, firstValue: firstValue, lastTime: lastTime, lastValue: lastValue)
            }
            guard r.offset == raw.count else { return nil }
            return ChunkLatestView(
                points: points, latestRelease: latestRelease, latestLogPosition: latestLogPosition,
                earliestRelease: earliestRelease, earliestVisibleFrom: earliestVisibleFrom,
                onePerPoint: flags & 1 != 0, allCurrent: flags & 2 != 0)
        }
        guard let view else { return nil }
        self = view
    }

    init(
        points: PointSummary?, latestRelease: Int64, latestLogPosition: Int64, earliestRelease: Int64?, earliestVisibleFrom: Int64?,
        onePerPoint: Bool, allCurrent: Bool
    ) {
        self.points = points
        self.latestRelease = latestRelease
        self.latestLogPosition = latestLogPosition
        self.earliestRelease = earliestRelease
        self.earliestVisibleFrom = earliestVisibleFrom
        self.onePerPoint = onePerPoint
        self.allCurrent = allCurrent
    }
}

/// A bounds-checked cursor over a chunk summary's bytes (as ``ManifestByteWriter`` writes
/// them); nil for bytes that end too soon or an integer wider than 64 bits.
private struct SummaryCursor {
    let raw: UnsafeRawBufferPointer
    var offset: Int

    mutating func byte() -> UInt8? {
        guard offset < raw.count else { return nil }
        defer { offset += 1 }
        return raw[offset]
    }

    mutating func varUInt() -> UInt64? { try? readVarUInt(raw, at: &offset, end: raw.count) }

    mutating func decimalSum() -> DecimalSum? {
        guard let scale = varUInt(), scale <= 100_000 else { return nil }
        if scale == 0 { return double().map { DecimalSum(inexact: $0) } }
        guard let sign = byte(), sign <= 1, let high = varUInt(), let low = varUInt() else { return nil }
        return DecimalSum(negative: sign == 1, high: high, low: low, scale: Int(scale) - 1)
    }

    mutating func double() -> Double? {
        guard raw.count - offset >= 8 else { return nil }
        defer { offset += 8 }
        return Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
    }
}
