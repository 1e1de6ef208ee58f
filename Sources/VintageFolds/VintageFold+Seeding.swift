import VintageCore

/// A statement of a vintage kept beside the row that shows it: a live assertion that is not
/// the one shown (a restatement with the same value), persisted so that withdrawing the
/// shown one later can fall back to it.
package struct SlotStatement: Hashable, Sendable {
    var validTime: Int64
    var releasedAt: Int64
    var owner: Int64
    var seq: Int64
    var value: Double
    var status: String?
    var note: CorrectionNote?

    package var slot: VintageSlot { VintageSlot(validTime: validTime, releasedAt: releasedAt) }
    package var statement: Statement { Statement(owner: owner, seq: seq, value: value, status: status, note: note) }

    init(slot: VintageSlot, _ s: Statement) {
        self.init(
            validTime: slot.validTime, releasedAt: slot.releasedAt, owner: s.owner, seq: s.seq,
            value: s.value, status: s.status, note: s.note)
    }

    init(validTime: Int64, releasedAt: Int64, owner: Int64, seq: Int64, value: Double, status: String?, note: CorrectionNote?) {
        self.validTime = validTime
        self.releasedAt = releasedAt
        self.owner = owner
        self.seq = seq
        self.value = value
        self.status = status
        self.note = note
    }
}

/// Resuming the fold from persisted state: instead of folding the whole log, an incremental
/// apply seeds the fold with just the state the next events can touch — the current row and
/// live statements of each vintage key they state, and the current content of each earlier
/// event they correct or retract — and then applies them as usual, journaling the row changes.
extension VintageFold {
    /// A fold that continues after log position `seq`, journaling row changes.
    package init(resumingAfter seq: Int64) {
        self.init(journalingChanges: true)
        lastSeq = seq
    }

    /// Seeds the original event `id` logged at `seq`, whose current content states
    /// `figures`; `original` holds its figures as logged when it was corrected or retracted.
    package mutating func seedOwner(id: EventID, seq: Int64, figures: [Owner.StatedKey], original: [Owner.OriginalFigure]?) {
        var owner = Owner()
        owner.id = id
        owner.figures = figures
        owner.original = original
        owners[seq] = owner
        ownerSeqs[id] = seq
    }

    /// Seeds one vintage key with its current row (nil when none is live) and every live
    /// statement of it, the shown one included.
    package mutating func seedSlot(series: SeriesID, slot: VintageSlot, row: VintageRow?, statements: [Statement]) {
        var state = SeriesState()
        if let existing = seriesStates[series] { state = existing }
        var slotState = SlotState(statements: statements, row: nil)
        if let row {
            state.rows.append(row)
            slotState.row = state.rows.count - 1
        }
        state.slots[slot] = slotState
        seriesStates[series] = state
    }

    /// Whether the fold already holds state for this key.
    func hasSeeded(series: SeriesID, slot: VintageSlot) -> Bool { seriesStates[series]?.slots[slot] != nil }

    /// The live statements of a key other than the one its row shows.
    package func unshownStatements(series: SeriesID, slot: VintageSlot) -> [SlotStatement] {
        seriesStates[series]?.slots[slot]?.unshownStatements(slot) ?? []
    }

    /// The seq of the original event with this id, when the fold knows it.
    package func ownerSeq(of id: EventID) -> Int64? { ownerSeqs[id] }

    /// Every live statement of each key, for a full rebuild: per series, the statements not
    /// shown by a row.
    func allUnshownStatements() -> [SeriesID: [SlotStatement]] {
        var result: [SeriesID: [SlotStatement]] = [:]
        for (series, state) in seriesStates {
            for (slot, slotState) in state.slots where slotState.statements.count > 1 {
                result[series, default: []] += unshownStatements(series: series, slot: slot)
            }
        }
        return result
    }
}

extension Owner {
    /// What `event` states, as an owner records it.
    package static func statedKeys(of event: Event) -> [StatedKey] {
        var keys: [StatedKey] = []
        event.forEachFigure { _, figure in
            keys.append(
                StatedKey(
                    key: VintageKeyRef(
                        series: figure.series,
                        slot: VintageSlot(
                            validTime: figure.period.start.microseconds,
                            releasedAt: figure.releasedAt.microseconds)),
                    value: figure.value))
        }
        return keys
    }
}
