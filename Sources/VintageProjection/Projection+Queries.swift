import VintageCore
import VintageFiles
import VintageFolds

extension Projection {
    /// The points of `series` that `query` selects, in valid-time order, from the chunks
    /// whose range meets the query's (the others are not read) and the series' head. Chunk
    /// rows are decoded once per process and then selected in one pass.
    public mutating func points(of series: SeriesID, _ query: PointQuery) throws(ProjectionError) -> [VintagePoint] {
        guard try entry(of: series) != nil else { return [] }
        let head = try head(of: series)
        var unbounded = query
        unbounded.latestOnly = false
        let references = try chunkReferences(of: series, from: query.from, to: query.to)
        if query.latestOnly { return try lastPoint(of: series, unbounded, head: head, references: references) }
        var points: [VintagePoint] = []
        if !references.isEmpty {
            let statuses = try statuses(of: series)
            var lastValidTime = Int64.min
            var ordered = true
            for reference in references {
                let rows = try cachedRows(reference, of: series, statuses: statuses)
                guard let first = rows.first else { continue }
                if first.validTime <= lastValidTime { ordered = false }
                lastValidTime = rows[rows.count - 1].validTime
                unbounded.appendPoints(fromSorted: rows, ended: head.ended, to: &points)
            }
            if !ordered { points = Self.mergedPoints(points, firstRelease: query.firstRelease) }
        }
        if !head.rows.isEmpty {
            var recent: [VintagePoint] = []
            unbounded.appendPoints(fromSorted: head.rows, ended: EndedRows(), to: &recent)
            if !recent.isEmpty {
                points = points.isEmpty ? recent : Self.mergedPoints(points + recent, firstRelease: query.firstRelease)
            }
        }
        return points
    }

    /// The last point `query` selects from the series' chunks `references` and its head, as
    /// ``points(of:_:)`` would list it last: each source's last point, found from its end, and
    /// of those the latest valid time (its vintages merged as ``mergedPoints(_:firstRelease:)`` does).
    /// Chunks are read latest-ending first, by the range their summaries record, and only
    /// until the point held lies after every valid time a remaining chunk can hold: usually
    /// the last chunk alone, however long the series; chunks the view cannot see are skipped unread.
    private mutating func lastPoint(
        of series: SeriesID, _ query: PointQuery, head: SeriesHead,
        references: [ChunkReference]
    ) throws(ProjectionError) -> [VintagePoint] {
        var best: VintagePoint?
        func consider(_ point: VintagePoint?) {
            guard let point else { return }
            guard let held = best, point.validTime <= held.validTime else { best = point; return }
            if point.validTime == held.validTime && (query.firstRelease ? point.releasedAt < held.releasedAt : point.releasedAt > held.releasedAt) {
                best = point
            }
        }
        // The head is weighed after the chunks (the first of equal vintages wins), but its
        // last point already bounds which chunks can matter.
        let recent = query.lastPoint(fromSorted: head.rows, ended: EndedRows())
        if !references.isEmpty {
            let statuses = try statuses(of: series)
            let end = query.to.map { $0 &- 1 } ?? .max
            let ordered = references.indices.map { k in
                (k, Swift.min(ChunkSummary.range(references[k].summary)?.last ?? .max, end))
            }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            var picked: [(Int, VintagePoint)] = []
            var bound = recent?.validTime ?? .min
            for (k, last) in ordered {
                if bound > last { break }
                let reference = references[k]
                if let view = ChunkSummary(reference.summary)?.latest, view.showsNothing(to: query) { continue }
                if let point = try lastPoint(in: reference, of: series, query, statuses: statuses, ended: head.ended) {
                    picked.append((k, point))
                    bound = Swift.max(bound, point.validTime)
                }
            }
            // In reference order, as a pass over every chunk would weigh them.
            for (_, point) in picked.sorted(by: { $0.0 < $1.0 }) { consider(point) }
        }
        consider(recent)
        return best.map { [$0] } ?? []
    }

