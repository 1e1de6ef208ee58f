import VintageCore
import VintageFolds

extension Projection {
    /// Folds the log's events after ``logSeq`` up to `lastSeq` into the projection and commits
    /// it. Costs time in proportion to those events and the chunks they touch, never to the
    /// whole store; on an empty projection it builds everything at once (as ``rebuild(log:progress:)``).
    /// The caller holds the write lock.
    public mutating func catchUp(
        log: some ProjectionLogReader, to lastSeq: Int64,
        progress: ((_ done: Int64, _ total: Int64) -> Void)? = nil
    ) throws(ProjectionError) {
        if logSeq > lastSeq { throw .aheadOfLog(projectionSeq: logSeq, logSeq: lastSeq) }
        if lacksAnnouncementTimeline {
            try recoverAnnouncementTimeline(log: log)
            if logSeq == lastSeq { try commit() }
        }
        guard logSeq < lastSeq else { return }
        if manifest.logSeq == 0 && manifest.series.isEmpty {
            try rebuild(log: log, progress: progress)
            return
        }
        let start = logSeq
        var batch: [SequencedEvent] = []
        do {
            try log.forEachEvent(after: logSeq) { event in
                guard event.seq <= lastSeq else { return }
                batch.append(event)
                if batch.count == 200_000 {
                    try apply(batch, log: log)
                    batch.removeAll(keepingCapacity: true)
                    progress?(event.seq - start, lastSeq - start)
                }
            }
            if !batch.isEmpty { try apply(batch, log: log) }
        } catch let error as ProjectionError {
            throw error
        } catch {
            throw .log(error)
        }
        try commit()
    }

    /// Applies `batch` (the events right after ``logSeq``, in log order) to the in-memory
    /// state; ``commit()`` makes it durable.
    mutating func apply(_ batch: [SequencedEvent], log: some ProjectionLogReader) throws(ProjectionError) {
        guard let last = batch.last else { return }
        var fold = VintageFold(resumingAfter: logSeq)
        var keys: [SeriesID: Set<VintageSlot>] = [:]
        func note(_ figures: [Owner.StatedKey]) {
            for f in figures { keys[f.key.series, default: []].insert(f.key.slot) }
        }
        var batchOriginals = Set<EventID>()
        var targets: [EventID] = []
        for e in batch {
            switch e.event {
            case .correction(let c):
                targets.append(c.target)
                note(Owner.statedKeys(of: c.replacement))
            case .retraction(let r):
                targets.append(r.target)
            default:
                batchOriginals.insert(e.id)
                note(Owner.statedKeys(of: e.event))
            }
        }
        // The current content of every earlier event the batch corrects or retracts.
        do {
            for id in targets where !batchOriginals.contains(id) && fold.ownerSeq(of: id) == nil {
                guard let targetSeq = try log.seq(of: id), targetSeq <= logSeq,
                    let target = try log.event(at: targetSeq)
                else { continue }
                var content: Event? = target.event
                var original: [Owner.OriginalFigure]?
                if let by = corrections.latest(of: targetSeq) {
                    original = Owner.statedKeys(of: target.event).map(\.original)
                    switch try log.event(at: by)?.event {
                    case .correction(let c)?: content = c.replacement
                    default: content = nil
                    }
                }
                let figures = content.map(Owner.statedKeys(of:)) ?? []
                note(figures)
                fold.seedOwner(id: id, seq: targetSeq, figures: figures, original: original)
            }
        } catch let error as ProjectionError {
            throw error
        } catch {
            throw .log(error)
        }
        // The current row and live statements of every vintage key the batch can touch.
        var notes = CorrectionNoteCache()
        for (series, slots) in keys {
            let head = try head(of: series)
            let current = try currentRows(of: series, validTimes: Set(slots.map(\.validTime)), head: head)
            var unshown: [VintageSlot: [Statement]] = [:]
            for s in head.unshown where slots.contains(s.slot) { unshown[s.slot, default: []].append(s.statement) }
            for slot in slots {
                var statements: [Statement] = []
                let row = try current[slot].map { row throws(ProjectionError) in try annotate(row, series: series, log: log, notes: &notes) }
                if let row {
                    let owner = row.correction == nil ? row.seq : (corrections.target(of: row.seq) ?? row.seq)
                    statements.append(Statement(owner: owner, seq: row.seq, value: row.value, status: row.status, note: row.correction))
                }
                statements += unshown[slot] ?? []
                fold.seedSlot(series: series, slot: slot, row: row, statements: statements)
            }
        }
        for e in batch {
            fold.apply(e.event, id: e.id, seq: e.seq)
            record(e) { fold.ownerSeq(of: $0) }
        }
        // Row changes into the heads.
        var started: [SeriesID: [VintageRow]] = [:]
        for change in fold.takeChanges() {
            switch change {
            case let .started(series, row):
                started[series, default: []].append(row)
            case let .ended(series, validTime, releasedAt, visibleFrom, endedAt):
                let key = RowKey(validTime: validTime, releasedAt: releasedAt, visibleFrom: visibleFrom)
                if let i = started[series]?.lastIndex(where: { $0.key == key }) {
                    started[series]![i].visibleUntil = endedAt
                } else {
                    try modifyHead(of: series) { $0.end(key, at: endedAt) }
                }
            }
        }
        for (series, rows) in started {
            try modifyHead(of: series) { head in
                head.merge(rows)
            }
        }
        for (series, slots) in keys {
            try modifyHead(of: series) { head in
                head.unshown.removeAll { slots.contains($0.slot) }
                for slot in slots { head.unshown += fold.unshownStatements(series: series, slot: slot) }
            }
        }
        manifest.logSeq = last.seq
        for series in Array(dirtySeries) where heads[series]!.rows.count > Self.headRowLimit {
            try compact(series)
        }
    }

