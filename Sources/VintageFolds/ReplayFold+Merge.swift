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
        for (j, index) in seriesIndices.enumerated() {
            var stated: [ReplayFigure] = []
            swap(&stated, &later.figures[j])
            guard !stated.isEmpty else { continue }
            let base = figures[index].count
            stated.withUnsafeMutableBufferPointer { f in
                for k in f.indices {
                    f[k].status = statusCodes[Int(f[k].status)]
                    f[k].ordinal = UInt32(truncatingIfNeeded: base + k)
                }
            }
            if base == 0 {
                figures[index] = stated
            } else {
                figures[index].append(contentsOf: stated)
            }
        }
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
