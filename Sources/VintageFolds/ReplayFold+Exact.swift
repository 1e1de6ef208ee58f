import VintageCore

/// The part of ``ReplayFold/finish()`` that folds exactly the vintage keys a correction or
/// retraction touched: those stated by an event a correction or retraction names, or by a
/// replacement. Such a key's rows depend on all its statements and on the corrections, in log
/// order; keys do not depend on one another (only the correction note looks at the corrected
/// event's other figures), so each key is folded on its own, from its changes in log order,
/// with the rules of ``VintageFold``:
///
/// - an original event states the key at its seq (a statement owned by that event, showing
///   its seq); a correction of owner `o` logged at `c` first withdraws every statement `o`'s
///   current content makes (of any key), then states the replacement's figures as `o`'s,
///   showing seq `c` and a correction note; a retraction only withdraws;
/// - after each position that changed a key's statements, the key's row follows the rule of
///   ``SlotState/reconcile(_:rows:at:)``, the one ``VintageFold`` applies.
struct ReplayExactFold {
    /// One change to a key's statements.
    struct Change {
        var series: Int
        var validTime: Int64
        var releasedAt: Int64
        /// The log position of the change.
        var position: Int64
        /// 0: withdraw the owner's statements; n > 0: the n-th statement made at the position.
        var order: UInt64
        var owner: Int64
        var value: Double
        var status: UInt32
        /// Index into ``notes``; -1 for none.
        var note: Int

        static func precedes(_ a: Change, _ b: Change) -> Bool {
            if a.series != b.series { return a.series < b.series }
            if a.validTime != b.validTime { return a.validTime < b.validTime }
            if a.releasedAt != b.releasedAt { return a.releasedAt < b.releasedAt }
            if a.position != b.position { return a.position < b.position }
            return a.order < b.order
        }
    }

    /// One figure of a named event as logged.
    struct Original {
        var series: Int
        var slot: VintageSlot
        var value: Double
    }

    let overrides: [ReplayOverride]
    /// The seqs of the events corrections and retractions name.
    let targets: SeqSet
    /// Per series, the keys replacements state, sorted by (valid time, release time), unique.
    let replaced: [[VintageSlot]]
    /// Per series index, the changes of its keys needing the exact fold.
    var changes: [[Change]]
    /// Per named event, its figures as logged: per series in key order (log order among the
    /// figures of one series and valid time, which is all the note looks at).
    var originals: [Int64: [Original]] = [:]

    /// `overrides` with resolved targets, in log order; `seriesCount` series.
    init(overrides: [ReplayOverride], seriesCount: Int) {
        self.overrides = overrides
        self.targets = SeqSet(overrides.map(\.target))
        var replaced = [[VintageSlot]](repeating: [], count: seriesCount)
        for o in overrides {
            for f in o.replacement ?? [] { replaced[f.series].append(VintageSlot(validTime: f.validTime, releasedAt: f.releasedAt)) }
        }
        for s in replaced.indices where !replaced[s].isEmpty {
            replaced[s].sort { ($0.validTime, $0.releasedAt) < ($1.validTime, $1.releasedAt) }
            var unique: [VintageSlot] = []
            for slot in replaced[s] where unique.last != slot { unique.append(slot) }
            replaced[s] = unique
        }
        self.replaced = replaced
        self.changes = [[Change]](repeating: [], count: seriesCount)
    }

    /// Whether a key of `series` needs the exact fold: `figures` are all its statements;
    /// `cursor` walks the series' replaced keys and must start at 0 for each series, the keys
    /// being asked in order.
    @inline(__always)
    func needsExactFold(series: Int, _ figures: UnsafeBufferPointer<ReplayFigure>, cursor: inout Int) -> Bool {
        let keys = replaced[series]
        let first = figures[0]
        while cursor < keys.count,
            (keys[cursor].validTime, keys[cursor].releasedAt) < (first.validTime, first.releasedAt)
        { cursor += 1 }
        if cursor < keys.count && keys[cursor].validTime == first.validTime && keys[cursor].releasedAt == first.releasedAt { return true }
        for f in figures where targets.contains(f.seq) { return true }
        return false
    }

    /// What one series gives the exact fold: the changes its keys' statements make, and the
    /// figures among them of the events corrections and retractions name. Made on the thread
    /// settling the series (``collect(series:_:into:)``), kept by ``keep(_:series:)``.
    struct Collected: Sendable {
        var changes: [Change] = []
        var originals: [(seq: Int64, original: Original)] = []
    }

    /// Adds the statements of one key of `series` to `collected`.
    func collect(series: Int, _ figures: UnsafeBufferPointer<ReplayFigure>, into collected: inout Collected) {
        for f in figures {
            collected.changes.append(
                Change(
                    series: series, validTime: f.validTime, releasedAt: f.releasedAt, position: f.seq,
                    order: UInt64(f.ordinal) + 1, owner: f.seq, value: f.value, status: f.status, note: -1))
            if targets.contains(f.seq) {
                collected.originals.append(
                    (f.seq, Original(series: series, slot: VintageSlot(validTime: f.validTime, releasedAt: f.releasedAt), value: f.value)))
            }
        }
    }

