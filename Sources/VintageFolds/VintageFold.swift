import VintageCore

/// The in-memory vintage fold: events applied in log order become, per series, the
/// ``VintageRow``s every view selects from, plus the series' definitions (a
/// ``SeriesCatalog``) and the announcements (an ``AnnouncementTimeline``), each with the log
/// positions between which it is visible, recorded as the projection records them.
///
/// Corrections and retractions are applied incrementally: the fold keeps, per event, the
/// vintage keys its current content asserts, and per vintage key the live statements, so
/// it never re-reads earlier events. The fold assumes a valid log (as the log's rules
/// guarantee); a correction or retraction naming an unknown target is ignored.
public struct VintageFold: Sendable {
    /// The seq of the last event applied (0 before any).
    public internal(set) var lastSeq: Int64 = 0
    /// Per series: rows, vintage keys, definitions and counts.
    var seriesStates: [SeriesID: SeriesState] = [:]
    /// Per original (non-correction) event, by seq: what its current content asserts.
    var owners: [Int64: Owner] = [:]
    /// The seq of each original event, by id, to resolve correction targets.
    var ownerSeqs: [EventID: Int64] = [:]
    /// The series definitions, with their visibility, as the projection keeps them.
    var catalog = SeriesCatalog()
    /// The announcements, with their visibility, as the projection keeps them.
    var timeline = AnnouncementTimeline()
    /// Vintage keys whose statements changed while applying the current event.
    var touched: [VintageKeyRef] = []
    /// Whether row changes are journaled for ``takeChanges()``.
    public let journalsChanges: Bool
    /// The row changes since the last ``takeChanges()``, when journaled.
    var journal: [RowChange] = []

    /// Creates an empty fold; with `journalingChanges`, every row started or ended is also
    /// recorded until taken with ``takeChanges()``.
    public init(journalingChanges: Bool = false) {
        self.journalsChanges = journalingChanges
    }

    /// The row changes made since the last call, in the order made (empty unless the fold
    /// journals changes).
    public mutating func takeChanges() -> [RowChange] {
        defer { journal.removeAll(keepingCapacity: true) }
        return journal
    }

    /// Applies the event logged at `seq` with id `id`. Events must come in log order
    /// (increasing seq).
    public mutating func apply(_ event: Event, id: EventID, seq: Int64) {
        precondition(seq > lastSeq, "events must be applied in log order (seq \(seq) after \(lastSeq))")
        lastSeq = seq
        switch event {
        case .correction(let correction):
            guard let target = ownerSeqs[correction.target] else { return }
            record(event, id: id, seq: seq, target: target)
            override(target, with: correction.replacement, by: seq, correctionID: id)
        case .retraction(let retraction):
            guard let target = ownerSeqs[retraction.target] else { return }
            record(event, id: id, seq: seq, target: target)
            override(target, with: nil, by: seq, correctionID: id)
        case .series, .observation, .release, .announcement:
            ownerSeqs[id] = seq
            record(event, id: id, seq: seq, target: nil)
            owners[seq] = state(event, owner: seq, id: id, statedAt: seq, note: nil)
        }
        reconcileTouched(at: seq)
    }

    /// Records what the event changes in the definitions and the announcement timeline, as
    /// the projection records it; `target` is the seq of the original event a correction or
    /// retraction names.
    private mutating func record(_ event: Event, id: EventID, seq: Int64, target: Int64?) {
        switch event {
        case .observation, .release: return
        default: break
        }
        catalog.record(event, seq: seq, target: target)
        timeline.record(SequencedEvent(event: event, id: id, seq: seq))
    }

    /// Applies a prepared event logged at `seq`.
    public mutating func apply(_ prepared: PreparedEvent, seq: Int64) {
        apply(prepared.event, id: prepared.id, seq: seq)
    }

    /// Replaces the current content of the original event at `target` by `replacement`
    /// (nil: retracts it) from log position `position` on.
    private mutating func override(_ target: Int64, with replacement: Event?, by position: Int64, correctionID: EventID) {
        guard var owner = owners[target] else { return }
        if owner.original == nil { owner.original = owner.figures.map(\.original) }
        withdraw(owner, ownerSeq: target, at: position)
        let original = owner.original ?? []
        var next = Owner()
        if let replacement {
            next = state(
                replacement, owner: target, id: owner.id, statedAt: position,
                note: Owner.Note(correction: correctionID, original: original))
        }
        next.id = owner.id
        next.original = original
        owners[target] = next
    }

    /// Every series the fold has seen (defined or holding rows), in id order.
    public var seriesIDs: [SeriesID] { Set(seriesStates.keys).union(catalog.entries.map(\.definition.series)).sorted() }

    /// The rows of a series, in the order they were started (log order).
    public func rows(of series: SeriesID) -> [VintageRow] { seriesStates[series]?.rows ?? [] }
}
