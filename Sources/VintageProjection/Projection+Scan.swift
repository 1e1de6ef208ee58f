import VintageColumnar
import VintageCore
import VintageFiles
import VintageFolds

extension Projection {
    /// Hands the points `query` selects from `series` to `body` as runs in ascending valid
    /// time (see ``PointRun``); `query.latestOnly` is ignored. A run may come as a
    /// `.summary` only when `summarizing(firstTime, lastTime)` allowed it for the valid-time
    /// range of that run's points; otherwise every point comes as columns.
    ///
    /// The series' chunks are taken in valid-time order. A chunk whose range no other chunk,
    /// no head row and no ended row touches is answered from the summary its reference
    /// records — when the query's view selects there what the latest view does (see
    /// ``ChunkLatestView/standsFor(_:)``) and its range holds all the summarized points —
    /// or, when its rows are one current row per point, from its valid-time and value
    /// columns alone. Everything else is selected from decoded rows, as ``points(of:_:)``
    /// selects.
    public mutating func scanPoints(
        of series: SeriesID, _ query: PointQuery,
        summarizing: (_ firstTime: Int64, _ lastTime: Int64) -> Bool = { _, _ in false },
        _ body: (PointRun) -> Void
    ) throws(ProjectionError) {
        guard let entry = try entry(of: series) else { return }
        var view = query
        view.latestOnly = false
        // The chunks meeting the range, as (index into entry.chunks, summary), by valid time.
        let references = entry.chunks
        var chunks: [(index: Int, summary: ChunkSummary)] = []
        chunks.reserveCapacity(references.count)
        var ordered = true
        for k in references.indices {
            // A reference without a recorded range (not written by this version): select
            // everything from rows.
            guard let range = ChunkSummary.range(references[k].summary) else {
                Self.emit(try points(of: series, view), body)
                return
            }
            if let from = view.from, range.last < from { continue }
            if let to = view.to, range.first >= to { continue }
            let summary = ChunkSummary(references[k].summary)!
            // A chunk whose every row the view cannot see yet adds nothing, whatever else
            // touches its range.
            if summary.latest?.showsNothing(to: view) == true { continue }
            if let last = chunks.last, last.summary.first > range.first { ordered = false }
            chunks.append((k, summary))
        }
        if !ordered {
            chunks = chunks.enumerated().sorted { ($0.element.summary.first, $0.offset) < ($1.element.summary.first, $1.offset) }.map(\.element)
        }
        let head = try head(of: series)
        var statuses: StatusTable? = nil
        let buffers = ScanBuffers()

        // The head rows in the query's range, in key order (so by valid time).
        let headRows = head.rows
        var h = view.from.map { f in Self.firstIndex(in: headRows) { $0.validTime >= f } } ?? 0
        let headEnd = view.to.map { t in Self.firstIndex(in: headRows) { $0.validTime >= t } } ?? headRows.count

        var i = 0
        while i < chunks.count {
            // The chunks whose ranges overlap, transitively: one cluster.
            let lower = chunks[i].summary.first
            var upper = chunks[i].summary.last
            var j = i + 1
            while j < chunks.count && chunks[j].summary.first <= upper {
                upper = max(upper, chunks[j].summary.last)
                j += 1
            }
            let before = h
            while h < headEnd && headRows[h].validTime < lower { h += 1 }
            if before < h { Self.emit(view.points(inSorted: Array(headRows[before..<h])), body) }
            let within = h
            while h < headEnd && headRows[h].validTime <= upper { h += 1 }
            if statuses == nil { statuses = try self.statuses(of: series) }

            if j == i + 1 && within == h && !SeriesChunk.endsAny(head.ended, in: lower...upper) {
                try scanChunk(
                    references[chunks[i].index], chunks[i].summary, of: series, view, statuses: statuses!, ended: head.ended,
                    buffers: buffers, summarizing: summarizing, body)
            } else {
                var rows: [VintageRow] = []
                for k in i..<j {
                    rows += try storedRows(references[chunks[k].index], of: series, statuses: statuses!, ended: head.ended)
                }
                rows += headRows[within..<h]
                rows.sort { $0.key < $1.key }
                Self.emit(view.points(inSorted: rows), body)
            }
            i = j
        }
        if h < headEnd { Self.emit(view.points(inSorted: Array(headRows[h..<headEnd])), body) }
    }