    /// Keeps what `series` collected; series are kept in order (the named events' figures
    /// stay in series order, then key order).
    mutating func keep(_ collected: consuming Collected, series: Int) {
        changes[series] = collected.changes
        for (seq, original) in collected.originals { originals[seq, default: []].append(original) }
    }

    /// Folds the collected keys with the corrections; returns per series index the rows and,
    /// when asked, the live statements no row shows.
    consuming func rows(statuses: [String?], collectingUnshown: Bool) -> (rows: [Int: [VintageRow]], unshown: [Int: [SlotStatement]]) {
        // The corrections' changes: withdraw what the target's current content states, then
        // state the replacement's figures.
        var notes: [CorrectionNote] = []
        var current: [Int64: [(series: Int, slot: VintageSlot)]] = [:]
        var corrected: [Int64: CorrectedFigures<Int>] = [:]
        for o in overrides {
            let stated = current[o.target] ?? (originals[o.target] ?? []).map { ($0.series, $0.slot) }
            for key in stated {
                changes[key.series].append(
                    Change(
                        series: key.series, validTime: key.slot.validTime, releasedAt: key.slot.releasedAt, position: o.position,
                        order: 0, owner: o.target, value: 0, status: 0, note: -1))
            }
            guard let replacement = o.replacement else {
                current[o.target] = []
                continue
            }
            let figures: CorrectedFigures<Int>
            if let known = corrected[o.target] {
                figures = known
            } else {
                let stated = originals[o.target] ?? []
                var made = CorrectedFigures<Int>(capacity: stated.count)
                for f in stated { made.add(series: f.series, validTime: f.slot.validTime, value: f.value) }
                corrected[o.target] = made
                figures = made
            }
            var keys: [(series: Int, slot: VintageSlot)] = []
            keys.reserveCapacity(replacement.count)
            for (n, f) in replacement.enumerated() {
                notes.append(figures.note(correction: o.correction, series: f.series, validTime: f.validTime))
                let slot = VintageSlot(validTime: f.validTime, releasedAt: f.releasedAt)
                changes[f.series].append(
                    Change(
                        series: f.series, validTime: f.validTime, releasedAt: f.releasedAt, position: o.position,
                        order: UInt64(n) + 1, owner: o.target, value: f.value, status: f.status, note: notes.count - 1))
                keys.append((f.series, slot))
            }
            current[o.target] = keys
        }

        // Series fold independently, on every core.
        let all = changes
        let allNotes = notes
        let folded = ParallelWork.map(all.indices) { series in
            Self.fold(all[series], statuses: statuses, notes: allNotes, collectingUnshown: collectingUnshown)
        }
        var result: [Int: [VintageRow]] = [:]
        var unshown: [Int: [SlotStatement]] = [:]
        for (series, (rows, statements)) in folded.enumerated() {
            if !rows.isEmpty { result[series] = rows }
            if !statements.isEmpty { unshown[series] = statements }
        }
        return (result, unshown)
    }

    /// The rows of one series' keys from their changes (in any order), and, when asked, the
    /// live statements no row shows.
    static func fold(
        _ changes: consuming [Change], statuses: [String?], notes: [CorrectionNote], collectingUnshown: Bool
    ) -> (rows: [VintageRow], unshown: [SlotStatement]) {
        guard !changes.isEmpty else { return ([], []) }
        changes.sort(by: Change.precedes)
        var rows: [VintageRow] = []
        var unshown: [SlotStatement] = []
        var state = SlotState()
        var i = 0
        while i < changes.count {
            // One key: its changes in log order, each position's reconciled by the rule of
            // every fold (``SlotState/reconcile(_:rows:at:)``).
            let slot = VintageSlot(validTime: changes[i].validTime, releasedAt: changes[i].releasedAt)
            state.statements.removeAll(keepingCapacity: true)
            state.row = nil
            while i < changes.count && changes[i].validTime == slot.validTime && changes[i].releasedAt == slot.releasedAt {
                let position = changes[i].position
                while i < changes.count && changes[i].validTime == slot.validTime && changes[i].releasedAt == slot.releasedAt
                    && changes[i].position == position
                {
                    let change = changes[i]
                    if change.order == 0 {
                        state.statements.removeAll { $0.owner == change.owner }
                    } else {
                        state.statements.append(
                            Statement(
                                owner: change.owner, seq: change.position, value: change.value,
                                status: statuses[Int(change.status)],
                                note: change.note >= 0 ? notes[change.note] : nil))
                    }
                    i += 1
                }
                _ = state.reconcile(slot, rows: &rows, at: position)
            }
            if collectingUnshown && state.statements.count > 1 {
                unshown.append(contentsOf: state.unshownStatements(slot))
            }
        }
        return (rows, unshown)
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
