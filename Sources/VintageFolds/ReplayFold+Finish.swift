import VintageCore

/// What ``ReplayFold/finishForRebuild()`` gives a projection rebuild besides the rows.
package struct ReplayOutcome: Sendable {
    /// Per series, its rows sorted by key.
    package var rows: [SeriesID: [VintageRow]] = [:]
    /// Per series, the live statements of its keys that no row shows (as
    /// ``VintageFold/allUnshownStatements()``), per key in log order.
    package var unshown: [SeriesID: [SlotStatement]] = [:]
    /// Per correction or retraction whose target was found: its seq and the target's, in log
    /// order (what ``VintageFold/ownerSeq(of:)`` answered when it was applied).
    package var targets: [(correction: Int64, target: Int64)] = []
}

extension ReplayFold {
    /// Every series' rows, sorted by ``VintageRow/key``: per series the rows
    /// ``VintageFold/rows(of:)`` holds after the same events (as a multiset, correction notes
    /// included). Series without rows (only defined) are absent.
    public consuming func finish() -> [SeriesID: [VintageRow]] {
        finish(collectingUnshown: false, derivedIDs: { _ in nil }).rows
    }

    /// ``finish()`` for a fold that applied events with derived ids not computed (see
    /// ``applyFigures(seq:explicitID:record:figures:)``): a correction or retraction whose
    /// target has the form of a derived id, logged after such an event, asks `derivedIDs` for
    /// the seq of the event whose id that is (nil: none), and names it when it is such an
    /// original event before the correction (and later than any original event given that
    /// id). The log keeps ids unique, so "the" event is the latest one.
    public consuming func finish(derivedIDs: (EventID) throws -> Int64?) rethrows -> [SeriesID: [VintageRow]] {
        try finish(collectingUnshown: false, derivedIDs: derivedIDs).rows
    }

    /// ``finish()``, with the unshown statements of every key and the correction targets, as a
    /// rebuild of the projection needs them.
    consuming func finishForRebuild() -> ReplayOutcome {
        finish(collectingUnshown: true, derivedIDs: { _ in nil })
    }

    /// ``finishForRebuild()`` resolving derived ids as ``finish(derivedIDs:)`` does.
    package consuming func finishForRebuild(derivedIDs: (EventID) throws -> Int64?) rethrows -> ReplayOutcome {
        try finish(collectingUnshown: true, derivedIDs: derivedIDs)
    }

    private consuming func finish(collectingUnshown: Bool, derivedIDs: (EventID) throws -> Int64?) rethrows -> ReplayOutcome {
        var outcome = ReplayOutcome()
        // The corrections and retractions whose target is an earlier original event (others
        // are ignored, as VintageFold ignores them).
        var targets = ownerIDs.resolve(overrides.map { ($0.targetID, $0.position) })
        if !overrides.isEmpty, let firstDerived = ownerIDs.firstDerivedSeq {
            for (k, o) in overrides.enumerated() where o.position > firstDerived && hasDerivedForm(o.targetID) {
                guard let seq = try derivedIDs(o.targetID) else { continue }
                if (seq < o.position) && (seq > (targets[k] ?? 0)) && ownerIDs.isDerived(seq) { targets[k] = seq }
            }
        }
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
        // Series settle independently, on every core, each collecting what the keys needing the
        // exact fold give it; that is kept afterwards in series order.
        let test = exact
        let stated = SeriesArrays(&figures)
        defer { stated.deallocate() }
        let settled = ParallelWork.map(seriesIDs.indices) { seriesIndex in
            Self.settle(
                stated.take(seriesIndex), series: seriesIndex, statuses: statuses, exact: test,
                collectingUnshown: collectingUnshown)
        }
        outcome.rows.reserveCapacity(seriesIDs.count)
        for (seriesIndex, series) in settled.enumerated() {
            if series.hasFigures { outcome.rows[seriesIDs[seriesIndex]] = series.rows }
            if !series.unshown.isEmpty { outcome.unshown[seriesIDs[seriesIndex]] = series.unshown }
            guard !series.exact.changes.isEmpty else { continue }
            exact!.keep(series.exact, series: seriesIndex)
        }
        guard let exact else { return outcome }
        let folded = exact.rows(statuses: statuses, collectingUnshown: collectingUnshown)
        // Each series' exact rows merged into its other rows, on every core: the rows are
        // moved out of the outcome, so that each array is extended and merged in place.
        let exactSeries = folded.rows.keys.filter { !folded.rows[$0]!.isEmpty }
        var settledRows = exactSeries.map { outcome.rows.removeValue(forKey: seriesIDs[$0]) ?? [] }
        let handout = SeriesArrays(&settledRows)
        defer { handout.deallocate() }
        let merged = ParallelWork.map(exactSeries.indices) { k in
            var rows = handout.take(k)
            rows.append(contentsOf: folded.rows[exactSeries[k]]!)
            // Two runs sorted by key (an exact fold's rows are in key order): one merge.
            rows.sort { $0.key < $1.key }
            return rows
        }
        for (k, index) in exactSeries.enumerated() { outcome.rows[seriesIDs[index]] = merged[k] }
        for (index, statements) in folded.unshown where !statements.isEmpty {
            outcome.unshown[seriesIDs[index], default: []].append(contentsOf: statements)
        }
        return outcome
    }

