import VintageCore

/// A vintage key's position within its series: (valid time, released_at).
package struct VintageSlot: Hashable, Sendable {
    package var validTime: Int64
    var releasedAt: Int64

    package init(validTime: Int64, releasedAt: Int64) {
        self.validTime = validTime
        self.releasedAt = releasedAt
    }
}

/// A vintage key: series and slot.
package struct VintageKeyRef: Hashable, Sendable {
    package var series: SeriesID
    package var slot: VintageSlot
}

/// One live assertion of a vintage by an event's current content.
package struct Statement: Sendable {
    /// The seq of the original event whose content states it.
    var owner: Int64
    /// The seq shown: the event's, or that of the correction whose replacement states it.
    var seq: Int64
    var value: Double
    var status: String?
    var note: CorrectionNote?

    package init(owner: Int64, seq: Int64, value: Double, status: String?, note: CorrectionNote?) {
        self.owner = owner
        self.seq = seq
        self.value = value
        self.status = status
        self.note = note
    }
}

/// The live statements of one vintage key and the row currently showing it.
struct SlotState: Sendable {
    var statements: [Statement] = []
    /// Index in the series' rows of the current row, if the key is live.
    var row: Int?

    /// The statement a row shows: the earliest (smallest shown seq), the first on ties.
    var representative: Statement? {
        var best: Statement?
        for s in statements where best == nil || s.seq < best!.seq { best = s }
        return best
    }
}

/// One `series` definition of a series with its visibility.
package struct DefinitionEntry: Hashable, Sendable {
    /// The seq of the original event whose content it is; metadata folds in this order.
    var owner: Int64
    package var definition: SeriesDefinition
    var visibleFrom: Int64
    var visibleUntil: Int64 = .max

    func isVisible(atSeq seq: Int64?) -> Bool {
        guard let seq else { return visibleUntil == .max }
        return visibleFrom <= seq && seq < visibleUntil
    }
}

/// Everything the fold holds about one series.
struct SeriesState: Sendable {
    var rows: [VintageRow] = []
    var slots: [VintageSlot: SlotState] = [:]
    var definitions: [DefinitionEntry] = []
    /// Live vintages per valid time, for the point count.
    var liveVintagesByValidTime: [Int64: Int] = [:]
    var liveVintages = 0
}

/// What an original event's current content asserts, so that a correction or retraction
/// can withdraw it without re-reading the event.
package struct Owner: Sendable {
    /// A figure the content states.
    package struct StatedKey: Sendable {
        package var key: VintageKeyRef
        var value: Double
        package var original: OriginalFigure { OriginalFigure(series: key.series, validTime: key.slot.validTime, value: value) }
    }

    /// A figure of the event as logged, kept once it is first corrected or retracted.
    package struct OriginalFigure: Sendable {
        var series: SeriesID
        var validTime: Int64
        var value: Double
    }

    /// The correction whose replacement is being stated, and the original figures.
    package struct Note {
        var correction: EventID
        var original: [OriginalFigure]

        package init(correction: EventID, original: [OriginalFigure]) {
            self.correction = correction
            self.original = original
        }

        /// The note of a corrected figure: the original value of the same point; for a
        /// single-figure event moved elsewhere, its original figure's value.
        package func note(series: SeriesID, validTime: Int64) -> CorrectionNote {
            let same = original.first { $0.series == series && $0.validTime == validTime }
            let value = same?.value ?? (original.count == 1 ? original[0].value : nil)
            return CorrectionNote(correction: correction, originalValue: value)
        }
    }

    var id = EventID(unchecked: "")
    var figures: [StatedKey] = []
    /// The series and index of the definition entry the content holds, for a series event.
    var definition: (series: SeriesID, entry: Int)?
    /// The index of the announcement row the content holds.
    var announcement: Int?
    /// The event's figures as logged; saved at its first correction or retraction.
    var original: [OriginalFigure]?
}

