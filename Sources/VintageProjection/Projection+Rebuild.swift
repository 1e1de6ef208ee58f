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
        var last: Int64 = 0
        do {
            try log.forEachCanonicalEvent(after: 0) { json, type, id, seq in
                try replay.apply(canonicalJSON: json, id: id, seq: seq)
                switch type {
                case .series, .announcement, .correction, .retraction:
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
        let order = Set(allRows.keys).union(unshown.keys).sorted()
        var initial: [StatusTable] = []
        for series in order { initial.append(try statuses(of: series)) }
        let tables = initial
        // Series are independent: encode and write their chunks on every core.
        let writer = self.writer, directory = self.directory
        let written = ParallelWork.map(order.indices) { i -> Result<([ChunkReference], StatusTable), ProjectionError> in
            var statuses = tables[i]
            do throws(ProjectionError) {
                let references = try Self.writeChunks(of: allRows[order[i]] ?? [], series: order[i], statuses: &statuses,
                                                      writer: writer, directory: directory)
                return .success((references, statuses))
            } catch {
                return .failure(error)
            }
        }
        for (i, series) in order.enumerated() {
            let (references, statuses) = try written[i].get()
            manifest.series[series] = ProjectionManifest.Series(chunks: references, statuses: statuses.codeList)
            heads[series] = SeriesHead(unshown: unshown[series] ?? [])
            dirtySeries.insert(series)
        }
        unsyncedFiles = true
        manifest.logSeq = seq
    }
}
