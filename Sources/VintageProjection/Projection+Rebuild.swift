import VintageCore
import VintageFiles
import VintageFolds

extension Projection {
    /// Rebuilds the whole projection from the log: folds every event, writes every series'
    /// rows as fresh chunks and commits a manifest at the log's last event. Chunks of the
    /// previous manifest become garbage (snapshots keep theirs). The caller holds the write
    /// lock. `progress` receives events folded so far and the total, now and then; `phases`
    /// how long each phase took.
    public mutating func rebuild(
        log: some ProjectionLogReader,
        progress: ((_ done: Int64, _ total: Int64) -> Void)? = nil,
        phases: ((ReplayPhase, Duration) -> Void)? = nil
    ) throws(ProjectionError) {
        let clock = ContinuousClock()
        var started = clock.now
        func finished(_ phase: ReplayPhase) {
            let now = clock.now
            phases?(phase, now - started)
            started = now
        }
        var fresh = try Projection(directory: directory, manifest: ProjectionManifest())
        var range: FoldedRange
        do {
            range = try Self.readAndFold(log, progress: progress)
        } catch let error as ProjectionError {
            throw error
        } catch {
            throw .log(error)
        }
        finished(.fold)
        let last = range.fold.lastSeq
        let figures = range.fold.figureCount
        let settled: ReplayOutcome
        do {
            var fold = ReplayFold()
            swap(&fold, &range.fold)  // the fold's arrays are not copied when settled
            settled = try fold.finishForRebuild(derivedIDs: { try log.seq(of: $0) })
            // The events that change more than rows, with the targets the fold resolved (so
            // the catalog and timeline agree with the rows, and no target is looked up again).
            var targets: [Int64: Int64] = [:]
            for t in settled.targets { targets[t.correction] = t.target }
            for e in range.recorded {
                fresh.record(e) { _ in targets[e.seq] }
            }
        } catch let error as ProjectionError {
            throw error
        } catch {
            throw .log(error)
        }
        finished(.settle)
        try fresh.install(settled.rows, unshown: settled.unshown, at: last)
        finished(.write)
        try fresh.commit()
        finished(.commit)
        fresh.replacedChunks = !manifest.series.isEmpty
        fresh.figuresFolded = figures
        self = fresh
    }

    /// Replaces every series' chunks and head by `rows` (per series, in key order) and the
    /// statements no row shows, as of log position `seq`. The chunks go into a few segment
    /// files (synced by the next ``commit()``), not a file each.
    mutating func install(_ allRows: [SeriesID: [VintageRow]], unshown: [SeriesID: [SlotStatement]], at seq: Int64) throws(ProjectionError) {
        manifest.series = [:]
        heads = [:]
        let order = Set(allRows.keys).union(unshown.keys).sorted()
        var initial: [StatusTable] = []
        for series in order { initial.append(try statuses(of: series)) }
        let tables = initial
        // Series are independent: encode their chunks on every core.
        let writer = self.writer
        let encoded = ParallelWork.map(order.indices) { i -> Result<([SegmentChunk], StatusTable), ProjectionError> in
            var statuses = tables[i]
            do throws(ProjectionError) {
                let chunks = try Self.encodeChunks(of: allRows[order[i]] ?? [], series: order[i], statuses: &statuses, writer: writer)
                return .success((chunks, statuses))
            } catch {
                return .failure(error)
            }
        }
        var chunks: [SegmentChunk] = []
        var counts: [Int] = []
        var statusTables: [StatusTable] = []
        for result in encoded {
            let (seriesChunks, statuses) = try result.get()
            chunks += seriesChunks
            counts.append(seriesChunks.count)
            statusTables.append(statuses)
        }
        let written: (references: [ChunkReference], files: [String])
        do { written = try directory.writeUnsyncedSegments(chunks) } catch { throw .file(error) }
        var next = 0
        for (i, series) in order.enumerated() {
            let references = Array(written.references[next..<(next + counts[i])])
            next += counts[i]
            manifest.series[series] = ProjectionManifest.Series(chunks: references, statuses: statusTables[i].codeList)
            heads[series] = SeriesHead(unshown: unshown[series] ?? [])
            dirtySeries.insert(series)
        }
        unsyncedSegments += written.files
        manifest.logSeq = seq
    }
}
