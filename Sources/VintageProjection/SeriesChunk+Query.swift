import VintageColumnar
import VintageFolds

extension SeriesChunk {
    /// Whether the chunk may hold rows in the valid-time range of `query`, by its zone map.
    func mayHold(_ query: PointQuery) -> Bool {
        guard let range = validTimes else { return false }
        if let from = query.from, range.upperBound < from { return false }
        if let to = query.to, range.lowerBound >= to { return false }
        return true
    }

    /// Appends to `points` the points `query` selects from this chunk's rows alone (with
    /// `ended` applied), in valid-time order; with `latestOnly`, only the last.
    ///
    /// Decodes the points and the rows' events (release time, end code; seq for an `atSeq`
    /// query), and the `visibleFrom` offsets for an `atSeq` query; when every row is visible
    /// from its seq and `ended` ends no row in range (the usual case), visibility is decided
    /// per event, otherwise per row. Value, status and seq only when a point is selected.
    func appendPoints(_ query: PointQuery, ended: EndedRows, to points: inout [VintagePoint]) throws(SeriesChunkError) {
        guard mayHold(query) else { return }
        let chunkPoints = try checkedPoints()
        let range = chunkPoints.range(from: query.from, to: query.to)
        guard !range.isEmpty else { return }
        let events = try rowEvents(chunkPoints, through: range.upperBound)
        let endsInRange = Self.endsAny(ended, in: chunkPoints.times[range.lowerBound]...chunkPoints.times[range.upperBound - 1])
        var seqs: [Int64] = []
        var selection: (chosen: [ChosenRow], ordered: Bool)
        // Usually every row is visible from its own seq and no override applies: whether a row
        // is visible is then a property of its event — for the current view, that its end
        // code is 0.
        if !endsInRange && query.atSeq == nil {
            let ends = try eventEnds(events)
            if !ends.contains(where: { $0 != 0 }) {
                selection = Self.select(query, points: chunkPoints, events: events, in: range, AllVisible())
            } else {
                selection = ends.withUnsafeBufferPointer { c in
                    events.indices.withUnsafeBufferPointer { x in
                        Self.select(query, points: chunkPoints, events: events, in: range, CurrentEvents(ends: c, indices: x))
                    }
                }
            }
        } else if !endsInRange, let s = query.atSeq, try fromSeqs() {
            let ends = try eventEnds(events)
            seqs = try eventSeqs(events)
            let visible = [Bool](unsafeUninitializedCapacity: events.count) { v, initialized in
                seqs.withUnsafeBufferPointer { q in
                    ends.withUnsafeBufferPointer { c in
                        for e in 0..<events.count {
                            let seq = q[e], code = c[e]
                            v[e] = seq <= s && (code == 0 || s < Self.visibleUntil(endCode: code, seq: seq))
                        }
                    }
                }
                initialized = events.count
            }
            selection = visible.withUnsafeBufferPointer { v in
                events.indices.withUnsafeBufferPointer { x in
                    Self.select(query, points: chunkPoints, events: events, in: range, VisibleEvents(visible: v, indices: x))
                }
            }
        } else {
            if seqs.isEmpty { seqs = try eventSeqs(events) }
            let froms = try visibleFroms(events, seqs: seqs)
            var untils = try visibleUntils(events, seqs: seqs)
            Self.applyEnds(ended, points: chunkPoints, events: events, froms: froms, to: &untils, in: range)
            selection = froms.withUnsafeBufferPointer { f in
                untils.withUnsafeBufferPointer { u in
                    Self.select(query, points: chunkPoints, events: events, in: range, VisibleRows(froms: f, untils: u, atSeq: query.atSeq))
                }
            }
        }
        guard selection.ordered else { throw .inconsistent("release times go back within a point") }
        var chosen = selection.chosen
        guard !chosen.isEmpty else { return }
        if query.latestOnly { chosen = [chosen[chosen.count - 1]] }
        let values = try doubles(Self.valueColumn)
        if seqs.isEmpty { seqs = try eventSeqs(events) }
        let statusCodes = try uint8s(Self.statusColumn)
        points.reserveCapacity(points.count + chosen.count)
        for c in chosen {
            let i = Int(c.row), e = Int(events.indices[i])
            points.append(VintagePoint(validTime: chunkPoints.times[Int(c.point)], value: values[i], releasedAt: events.times[e], seq: seqs[e],
                                       status: try status(ofCode: statusCodes[i])))
        }
    }