extension VintageFold {
    /// Asserts `event`'s content for the original event at `owner` from log position
    /// `statedAt` (the shown seq), and returns what it asserts.
    mutating func state(_ event: Event, owner: Int64, id: EventID, statedAt: Int64, note: Owner.Note?) -> Owner {
        var result = Owner()
        result.id = id
        switch event {
        case .series(let definition):
            let entry = DefinitionEntry(owner: owner, definition: definition, visibleFrom: statedAt)
            seriesStates[definition.series, default: SeriesState()].definitions.append(entry)
            result.definition = (definition.series, seriesStates[definition.series]!.definitions.count - 1)
        case .announcement(let announcement):
            announcementRows.append(AnnouncementRow(announcement, id: id, seq: statedAt, correction: note?.correction, visibleFrom: statedAt))
            result.announcement = announcementRows.count - 1
        default:
            break
        }
        event.forEachFigure { _, figure in
            let key = VintageKeyRef(series: figure.series,
                                    slot: VintageSlot(validTime: figure.period.start.microseconds, releasedAt: figure.releasedAt.microseconds))
            let statement = Statement(owner: owner, seq: statedAt, value: figure.value, status: figure.status,
                                      note: note?.note(series: figure.series, validTime: key.slot.validTime))
            seriesStates[key.series, default: SeriesState()].slots[key.slot, default: SlotState()].statements.append(statement)
            result.figures.append(Owner.StatedKey(key: key, value: figure.value))
            touched.append(key)
        }
        return result
    }

    /// Withdraws everything the current content of the original event at `ownerSeq`
    /// asserts, from log position `position`.
    mutating func withdraw(_ owner: Owner, ownerSeq: Int64, at position: Int64) {
        if let (series, entry) = owner.definition {
            seriesStates[series]!.definitions[entry].visibleUntil = position
        }
        if let row = owner.announcement {
            announcementRows[row].visibleUntil = position
        }
        for figure in owner.figures {
            seriesStates[figure.key.series]!.slots[figure.key.slot]!.statements.removeAll { $0.owner == ownerSeq }
            touched.append(figure.key)
        }
    }

    /// Brings the rows of every touched vintage key in line with its live statements: a key
    /// whose shown statement changed ends its row at `position` and starts a new one there.
    mutating func reconcileTouched(at position: Int64) {
        for key in touched {
            let (ended, started) = seriesStates[key.series]!.reconcile(key.slot, at: position)
            guard journalsChanges else { continue }
            if let ended {
                journal.append(.ended(series: key.series, validTime: ended.validTime, releasedAt: ended.releasedAt,
                                      visibleFrom: ended.visibleFrom, endedAt: position))
            }
            if let started { journal.append(.started(series: key.series, row: started)) }
        }
        touched.removeAll(keepingCapacity: true)
    }
}

extension SeriesState {
    /// See ``VintageFold/reconcileTouched(at:)``; returns the row it ended and the row it
    /// started, if any.
    @discardableResult
    mutating func reconcile(_ slot: VintageSlot, at position: Int64) -> (ended: VintageRow?, started: VintageRow?) {
        guard var state = slots[slot] else { return (nil, nil) }
        var ended: VintageRow?
        var started: VintageRow?
        let shown = state.representative
        if let index = state.row {
            let row = rows[index]
            if let shown, row.seq == shown.seq, row.value.bitPattern == shown.value.bitPattern,
               row.status == shown.status, row.correction == shown.note {
                return (nil, nil)
            }
            rows[index].visibleUntil = position
            state.row = nil
            ended = row
        }
        if let shown {
            rows.append(VintageRow(validTime: slot.validTime, releasedAt: slot.releasedAt, value: shown.value, seq: shown.seq,
                                   visibleFrom: position, status: shown.status, correction: shown.note))
            state.row = rows.count - 1
            started = rows[rows.count - 1]
        }
        let wasLive = slots[slot]!.row != nil
        let isLive = state.row != nil
        if wasLive != isLive {
            let delta = isLive ? 1 : -1
            liveVintages += delta
            let count = liveVintagesByValidTime[slot.validTime, default: 0] + delta
            liveVintagesByValidTime[slot.validTime] = count == 0 ? nil : count
        }
        slots[slot] = state.statements.isEmpty && state.row == nil ? nil : state
        return (ended, started)
    }
}
