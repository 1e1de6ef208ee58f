import VintageColumnar
import VintageCore
import VintageFiles
import VintageFolds

extension Projection {
    /// Writes the head rows of `series` into chunks: each head row joins the chunk whose
    /// valid-time range holds it (or the nearest one before it), only those chunks are
    /// rewritten — with their ended rows folded in — and the others stay as they are.
    mutating func compact(_ series: SeriesID) throws(ProjectionError) {
        var head = try head(of: series)
        guard !head.rows.isEmpty else { return }
        var entry = try entry(of: series) ?? ProjectionManifest.Series(statuses: [nil])
        var statuses = try statuses(of: series)
        // Chunks in valid-time order with their ranges.
        var chunks = entry.chunks.map { ($0, ChunkSummary($0.summary)) }
        if chunks.contains(where: { $0.1 == nil }) {
            // Without recorded ranges, rewrite everything.
            chunks = []
        }
        chunks.sort { $0.1!.first < $1.1!.first }
        var groups: [Int: [VintageRow]] = [:]
        var beyond: [VintageRow] = []
        for row in head.rows {
            var lo = 0, hi = chunks.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if chunks[mid].1!.first <= row.validTime { lo = mid + 1 } else { hi = mid }
            }
            if chunks.isEmpty { beyond.append(row) } else { groups[max(lo - 1, 0), default: []].append(row) }
        }
        var kept: [ChunkReference] = []
        if !groups.isEmpty { replacedChunks = true }
        var written: [[VintageRow]] = []
        var rewrittenTimes: [ClosedRange<Int64>] = []
        for (i, (reference, range)) in chunks.enumerated() {
            guard let added = groups[i] else {
                kept.append(reference)
                continue
            }
            var rows = try storedRows(reference, of: series, statuses: statuses, ended: head.ended) + added
            rows.sort { $0.key < $1.key }
            written.append(rows)
            rewrittenTimes.append(min(range!.first, rows.first!.validTime)...max(range!.last, rows.last!.validTime))
        }
        if !beyond.isEmpty { written.append(beyond) }
        var newReferences: [ChunkReference] = []
        for rows in written {
            try newReferences += writeChunks(of: rows, series: series, statuses: &statuses)
        }
        entry.chunks = (kept + newReferences).sorted {
            (ChunkSummary($0.summary)?.first ?? .min) < (ChunkSummary($1.summary)?.first ?? .min)
        }
        entry.statuses = statuses.codeList
        manifest.series[series] = entry
        let remaining = head.ended.entries.filter { e in !rewrittenTimes.contains { $0.contains(e.key.validTime) } }
        head.ended = EndedRows(remaining)
        head.rows = []
        heads[series] = head
        dirtySeries.insert(series)
    }

    /// Encodes `rows` (in key order) as chunks of `series` and writes them, unsynced until
    /// the next commit.
    mutating func writeChunks(of rows: [VintageRow], series: SeriesID, statuses: inout StatusTable) throws(ProjectionError) -> [ChunkReference] {
        unsyncedFiles = true
        return try Self.writeChunks(of: rows, series: series, statuses: &statuses, writer: writer, directory: directory)
    }

    /// ``writeChunks(of:series:statuses:)`` for any writer and directory (safe to run for
    /// several series at once).
    static func writeChunks(
        of rows: [VintageRow], series: SeriesID, statuses: inout StatusTable,
        writer: SeriesChunkWriter, directory: ProjectionDirectory
    ) throws(ProjectionError) -> [ChunkReference] {
        var references: [ChunkReference] = []
        for chunk in try encodeChunks(of: rows, series: series, statuses: &statuses, writer: writer) {
            do { references.append(try directory.writeUnsyncedChunk(chunk.bytes, summary: chunk.summary)) } catch { throw .file(error) }
        }
        return references
    }

    /// Encodes `rows` (in key order) as the chunks of `series`, each with the summary its
    /// reference records (safe to run for several series at once).
    static func encodeChunks(
        of rows: [VintageRow], series: SeriesID, statuses: inout StatusTable,
        writer: SeriesChunkWriter
    ) throws(ProjectionError) -> [SegmentChunk] {
        var chunks: [SegmentChunk] = []
        for range in writer.chunkRanges(of: rows) {
            let slice = rows[range]
            let bytes: [UInt8]
            do { bytes = try SeriesChunk.encode(slice, statuses: &statuses, encoder: writer.encoder) } catch {
                throw .chunk(series: series, file: "(new)", error)
            }
            let summary = ChunkSummary(rows: slice)
            chunks.append(SegmentChunk(bytes: bytes, summary: summary.bytes))
        }
        return chunks
    }

    /// Puts the announcement timeline into the manifest: inline when small, else in a file of
    /// its own, written only when the timeline changed (so that a commit that does not change
    /// it rewrites neither); a replaced file becomes garbage.
    mutating func storeAnnouncements(_ timeline: AnnouncementTimeline) throws(ProjectionFileError) {
        let bytes = timeline.encoded()
        if manifest.attachments[Self.announcementsName]?.fileReference != nil { replacedChunks = true }
        if bytes.count > Self.inlineAnnouncementsLimit {
            let file = try directory.writeUnsyncedChunk(bytes)
            manifest.attachments[Self.announcementsName] = .file(file)
            // Synced on its own (with a rebuild's segments), or by the syncfs after compactions.
            unsyncedSegments.append(file.name)
        } else {
            manifest.attachments[Self.announcementsName] = .inline(bytes)
        }
        announcementsChanged = false
    }

    /// Makes every change since the last commit durable: syncs the new chunk files (all of
    /// the file system's with one `syncfs` after compactions; each segment file after a
    /// rebuild that wrote only those), then commits a manifest with the changed heads, the
    /// catalog, the correction index and the announcement timeline.
    public mutating func commit() throws(ProjectionError) {
        for series in dirtySeries {
            let head = heads[series]!
            var entry = try entry(of: series) ?? ProjectionManifest.Series(statuses: [nil])
            entry.head = .inline(head.encoded())
            manifest.series[series] = entry
        }
        dirtySeries.removeAll()
        manifest.attachments[Self.catalogName] = .inline(catalog.encoded())
        manifest.attachments[Self.correctionsName] = .inline(corrections.encoded())
        // The timeline is decoded only when events changed it or the manifest has none yet.
        var timeline: AnnouncementTimeline?
        if !pendingAnnouncementEvents.isEmpty || announcementsChanged || manifest.attachments[Self.announcementsName] == nil {
            timeline = try announcementTimeline()
        }
        do {
            if let timeline, announcementsChanged || manifest.attachments[Self.announcementsName] == nil {
                try storeAnnouncements(timeline)
            }
            if unsyncedFiles {
                try directory.syncChunkFiles()
            } else {
                try directory.syncFiles(unsyncedSegments)
            }
            unsyncedFiles = false
            unsyncedSegments = []
            try directory.commit(manifest)
            manifestVersion = DurableFiles.version(of: directory.manifestPath)
        } catch {
            throw .file(error)
        }
    }
}