    /// Every row of `series` (chunks with their ended rows applied, and the head), in key
    /// order, without correction notes (see ``annotatedRows(of:from:to:log:)``).
    public mutating func rows(of series: SeriesID, from: Int64? = nil, to: Int64? = nil) throws(ProjectionError) -> [VintageRow] {
        guard try entry(of: series) != nil else { return [] }
        let head = try head(of: series)
        var rows: [VintageRow] = []
        let statuses = try statuses(of: series)
        func inRange(_ row: VintageRow) -> Bool {
            if let from, row.validTime < from { return false }
            if let to, row.validTime >= to { return false }
            return true
        }
        for reference in try chunkReferences(of: series, from: from, to: to) {
            rows += try storedRows(reference, of: series, statuses: statuses, ended: head.ended).filter(inRange)
        }
        rows += head.rows.filter(inRange)
        rows.sort { $0.key < $1.key }
        return rows
    }

    /// Every vintage of the point (`series`, `validTime`) visible now (or after event
    /// `atSeq`), in release order, with correction notes; retracted vintages are absent.
    public mutating func history(
        of series: SeriesID, validTime: Int64, atSeq: Int64? = nil,
        log: some ProjectionLogReader
    ) throws(ProjectionError) -> [HistoryEntry] {
        HistoryEntry.history(
            from: try annotatedRows(of: series, from: validTime, to: validTime == .max ? nil : validTime + 1, log: log),
            atSeq: atSeq)
    }

    /// The metadata of every series defined now (or after event `atSeq`), by id.
    public mutating func metadata(atSeq: Int64? = nil) -> [SeriesID: SeriesMetadata] {
        if atSeq != nil { return catalog.metadata(atSeq: atSeq) }
        if let cached = currentMetadata { return cached }
        let computed = catalog.metadata()
        currentMetadata = computed
        return computed
    }

    /// The metadata of `series` if it is defined now (or after event `atSeq`), reading only
    /// its own definitions (a query of a few named series decodes no other's).
    public func metadata(of series: SeriesID, atSeq: Int64? = nil) -> SeriesMetadata? {
        if atSeq == nil, let cached = currentMetadata { return cached[series] }
        return catalog.metadata(of: series, atSeq: atSeq)
    }

    /// The ids of every series defined now, in id order.
    public mutating func definedSeries() -> [SeriesID] {
        if let cached = currentOrder { return cached }
        let ordered = metadata(atSeq: nil).keys.sorted()
        currentOrder = ordered
        return ordered
    }

    /// The series catalog: every series defined now (or after event `atSeq`) whose tags
    /// match `filter`, in id order, with its point and vintage counts.
    public mutating func catalog(where filter: TagFilter = TagFilter(), atSeq: Int64? = nil) throws(ProjectionError) -> [SeriesSummary] {
        var result: [SeriesSummary] = []
        for (series, metadata) in catalog.metadata(atSeq: atSeq) where filter.matches(metadata.tags) {
            let (points, vintages) = try counts(of: series, atSeq: atSeq)
            result.append(SeriesSummary(series: series, metadata: metadata, points: points, vintages: vintages))
        }
        return result.sorted { $0.series < $1.series }
    }

    /// The number of points and of vintages of `series` visible now (or after `atSeq`).
    public mutating func counts(of series: SeriesID, atSeq: Int64? = nil) throws(ProjectionError) -> (points: Int, vintages: Int) {
        SeriesSummary.counts(ofSorted: try rows(of: series), atSeq: atSeq)
    }

    /// Every series holding rows or a definition, in id order.
    public var seriesIDs: [SeriesID] {
        Set(manifest.series.keys).union(catalog.entries.map(\.definition.series)).sorted()
    }

    /// The bytes of the projection's files the manifest names (chunks), plus the manifest.
    public func storedByteCount() throws(ProjectionError) -> Int {
        do { try manifest.series.checkEveryEntry() } catch { throw .manifest(what: "series entries", error) }
        let files = manifest.referencedFiles.reduce(0) { $0 + $1.byteCount }
        return files + manifest.encoded().count
    }
}

extension Projection {
    /// Per valid time, the first point with the latest (or earliest) release, of points
    /// chosen chunk by chunk; in valid-time order.
    static func mergedPoints(_ points: [VintagePoint], firstRelease: Bool) -> [VintagePoint] {
        let order = points.indices.sorted { (points[$0].validTime, $0) < (points[$1].validTime, $1) }
        var result: [VintagePoint] = []
        result.reserveCapacity(points.count)
        for i in order {
            let p = points[i]
            guard let last = result.last, last.validTime == p.validTime else {
                result.append(p)
                continue
            }
            if firstRelease ? p.releasedAt < last.releasedAt : p.releasedAt > last.releasedAt {
                result[result.count - 1] = p
            }
        }
        return result
    }
}