    /// Whether every row is visible from its own seq (its `visibleFrom` offset is 0), read
    /// from the column's stored constant when it is one.
    func fromSeqs() throws(SeriesChunkError) -> Bool {
        if let offset = try constant(Self.visibleFromColumn) { return offset == 0 }
        return try int64s(Self.visibleFromColumn).allSatisfy { $0 == 0 }
    }

    /// Per point in `range`, the row `query` selects, as (point, row): among the rows
    /// `visibility` admits (in the view of the store the query asks for) and `asOf` allows,
    /// the first with the latest (or, with `firstRelease`, the earliest) release time — as
    /// ``PointQuery/points(in:)`` chooses. `ordered` is false when release times go back
    /// within a point (a damaged chunk).
    static func select<V: RowVisibility>(
        _ query: PointQuery, points: ChunkPoints, events: RowEvents, in range: Range<Int>, _ visibility: V
    ) -> (chosen: [ChosenRow], ordered: Bool) {
        if query.firstRelease {
            return select(query, points: points, events: events, in: range, visibility, EarlierRelease())
        }
        return select(query, points: points, events: events, in: range, visibility, LaterRelease())
    }

    static func select<V: RowVisibility, B: ReleaseOrder>(
        _ query: PointQuery, points: ChunkPoints, events: RowEvents, in range: Range<Int>, _ visibility: V, _ better: B
    ) -> (chosen: [ChosenRow], ordered: Bool) {
        let asOf = query.asOf ?? .max
        var disordered = 0
        var found = 0
        let chosen = [ChosenRow](unsafeUninitializedCapacity: range.count) { out, initialized in
            points.starts.withUnsafeBufferPointer { starts in
                events.indices.withUnsafeBufferPointer { x in
                    events.times.withUnsafeBufferPointer { t in
                        for p in range {
                            var best = -1
                            var bestRelease: Int64 = 0
                            var previous = Int64.min
                            for i in starts[p]..<starts[p + 1] {
                                let r = t[Int(x[i])]
                                disordered |= r < previous ? 1 : 0
                                previous = r
                                if r <= asOf && (best < 0 || better(r, than: bestRelease)) && visibility(i) {
                                    best = i
                                    bestRelease = r
                                }
                            }
                            if best >= 0 {
                                (out.baseAddress! + found).initialize(to: ChosenRow(point: Int32(truncatingIfNeeded: p), row: Int32(truncatingIfNeeded: best)))
                                found += 1
                            }
                        }
                    }
                }
            }
            initialized = found
        }
        return (chosen, disordered == 0)
    }
}

/// The row a query chose for a point.
struct ChosenRow {
    var point: Int32
    var row: Int32
}

/// Which rows a query may see.
protocol RowVisibility {
    func callAsFunction(_ row: Int) -> Bool
}

/// Every row (no row ended, no `atSeq` view).
struct AllVisible: RowVisibility {
    @inline(__always) func callAsFunction(_ row: Int) -> Bool { true }
}

/// The rows of events still current (end code 0).
struct CurrentEvents: RowVisibility {
    let ends: UnsafeBufferPointer<Int64>
    let indices: UnsafeBufferPointer<Int32>
    @inline(__always) func callAsFunction(_ row: Int) -> Bool { ends[Int(indices[row])] == 0 }
}

/// The rows of the visible events.
struct VisibleEvents: RowVisibility {
    let visible: UnsafeBufferPointer<Bool>
    let indices: UnsafeBufferPointer<Int32>
    @inline(__always) func callAsFunction(_ row: Int) -> Bool { visible[Int(indices[row])] }
}

/// The rows visible by their own bounds: at `atSeq`, or (nil) now.
struct VisibleRows: RowVisibility {
    let froms: UnsafeBufferPointer<Int64>
    let untils: UnsafeBufferPointer<Int64>
    let atSeq: Int64?
    @inline(__always) func callAsFunction(_ row: Int) -> Bool {
        if let s = atSeq { return froms[row] <= s && s < untils[row] }
        return untils[row] == .max
    }
}

/// Which of two release times a query prefers.
protocol ReleaseOrder {
    func callAsFunction(_ a: Int64, than b: Int64) -> Bool
}

/// The latest release.
struct LaterRelease: ReleaseOrder {
    @inline(__always) func callAsFunction(_ a: Int64, than b: Int64) -> Bool { a > b }
}

/// The first release.
struct EarlierRelease: ReleaseOrder {
    @inline(__always) func callAsFunction(_ a: Int64, than b: Int64) -> Bool { a < b }
}
