import VintageColumnar

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
    /// Decodes valid time, release time and `visibleUntil`; `visibleFrom` (and seq, which
    /// it is stored against) only for an `atSeq` query or when `ended` ends a row in range; value, seq and status only when
    /// a point is selected.
    func appendPoints(_ query: PointQuery, ended: EndedRows, to points: inout [VintagePoint]) throws(SeriesChunkError) {
        guard mayHold(query) else { return }
        let validTimes = try checkedValidTimes()
        let range = Self.rowRange(of: validTimes, from: query.from, to: query.to)
        guard !range.isEmpty else { return }
        let releases = try int64s(Self.releasedAtColumn)
        var untils = try int64s(Self.visibleUntilColumn)
        let needsFrom = query.atSeq != nil || Self.endsAny(ended, in: validTimes[range.lowerBound]...validTimes[range.upperBound - 1])
        var seqs: [Int64] = needsFrom ? try int64s(Self.seqColumn) : []
        let froms = needsFrom ? try visibleFroms(seqs: seqs) : []
        Self.applyEnds(ended, validTimes: validTimes, releases: releases, froms: froms, to: &untils, in: range)

        var chosen = Self.select(query, validTimes: validTimes, releases: releases, froms: froms, untils: untils, in: range)
        guard !chosen.isEmpty else { return }
        if query.latestOnly { chosen = [chosen[chosen.count - 1]] }
        let values = try doubles(Self.valueColumn)
        if seqs.isEmpty { seqs = try int64s(Self.seqColumn) }
        let codes = try uint8s(Self.statusColumn)
        points.reserveCapacity(points.count + chosen.count)
        for i in chosen {
            points.append(VintagePoint(validTime: validTimes[i], value: values[i], releasedAt: releases[i], seq: seqs[i],
                                       status: try status(ofCode: codes[i])))
        }
    }

    /// Per valid time in `range` (rows of one valid time are contiguous), the row `query`
    /// selects: among the rows it admits, the first with the latest (or, with
    /// `firstRelease`, the earliest) release time — as ``PointQuery/points(in:)`` chooses.
    /// `froms` may be empty when the query has no `atSeq`.
    static func select(
        _ query: PointQuery, validTimes: [Int64], releases: [Int64], froms: [Int64], untils: [Int64], in range: Range<Int>
    ) -> [Int] {
        var chosen: [Int] = []
        chosen.reserveCapacity(range.count)
        let asOf = query.asOf ?? .max
        let firstRelease = query.firstRelease
        validTimes.withUnsafeBufferPointer { vt in
            releases.withUnsafeBufferPointer { ra in
                untils.withUnsafeBufferPointer { vu in
                    froms.withUnsafeBufferPointer { vf in
                        var i = range.lowerBound
                        let end = range.upperBound
                        while i < end {
                            let t = vt[i]
                            var best = -1
                            var bestRelease: Int64 = 0
                            repeat {
                                let visible: Bool
                                if let s = query.atSeq { visible = vf[i] <= s && s < vu[i] } else { visible = vu[i] == .max }
                                let r = ra[i]
                                if visible && r <= asOf && (best < 0 || (firstRelease ? r < bestRelease : r > bestRelease)) {
                                    best = i
                                    bestRelease = r
                                }
                                i += 1
                            } while i < end && vt[i] == t
                            if best >= 0 { chosen.append(best) }
                        }
                    }
                }
            }
        }
        return chosen
    }
}
