import VintageCore

extension ReplayFold {
    /// The seq of the first event applied (0 before any).
    public var firstSeq: Int64 { firstAppliedSeq }

    /// Appends `later`, a fold of events logged after all of this fold's (its ``firstSeq`` is
    /// above this fold's ``lastSeq``): the result is the fold of both, as if `later`'s events
    /// had been applied here. So a log can be folded in seq ranges, each on its own thread
    /// (applying only accumulates: corrections are resolved and keys settled by
    /// ``finish()``), and the ranges' folds appended in order.
    public mutating func append(_ later: consuming ReplayFold) {
        guard later.lastSeq > 0 else { return }
        precondition(
            later.firstAppliedSeq > lastSeq,
            "a later fold starts after this one (its first seq \(later.firstAppliedSeq) is not after \(lastSeq))")
        if lastSeq == 0 { firstAppliedSeq = later.firstAppliedSeq }
        lastSeq = later.lastSeq
        let laterStatuses = later.statusTable.statuses
        let statusCodes = laterStatuses.map { statusTable.code(of: $0) }
        let laterSeries = later.series.ids
        var seriesIndices: [Int] = []
        seriesIndices.reserveCapacity(laterSeries.count)
        for id in laterSeries { seriesIndices.append(seriesIndex(id)) }
        // Each series' later figures recoded and appended to its own, on every core (series
        // are independent): both arrays are moved out, the merged one moved back.
        var indices: [Int] = [], own: [[ReplayFigure]] = [], stated: [[ReplayFigure]] = []
        for (j, index) in seriesIndices.enumerated() where !later.figures[j].isEmpty {
            indices.append(index)
            own.append([])
            swap(&own[own.count - 1], &figures[index])
            stated.append([])
            swap(&stated[stated.count - 1], &later.figures[j])
        }
        let ownHandout = SeriesArrays(&own), statedHandout = SeriesArrays(&stated)
        defer {
            ownHandout.deallocate()
            statedHandout.deallocate()
        }
        let merged = ParallelWork.map(indices.indices) { k -> [ReplayFigure] in
            var figures = ownHandout.take(k)
            var stated = statedHandout.take(k)
            let base = figures.count
            stated.withUnsafeMutableBufferPointer { f in
                for k in f.indices {
                    f[k].status = statusCodes[Int(f[k].status)]
                    f[k].ordinal = UInt32(truncatingIfNeeded: base + k)
                }
            }
            if base == 0 { return stated }
            figures.append(contentsOf: stated)
            return figures
        }
        for (k, index) in indices.enumerated() { figures[index] = merged[k] }
        ownerIDs.append(contentsOf: later.ownerIDs)
        for var o in later.overrides {
            if var replacement = o.replacement {
                for k in replacement.indices {
                    replacement[k].series = seriesIndices[replacement[k].series]
                    replacement[k].status = statusCodes[Int(replacement[k].status)]
                }
                o.replacement = replacement
            }
            overrides.append(o)
        }
    }
}

extension ReplayIDLog {
    /// Appends the ids of `later`, all logged after these.
    mutating func append(contentsOf later: ReplayIDLog) {
        let offset = arena.count
        arena.append(contentsOf: later.arena)
        ends.append(contentsOf: later.ends.lazy.map { $0 + offset })
        seqs.append(contentsOf: later.seqs)
    }
}