    /// One series settled: the rows of its keys no correction touched (sorted by key), their
    /// unshown restatements, and what the keys the exact fold must settle give it.
    struct SettledSeries: Sendable {
        var hasFigures = false
        var rows: [VintageRow] = []
        var unshown: [SlotStatement] = []
        var exact = ReplayExactFold.Collected()
    }

    /// Settles the figures stated for one series (see ``SettledSeries``).
    static func settle(
        _ stated: consuming [ReplayFigure], series seriesIndex: Int, statuses: [String?], exact: ReplayExactFold?,
        collectingUnshown: Bool
    ) -> SettledSeries {
        var settled = SettledSeries()
        guard !stated.isEmpty else { return settled }
        settled.hasFigures = true
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
                    exact!.collect(series: seriesIndex, statements, into: &settled.exact)
                } else {
                    // Stated once, or restated by events no correction touched: one row,
                    // the first statement's, from its seq on; the restatements stay live.
                    rows.append(
                        VintageRow(
                            validTime: first.validTime, releasedAt: first.releasedAt, value: first.value,
                            seq: first.seq, visibleFrom: first.seq, visibleUntil: .max,
                            status: statuses[Int(first.status)], correction: nil))
                    if collectingUnshown && end - i > 1 {
                        for f in statements.dropFirst() {
                            unshown.append(
                                SlotStatement(
                                    validTime: f.validTime, releasedAt: f.releasedAt, owner: f.seq, seq: f.seq,
                                    value: f.value, status: statuses[Int(f.status)], note: nil))
                        }
                    }
                }
                i = end
            }
        }
        settled.rows = rows
        settled.unshown = unshown
        return settled
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

/// Every series' array (of figures, or rows), handed out to the threads working on them: each
/// series' array is taken once, by the one thread working on that series, and freed there.
struct SeriesArrays<Element>: @unchecked Sendable {
    private let arrays: UnsafeMutablePointer<[Element]>

    /// Moves the arrays out of `figures` (left empty).
    init(_ figures: inout [[Element]]) {
        arrays = .allocate(capacity: Swift.max(figures.count, 1))
        arrays.initialize(repeating: [], count: Swift.max(figures.count, 1))
        for i in figures.indices { swap(&arrays[i], &figures[i]) }
        count = figures.count
        figures = []
    }

    private let count: Int

    /// The array of series `index`, taken out (the caller is the only one asking for it).
    func take(_ index: Int) -> [Element] {
        var taken: [Element] = []
        swap(&taken, &arrays[index])
        return taken
    }

    /// Frees the storage (the arrays must all have been taken or be dropped with it).
    func deallocate() {
        arrays.deinitialize(count: Swift.max(count, 1))
        arrays.deallocate()
    }
}

/// Whether `id` has the form of a derived id (`ev-` and 32 lowercase hexadecimal digits).
private func hasDerivedForm(_ id: EventID) -> Bool {
    var text = id.rawValue
    return text.withUTF8 { u in
        guard u.count == 35, u[0] == UInt8(ascii: "e"), u[1] == UInt8(ascii: "v"), u[2] == UInt8(ascii: "-") else { return false }
        return u[3...].allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }
}
