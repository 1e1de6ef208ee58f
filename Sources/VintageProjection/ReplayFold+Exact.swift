import VintageCore

/// The part of ``ReplayFold/finish()`` that folds exactly, as ``VintageFold`` does, the
/// vintage keys a correction or retraction touched: those stated by an event a correction or
/// retraction names, or by a replacement. Such a key's rows depend on every statement of it
/// and on the corrections, in log order; keys do not depend on one another (only the
/// correction note looks at the corrected event's other figures), so folding these keys
/// alone gives exactly their rows in ``VintageFold``.
struct ReplayExactFold {
    /// One statement of a key needing the exact fold, by an original event.
    struct Stated {
        var seq: Int64
        var series: Int
        var ordinal: UInt32
        var status: UInt32
        var slot: VintageSlot
        var value: Double
    }

    let overrides: [ReplayOverride]
    /// The seqs of the events corrections and retractions name.
    let targets: SeqSet
    /// Per series, the keys replacements state.
    var replaced: [Int: Set<VintageSlot>] = [:]
    /// Every statement of the keys needing the exact fold.
    var statements: [Stated] = []
    /// Per named event, its figures as logged: per series in key order, which is log order
    /// among the figures of one series and valid time (all the note looks at).
    var originals: [Int64: [Owner.OriginalFigure]] = [:]

    init(overrides: [ReplayOverride]) {
        self.overrides = overrides
        self.targets = SeqSet(overrides.map(\.target))
        for o in overrides {
            for f in o.replacement ?? [] {
                replaced[f.series, default: []].insert(VintageSlot(validTime: f.validTime, releasedAt: f.releasedAt))
            }
        }
    }

    /// Whether the key stated by `figures` (all the statements of one key of `series`) needs
    /// the exact fold.
    func needsExactFold(series: Int, _ figures: UnsafeBufferPointer<ReplayFigure>) -> Bool {
        for f in figures where targets.contains(f.seq) { return true }
        guard let keys = replaced[series] else { return false }
        return keys.contains(VintageSlot(validTime: figures[0].validTime, releasedAt: figures[0].releasedAt))
    }

    /// Keeps the statements of one key for the exact fold.
    mutating func collect(series: Int, seriesID: SeriesID, _ figures: UnsafeBufferPointer<ReplayFigure>) {
        for f in figures {
            let slot = VintageSlot(validTime: f.validTime, releasedAt: f.releasedAt)
            statements.append(Stated(seq: f.seq, series: series, ordinal: f.ordinal, status: f.status, slot: slot, value: f.value))
            if targets.contains(f.seq) {
                originals[f.seq, default: []].append(Owner.OriginalFigure(series: seriesID, validTime: f.validTime, value: f.value))
            }
        }
    }

    /// Folds the collected statements and the corrections in log order, exactly as
    /// ``VintageFold`` does; returns the rows per series index.
    consuming func rows(seriesIDs: [SeriesID], statuses: [String?]) -> [Int: [VintageRow]] {
        statements.sort { a, b in
            if a.seq != b.seq { return a.seq < b.seq }
            if a.series != b.series { return a.series < b.series }
            return a.ordinal < b.ordinal
        }
        var states: [Int: SeriesState] = [:]
        /// Per named event, the keys its current content states.
        var current: [Int64: [(series: Int, slot: VintageSlot)]] = [:]
        var touched: [(series: Int, slot: VintageSlot)] = []

        func reconcile(at position: Int64) {
            for key in touched { states[key.series]!.reconcile(key.slot, at: position) }
            touched.removeAll(keepingCapacity: true)
        }

        var i = 0
        var j = 0
        while i < statements.count || j < overrides.count {
            if j == overrides.count || (i < statements.count && statements[i].seq < overrides[j].position) {
                // The statements of the original event at this seq.
                let position = statements[i].seq
                let named = targets.contains(position)
                while i < statements.count && statements[i].seq == position {
                    let s = statements[i]
                    let statement = Statement(owner: position, seq: position, value: s.value, status: statuses[Int(s.status)], note: nil)
                    states[s.series, default: SeriesState()].slots[s.slot, default: SlotState()].statements.append(statement)
                    touched.append((s.series, s.slot))
                    if named { current[position, default: []].append((s.series, s.slot)) }
                    i += 1
                }
                reconcile(at: position)
            } else {
                // A correction or retraction: withdraw what the target's content states, then
                // state the replacement's figures.
                let o = overrides[j]
                j += 1
                for key in current[o.target] ?? [] {
                    states[key.series]?.slots[key.slot]?.statements.removeAll { $0.owner == o.target }
                    touched.append(key)
                }
                var stated: [(series: Int, slot: VintageSlot)] = []
                if let replacement = o.replacement {
                    let note = Owner.Note(correction: o.correction, original: originals[o.target] ?? [])
                    for f in replacement {
                        let slot = VintageSlot(validTime: f.validTime, releasedAt: f.releasedAt)
                        let statement = Statement(owner: o.target, seq: o.position, value: f.value, status: statuses[Int(f.status)],
                                                  note: note.note(series: seriesIDs[f.series], validTime: f.validTime))
                        states[f.series, default: SeriesState()].slots[slot, default: SlotState()].statements.append(statement)
                        stated.append((f.series, slot))
                        touched.append((f.series, slot))
                    }
                }
                current[o.target] = stated
                reconcile(at: o.position)
            }
        }
        return states.mapValues(\.rows)
    }
}

/// A set of seqs: a bitmap over their range when it is not too wide, else a hash set.
struct SeqSet {
    private let low: Int64
    private let bits: [UInt64]
    private let set: Set<Int64>?

    init(_ seqs: [Int64]) {
        guard let low = seqs.min(), let high = seqs.max(), high - low < 1 << 27 else {
            self.low = 0
            self.bits = []
            self.set = Set(seqs)
            return
        }
        var bits = [UInt64](repeating: 0, count: Int((high - low) >> 6) + 1)
        for seq in seqs { bits[Int((seq - low) >> 6)] |= 1 << UInt64((seq - low) & 63) }
        self.low = low
        self.bits = bits
        self.set = nil
    }

    @inline(__always)
    func contains(_ seq: Int64) -> Bool {
        if let set { return set.contains(seq) }
        let offset = seq &- low
        guard offset >= 0, offset >> 6 < bits.count else { return false }
        return bits[Int(offset >> 6)] & (1 << UInt64(offset & 63)) != 0
    }
}
