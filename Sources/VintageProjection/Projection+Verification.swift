import VintageCore
import VintageFiles
import VintageFolds

extension Projection {
    /// Where the projection disagrees with a fresh fold of the whole log: the log seq it
    /// reflects, every series' rows (values, release times, seqs, visibility, statuses,
    /// correction notes), the statements no row shows, the catalog, the announcement timeline
    /// and the applied corrections. At most `limit` problems, each one line; empty when they agree.
    /// Damaged files are reported too (as problems, not thrown).
    ///
    /// The fold is the one `replay` rebuilds the projection with (``ReplayFold``, reading the
    /// log in ranges on every core), kept in memory: nothing is written.
    public mutating func disagreements(withFoldOf log: some ProjectionLogReader, limit: Int = 20) throws(ProjectionError) -> [String] {
        let (expected, folded, last) = try foldWholeLog(log)
        var reference = folded
        var problems: [String] = []
        func report(_ problem: String) { if problems.count < limit { problems.append(problem) } }
        if logSeq != last { report("projection reflects seq \(logSeq), the log ends at seq \(last)") }
        let all = Set(expected.rows.filter { !$0.value.isEmpty }.keys).union(manifest.series.keys)
        let recent = RecentEventsReader(log)
        var noteCache = CorrectionNoteCache()
        for series in all.sorted() {
            let expectedRows = expected.rows[series] ?? []
            let found: [VintageRow]
            do { found = try annotatedRows(of: series, log: recent, notes: &noteCache) } catch {
                report("series '\(series)': \(error)")
                continue
            }
            if expectedRows != found {
                if expectedRows.count != found.count {
                    report("series '\(series)': \(found.count) rows in the projection, \(expectedRows.count) in a fold of the log")
                } else if let i = expectedRows.indices.first(where: { expectedRows[$0] != found[$0] }) {
                    report(
                        "series '\(series)': row \(i) is \(Self.describe(found[i])) in the projection, \(Self.describe(expectedRows[i])) in a fold of the log"
                    )
                }
            }
            let heldUnshown = (try? head(of: series).unshown) ?? []
            if Set(heldUnshown) != Set(expected.unshown[series] ?? []) {
                report("series '\(series)': restatements kept beside the rows differ from a fold of the log")
            }
        }
        if catalog != reference.catalog { report("series definitions differ from a fold of the log") }
        let foldRows: [AnnouncementRow]
        do { foldRows = try reference.announcementTimeline().rows } catch {
            report("announcement timeline of a fold of the log: \(error)")
            foldRows = []
        }
        let held: [AnnouncementRow]
        do { held = try announcementTimeline().rows } catch {
            report("announcement timeline: \(error)")
            held = foldRows
        }
        if held != foldRows {
            if held.count != foldRows.count {
                report("announcement timeline: \(held.count) rows in the projection, \(foldRows.count) in a fold of the log")
            } else if let i = held.indices.first(where: { held[$0] != foldRows[$0] }) {
                report(
                    "announcement timeline: row \(i) is \(Self.describe(held[i])) in the projection, \(Self.describe(foldRows[i])) in a fold of the log"
                )
            }
        }
        if corrections.entries != reference.corrections.entries { report("applied corrections differ from a fold of the log") }
        return problems
    }

    /// A fresh fold of every event of the log, as `replay` folds it (the rows and unshown
    /// statements of every series), an empty in-memory projection of this directory holding
    /// the catalog, announcement timeline and correction index of that fold, and the last seq
    /// folded. Correction targets are the fold's own (its ids in log order), not the log's
    /// id index.
    func foldWholeLog(_ log: some ProjectionLogReader) throws(ProjectionError) -> (ReplayOutcome, Projection, Int64) {
        var fresh = try Projection(directory: directory, manifest: ProjectionManifest())
        let outcome: ReplayOutcome
        let last: Int64
        do {
            let range = try Self.readAndFold(log, progress: nil)
            last = range.fold.lastSeq
            outcome = try range.fold.finishForRebuild(derivedIDs: { try log.seq(of: $0) })
            var targets: [Int64: Int64] = [:]
            for t in outcome.targets { targets[t.correction] = t.target }
            for e in range.recorded { fresh.record(e) { _ in targets[e.seq] } }
        } catch let error as ProjectionError {
            throw error
        } catch {
            throw .log(error)
        }
        return (outcome, fresh, last)
    }

    static func describe(_ row: AnnouncementRow) -> String {
        let until = row.visibleUntil == .max ? "now" : "\(row.visibleUntil)"
        return "(id \(row.id), '\(row.title)', released \(row.releasedAt), seq \(row.seq), visible \(row.visibleFrom)..<\(until))"
    }

    static func describe(_ row: VintageRow) -> String {
        let until = row.visibleUntil == .max ? "now" : "\(row.visibleUntil)"
        return "(time \(row.validTime), released \(row.releasedAt), value \(row.value), seq \(row.seq), visible \(row.visibleFrom)..<\(until))"
    }
}
