import VintageCore

extension Projection {
    /// Rebuilds the whole projection from the log: folds every event, writes every series'
    /// rows as fresh chunks and commits a manifest at the log's last event. Chunks of the
    /// previous manifest become garbage (snapshots keep theirs). The caller holds the write
    /// lock. `progress` receives events folded so far and the total, now and then.
    public mutating func rebuild(log: some ProjectionLogReader,
                                 progress: ((_ done: Int64, _ total: Int64) -> Void)? = nil) throws(ProjectionError) {
        var (fold, fresh, last) = try foldWholeLog(log, progress: progress)
        fresh.chunkCache = chunkCache
        try fresh.install(fold, at: last)
        try fresh.commit()
        fresh.replacedChunks = !manifest.series.isEmpty
        self = fresh
    }

    /// A fresh fold of every event of the log, an empty projection of this directory holding
    /// the catalog and correction index of that fold, and the last seq folded.
    func foldWholeLog(_ log: some ProjectionLogReader, progress: ((_ done: Int64, _ total: Int64) -> Void)? = nil)
        throws(ProjectionError) -> (VintageFold, Projection, Int64) {
        var fold = VintageFold()
        var fresh = try Projection(directory: directory, manifest: ProjectionManifest())
        var last: Int64 = 0
        do {
            try log.forEachEvent(after: 0) { e in
                fold.apply(e.event, id: e.id, seq: e.seq)
                fresh.record(e, fold: fold)
                last = e.seq
                if e.seq & 0xFFFF == 0 { progress?(e.seq, 0) }
            }
        } catch let error as ProjectionError {
            throw error
        } catch {
            throw .log(error)
        }
        return (fold, fresh, last)
    }

    /// Replaces every series' chunks and head by the rows of `fold`, as of log position `seq`.
    mutating func install(_ fold: VintageFold, at seq: Int64) throws(ProjectionError) {
        let unshown = fold.allUnshownStatements()
        manifest.series = [:]
        heads = [:]
        for series in fold.seriesIDs {
            var rows = fold.rows(of: series)
            guard !rows.isEmpty || unshown[series] != nil else { continue }
            rows.sort { $0.key < $1.key }
            var head = SeriesHead()
            for i in rows.indices { rows[i].correction = nil }
            head.unshown = unshown[series] ?? []
            var statuses = try statuses(of: series)
            let references = try writeChunks(of: rows, series: series, statuses: &statuses)
            manifest.series[series] = ProjectionManifest.Series(chunks: references, statuses: statuses.codeList)
            heads[series] = head
            dirtySeries.insert(series)
        }
        manifest.logSeq = seq
    }
}