    /// Hands out the points `view` selects from one chunk that no other chunk, head row or
    /// ended row touches: its summary, its point columns, or the points of its rows.
    private mutating func scanChunk(
        _ reference: ChunkReference, _ summary: ChunkSummary, of series: SeriesID, _ view: PointQuery,
        statuses: StatusTable, ended: EndedRows, buffers: ScanBuffers,
        summarizing: (Int64, Int64) -> Bool, _ body: (PointRun) -> Void
    ) throws(ProjectionError) {
        if let latest = summary.latest, latest.standsFor(view) {
            // The view selects what the latest view does: nothing, …
            guard let points = latest.points else { return }
            // … the summarized points, all in range, …
            if view.from.map({ $0 <= points.firstTime }) ?? true, view.to.map({ points.lastTime < $0 }) ?? true,
                summarizing(points.firstTime, points.lastTime)
            {
                body(.summary(points))
                return
            }
            // … or, one current row per point, every row's valid time and value.
            if latest.onePerPoint && latest.allCurrent {
                let chunk = try cachedChunk(reference, of: series, statuses: statuses)
                let n = chunk.rowCount
                if n == points.count {
                    buffers.reserve(n)
                    do { try chunk.decodePointColumns(times: buffers.times, values: buffers.values) } catch {
                        throw .chunk(series: series, file: reference.name, error)
                    }
                    let times = UnsafeBufferPointer(rebasing: buffers.times[0..<n])
                    let lo = view.from.map { f in Self.firstIndex(in: times) { $0 >= f } } ?? 0
                    let hi = view.to.map { t in Self.firstIndex(in: times) { $0 >= t } } ?? n
                    if lo < hi {
                        body(
                            .points(
                                times: UnsafeBufferPointer(rebasing: times[lo..<hi]),
                                values: UnsafeBufferPointer(rebasing: buffers.values[lo..<hi])))
                    }
                    return
                }
            }
        }
        var points: [VintagePoint] = []
        view.appendPoints(fromSorted: try cachedRows(reference, of: series, statuses: statuses), ended: ended, to: &points)
        Self.emit(points, body)
    }

    /// Hands `points` (in valid-time order) to `body` as one run of columns, if any.
    private static func emit(_ points: [VintagePoint], _ body: (PointRun) -> Void) {
        guard !points.isEmpty else { return }
        let times = points.map(\.validTime)
        let values = points.map(\.value)
        times.withUnsafeBufferPointer { t in
            values.withUnsafeBufferPointer { v in body(.points(times: t, values: v)) }
        }
    }

    /// The first index of `elements` (ascending in what `isAtOrAfter` tests) where it holds.
    private static func firstIndex<C: RandomAccessCollection>(in elements: C, where isAtOrAfter: (C.Element) -> Bool) -> Int where C.Index == Int {
        var lo = elements.startIndex, hi = elements.endIndex
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if isAtOrAfter(elements[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}

/// Column buffers a scan decodes chunks into, reused from chunk to chunk.
private final class ScanBuffers {
    private(set) var times = UnsafeMutableBufferPointer<Int64>(start: nil, count: 0)
    private(set) var values = UnsafeMutableBufferPointer<Double>(start: nil, count: 0)

    /// Makes the buffers hold at least `count` values.
    func reserve(_ count: Int) {
        guard times.count < count else { return }
        times.deallocate()
        values.deallocate()
        let capacity = max(count, ChunkFormat.defaultRowCount)
        times = .allocate(capacity: capacity)
        values = .allocate(capacity: capacity)
    }

    deinit {
        times.deallocate()
        values.deallocate()
    }
}
