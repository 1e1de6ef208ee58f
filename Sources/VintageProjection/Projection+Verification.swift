import VintageCore

extension Projection {
    /// Where the projection disagrees with a fresh fold of the whole log: the log seq it
    /// reflects, every series' rows (values, release times, seqs, visibility, statuses,
    /// correction notes), the statements no row shows, the catalog, the announcement timeline
    /// and the applied corrections. At most `limit` problems, each one line; empty when they agree.
    /// Damaged files are reported too (as problems, not thrown).
    public mutating func disagreements(withFoldOf log: some ProjectionLogReader, limit: Int = 20) throws(ProjectionError) -> [String] {
        let (fold, reference, last) = try foldWholeLog(log)
        var problems: [String] = []
        func report(_ problem: String) { if problems.count < limit { problems.append(problem) } }
        if logSeq != last { report("projection reflects seq \(logSeq), the log ends at seq \(last)") }
        let unshown = fold.allUnshownStatements()
        let all = Set(fold.seriesIDs.filter { !fold.rows(of: $0).isEmpty }).union(manifest.series.keys)
        for series in all.sorted() {
            let expected = fold.rows(of: series).sorted { $0.key < $1.key }
            let found: [VintageRow]
            do { found = try annotatedRows(of: series, log: log) } catch {
                report("series '\(series)': \(error)")
                continue
            }
            if expected != found {
                if expected.count != found.count {
                    report("series '\(series)': \(found.count) rows in the projection, \(expected.count) in a fold of the log")
                } else if let i = expected.indices.first(where: { expected[$0] != found[$0] }) {
                    report("series '\(series)': row \(i) is \(Self.describe(found[i])) in the projection, \(Self.describe(expected[i])) in a fold of the log")
                }
            }
            let heldUnshown = (try? head(of: series).unshown) ?? []
            if Set(heldUnshown) != Set(unshown[series] ?? []) {
                report("series '\(series)': restatements kept beside the rows differ from a fold of the log")
            }
        }
        if catalog != reference.catalog { report("series definitions differ from a fold of the log") }
        let held: [AnnouncementRow]
        do { held = try announcementTimeline().rows } catch {
            report("announcement timeline: \(error)")
            held = fold.announcementRows
        }
        if held != fold.announcementRows {
            if held.count != fold.announcementRows.count {
                report("announcement timeline: \(held.count) rows in the projection, \(fold.announcementRows.count) in a fold of the log")
            } else if let i = held.indices.first(where: { held[$0] != fold.announcementRows[$0] }) {
                report("announcement timeline: row \(i) is \(Self.describe(held[i])) in the projection, \(Self.describe(fold.announcementRows[i])) in a fold of the log")
            }
        }
        if corrections.entries != reference.corrections.entries { report("applied corrections differ from a fold of the log") }
        return problems
    }

    /// A fresh fold of every event of the log, an empty projection of this directory holding
    /// the catalog and correction index of that fold, and the last seq folded.
    func foldWholeLog(_ log: some ProjectionLogReader) throws(ProjectionError) -> (VintageFold, Projection, Int64) {
        var fold = VintageFold()
        var fresh = try Projection(directory: directory, manifest: ProjectionManifest())
        var last: Int64 = 0
        do {
            try log.forEachEvent(after: 0) { e in
                fold.apply(e.event, id: e.id, seq: e.seq)
                fresh.record(e) { fold.ownerSeq(of: $0) }
                last = e.seq
            }
        } catch let error as ProjectionError {
            throw error
        } catch {
            throw .log(error)
        }
        return (fold, fresh, last)
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
