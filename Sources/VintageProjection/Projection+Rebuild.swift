import VintageCore

extension Projection {
    /// Rebuilds the whole projection from the log: folds every event, writes every series'
    /// rows as fresh chunks and commits a manifest at the log's last event. Chunks of the
    /// previous manifest become garbage (snapshots keep theirs). The caller holds the write
    /// lock. `progress` receives events folded so far and the total, now and then.
    public mutating func rebuild(log: some ProjectionLogReader,
                                 progress: ((_ done: Int64, _ total: Int64) -> Void)? = nil) throws(ProjectionError) {
        var replay = ReplayFold()
        var fresh = try Projection(directory: directory, manifest: ProjectionManifest())
        fresh.chunkCache = chunkCache
        var last: Int64 = 0
        do {
            try log.forEachCanonicalEvent(after: 0) { json, type, id, seq in
                try replay.apply(canonicalJSON: json, id: id, seq: seq)
                switch type {
                case .series, .correction, .retraction:
                    try fresh.record(SequencedEvent(event: try Event(canonicalJSON: json), id: id, seq: seq)) { try log.seq(of: $0) }
                default:
                    break
                }
                last = seq
                if seq & 0x3FF == 0 { progress?(seq, 0) }
            }
        } catch let error as ProjectionError {
            throw error
        } catch {
            throw .log(error)
        }
        let figures = replay.figureCount
        let settled = replay.finishForRebuild()
        try fresh.install(settled.rows, unshown: settled.unshown, at: last)
        try fresh.commit()
        fresh.replacedChunks = !manifest.series.isEmpty
        fresh.figuresFolded = figures
        self = fresh
    }

    /// Replaces every series' chunks and head by `rows` (per series, in key order) and the
    /// statements no row shows, as of log position `seq`.
    mutating func install(_ allRows: [SeriesID: [VintageRow]], unshown: [SeriesID: [SlotStatement]], at seq: Int64) throws(ProjectionError) {
        manifest.series = [:]
        heads = [:]
        for series in Set(allRows.keys).union(unshown.keys).sorted() {
            var rows = allRows[series] ?? []
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