    /// Records what `e` changes outside the rows: definitions, the announcement timeline and
    /// the correction index; `targetSeq` resolves a correction's target id to the original
    /// event's seq.
    mutating func record(_ e: SequencedEvent, targetSeq: (EventID) throws -> Int64?) rethrows {
        switch e.event {
        case .observation, .release:
            return
        case .announcement:
            recordInTimeline(e)
        case .series:
            currentMetadata = nil
            currentOrder = nil
            catalog.record(e.event, seq: e.seq, target: nil)
        case .correction, .retraction:
            let named: EventID
            switch e.event {
            case .correction(let c): named = c.target
            case .retraction(let r): named = r.target
            default: return
            }
            guard let target = try targetSeq(named) else { return }
            currentMetadata = nil
            currentOrder = nil
            catalog.record(e.event, seq: e.seq, target: target)
            recordInTimeline(e)
            corrections.record(target: target, by: e.seq)
        }
    }

    /// Changes the head of `series` and marks the series for the next commit.
    mutating func modifyHead(of series: SeriesID, _ body: (inout SeriesHead) -> Void) throws(ProjectionError) {
        var head = try head(of: series)
        body(&head)
        heads[series] = head
        dirtySeries.insert(series)
    }

    /// The current rows (visible now) of `series` at the given valid times, by vintage key,
    /// from its head and the chunks holding those valid times.
    mutating func currentRows(of series: SeriesID, validTimes: Set<Int64>, head: SeriesHead) throws(ProjectionError) -> [VintageSlot: VintageRow] {
        var result: [VintageSlot: VintageRow] = [:]
        for row in head.rows where row.isCurrent && validTimes.contains(row.validTime) {
            result[VintageSlot(validTime: row.validTime, releasedAt: row.releasedAt)] = row
        }
        guard let entry = try entry(of: series), !entry.chunks.isEmpty else { return result }
        let statuses = try statuses(of: series)
        for reference in entry.chunks {
            if let range = ChunkSummary.range(reference.summary), !validTimes.contains(where: { $0 >= range.first && $0 <= range.last }) { continue }
            for row in try storedRows(reference, of: series, statuses: statuses, ended: head.ended)
            where row.isCurrent && validTimes.contains(row.validTime) {
                result[VintageSlot(validTime: row.validTime, releasedAt: row.releasedAt)] = row
            }
        }
        return result
    }
}
