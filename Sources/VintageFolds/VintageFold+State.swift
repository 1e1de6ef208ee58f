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
        guard !statements.isEmpty else { return nil }
        var best = 0
        for i in statements.indices.dropFirst() where statements[i].seq < statements[best].seq { best = i }
        return statements[best]
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

/// Everything the fold holds about one series' rows.
struct SeriesState: Sendable {
    var rows: [VintageRow] = []
    var slots: [VintageSlot: SlotState] = [:]
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
        var original: CorrectedFigures<SeriesID>

        package init(correction: EventID, original: [OriginalFigure]) {
            self.correction = correction
            self.original = CorrectedFigures()
            for f in original { self.original.add(series: f.series, validTime: f.validTime, value: f.value) }
        }

        /// The note of a corrected figure (see ``CorrectedFigures``).
        package func note(series: SeriesID, validTime: Int64) -> CorrectionNote {
            original.note(correction: correction, series: series, validTime: validTime)
        }
    }

    var id = EventID(unchecked: "")
    var figures: [StatedKey] = []
    /// The event's figures as logged; saved at its first correction or retraction.
    var original: [OriginalFigure]?
}

extension VintageFold {
    /// Asserts `event`'s figures for the original event at `owner` from log position
    /// `statedAt` (the shown seq), and returns what it asserts (definitions and
    /// announcements are recorded in ``catalog`` and ``timeline``).
    mutating func state(_ event: Event, owner: Int64, id: EventID, statedAt: Int64, note: Owner.Note?) -> Owner {
        var result = Owner()
        result.id = id
        event.forEachFigure { _, figure in
            let key = VintageKeyRef(
                series: figure.series,
                slot: VintageSlot(validTime: figure.period.start.microseconds, releasedAt: figure.releasedAt.microseconds))
            let statement = Statement(
                owner: owner, seq: statedAt, value: figure.value, status: figure.status,
                note: note?.note(series: figure.series, validTime: key.slot.validTime))
            seriesStates[key.series, default: SeriesState()].slots[key.slot, default: SlotState()].statements.append(statement)
            result.figures.append(Owner.StatedKey(key: key, value: figure.value))
            touched.append(key)
        }
        return result
    }

    /// Withdraws every figure the current content of the original event at `ownerSeq`
    /// asserts, from log position `position`.
    mutating func withdraw(_ owner: Owner, ownerSeq: Int64, at position: Int64) {
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
                journal.append(
                    .ended(
                        series: key.series, validTime: ended.validTime, releasedAt: ended.releasedAt,
                        visibleFrom: ended.visibleFrom, endedAt: position))
            }
            if let started { journal.append(.started(series: key.series, row: started)) }
        }
        touched.removeAll(keepingCapacity: true)
    }
}

extension SlotState {
    /// The rule of which statement a vintage key shows and when its row ends, for every fold:
    /// after a log position `position` changed the key's statements, the key shows its
    /// ``representative`` (the smallest shown seq, the first of equals); when that differs
    /// from the current row in seq, value (bit for bit), status or correction note, the row
    /// (in `rows`) ends at `position` and a row of that statement starts there (none when no
    /// statement is left). Returns the row it ended and the row it started, if any.
    @inline(__always)
    mutating func reconcile(_ slot: VintageSlot, rows: inout [VintageRow], at position: Int64) -> (ended: VintageRow?, started: VintageRow?) {
        var ended: VintageRow?
        var started: VintageRow?
        let shown = representative
        if let index = row {
            let current = rows[index]
            if let shown, current.seq == shown.seq, current.value.bitPattern == shown.value.bitPattern,
                current.status == shown.status, current.correction == shown.note
            {
                return (nil, nil)
            }
            rows[index].visibleUntil = position
            row = nil
            ended = current
        }
        if let shown {
            let new = VintageRow(
                validTime: slot.validTime, releasedAt: slot.releasedAt, value: shown.value, seq: shown.seq,
                visibleFrom: position, status: shown.status, correction: shown.note)
            rows.append(new)
            row = rows.count - 1
            started = new
        }
        return (ended, started)
    }

    /// The live statements other than the one the row shows (the first of the
    /// ``representative``'s owner and seq).
    func unshownStatements(_ slot: VintageSlot) -> [SlotStatement] {
        guard statements.count > 1, let shown = representative else { return [] }
        var skipped = false
        var result: [SlotStatement] = []
        for s in statements {
            if !skipped && s.owner == shown.owner && s.seq == shown.seq { skipped = true; continue }
            result.append(SlotStatement(slot: slot, s))
        }
        return result
    }
}

extension SeriesState {
    /// See ``VintageFold/reconcileTouched(at:)`` and ``SlotState/reconcile(_:rows:at:)``;
    /// returns the row it ended and the row it started, if any.
    @discardableResult
    mutating func reconcile(_ slot: VintageSlot, at position: Int64) -> (ended: VintageRow?, started: VintageRow?) {
        guard var state = slots[slot] else { return (nil, nil) }
        let wasLive = state.row != nil
        let changed = state.reconcile(slot, rows: &rows, at: position)
        let isLive = state.row != nil
        if wasLive != isLive {
            let delta = isLive ? 1 : -1
            liveVintages += delta
            let count = liveVintagesByValidTime[slot.validTime, default: 0] + delta
            liveVintagesByValidTime[slot.validTime] = count == 0 ? nil : count
        }
        slots[slot] = state.statements.isEmpty && state.row == nil ? nil : state
        return changed
    }
}
