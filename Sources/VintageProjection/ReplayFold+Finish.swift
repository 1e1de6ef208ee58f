import VintageCore

/// What ``ReplayFold/finishForRebuild()`` gives a projection rebuild besides the rows.
struct ReplayOutcome: Sendable {
    /// Per series, its rows sorted by key.
    var rows: [SeriesID: [VintageRow]] = [:]
    /// Per series, the live statements of its keys that no row shows (as
    /// ``VintageFold/allUnshownStatements()``), per key in log order.
    var unshown: [SeriesID: [SlotStatement]] = [:]
    /// Per correction or retraction whose target was found: its seq and the target's, in log
    /// order (what ``VintageFold/ownerSeq(of:)`` answered when it was applied).
    var targets: [(correction: Int64, target: Int64)] = []
}

extension ReplayFold {
    /// Every series' rows, sorted by ``VintageRow/key``: per series the rows
    /// ``VintageFold/rows(of:)`` holds after the same events (as a multiset, correction notes
    /// included). Series without rows (only defined) are absent.
    public consuming func finish() -> [SeriesID: [VintageRow]] {
        finish(collectingUnshown: false).rows
    }

    /// ``finish()``, with the unshown statements of every key and the correction targets, as a
    /// rebuild of the projection needs them.
    consuming func finishForRebuild() -> ReplayOutcome {
        finish(collectingUnshown: true)
    }

    private consuming func finish(collectingUnshown: Bool) -> ReplayOutcome {
        var outcome = ReplayOutcome()
        // The corrections and retractions whose target is an earlier original event (others
        // are ignored, as VintageFold ignores them).
        let targets = ownerIDs.resolve(overrides.map { ($0.targetID, $0.position) })
        var resolved: [ReplayOverride] = []
        for (o, target) in zip(overrides, targets) {
            guard let target else { continue }
            var override = o
            override.target = target
            resolved.append(override)
            outcome.targets.append((o.position, target))
        }
        ownerIDs = ReplayIDLog()
        let seriesIDs = series.ids
        let statuses = statusTable.statuses
        var exact = resolved.isEmpty ? nil : ReplayExactFold(overrides: resolved, seriesCount: seriesIDs.count)
        outcome.rows.reserveCapacity(seriesIDs.count)
        for seriesIndex in seriesIDs.indices {
            var stated: [ReplayFigure] = []
            swap(&stated, &figures[seriesIndex])
            guard !stated.isEmpty else { continue }
            Self.sortByKey(&stated)
            var rows: [VintageRow] = []
            rows.reserveCapacity(stated.count)
            var unshown: [SlotStatement] = []
            var cursor = 0
            stated.withUnsafeBufferPointer { figures in
                let n = figures.count
                var i = 0
                while i < n {
                    let first = figures[i]
                    var end = i + 1
                    while end < n && figures[end].validTime == first.validTime && figures[end].releasedAt == first.releasedAt { end += 1 }
                    let statements = UnsafeBufferPointer(rebasing: figures[i..<end])
                    if exact?.needsExactFold(series: seriesIndex, statements, cursor: &cursor) == true {
                        exact!.collect(series: seriesIndex, statements)
                    } else {
                        // Stated once, or restated by events no correction touched: one row,
                        // the first statement's, from its seq on; the restatements stay live.
                        rows.append(VintageRow(validTime: first.validTime, releasedAt: first.releasedAt, value: first.value,
                                               seq: first.seq, visibleFrom: first.seq, visibleUntil: .max,
                                               status: statuses[Int(first.status)], correction: nil))
                        if collectingUnshown && end - i > 1 {
                            for f in statements.dropFirst() {
                                unshown.append(SlotStatement(validTime: f.validTime, releasedAt: f.releasedAt, owner: f.seq, seq: f.seq,
                                                             value: f.value, status: statuses[Int(f.status)], note: nil))
                            }
                        }
                    }
                    i = end
                }
            }
            outcome.rows[seriesIDs[seriesIndex]] = rows
            if !unshown.isEmpty { outcome.unshown[seriesIDs[seriesIndex]] = unshown }
        }
        guard let exact else { return outcome }
        let folded = exact.rows(statuses: statuses, collectingUnshown: collectingUnshown)
        for (index, exactRows) in folded.rows where !exactRows.isEmpty {
            let id = seriesIDs[index]
            var rows = outcome.rows[id] ?? []
            rows.append(contentsOf: exactRows)
            rows.sort { $0.key < $1.key }
            outcome.rows[id] = rows
        }
        for (index, statements) in folded.unshown where !statements.isEmpty {
            outcome.unshown[seriesIDs[index], default: []].append(contentsOf: statements)
        }
        return outcome
    }

    /// Sorts figures by vintage key, keeping log order among equal keys; figures already in
    /// order (the usual case: backfills in period order) are left as they are.
    static func sortByKey(_ figures: inout [ReplayFigure]) {
        let sorted = figures.withUnsafeBufferPointer { f -> Bool in
            var i = 1
            while i < f.count {
                let a = f[i - 1], b = f[i]
                if a.validTime > b.validTime || (a.validTime == b.validTime && a.releasedAt > b.releasedAt) { return false }
                i += 1
            }
            return true
        }
        if !sorted { figures.sort(by: ReplayFigure.precedes) }
    }
}
