import PropertyBased
import Testing
import VintageColumnar
import VintageCore
import VintageTestSupport

@testable import VintageFiles
@testable import VintageFolds
@testable import VintageProjection

/// ``Projection/scanPoints(of:_:summarizing:_:)`` against ``PointQuery/points(in:)`` over
/// every row: random series (single-row points, revisions, corrections, retractions) laid
/// out as chunks — some overlapping — plus head rows and ended rows, queried on all three
/// time axes and for first releases. Columns must be exactly the selected points; a
/// summary must be exactly the aggregate of the selected points it stands for.
@Suite struct ProjectionScanTests {
    static let series = SeriesID(unchecked: "scan.s")

    /// Rows of one series: `points` points 10 apart; most have one current row, some a few
    /// revisions, some a corrected vintage (an ended row and its restatement), some only a
    /// retracted row. Seqs grow in generation order with gaps.
    static func rows(points: Int, rng: inout SplitMix64) -> (rows: [VintageRow], lastSeq: Int64) {
        var rows: [VintageRow] = []
        var seq: Int64 = 0
        func next() -> Int64 {
            seq += Int64.random(in: 1...3, using: &rng)
            return seq
        }
        let values: [Double] = [-0.0, 0, 1.5, -2, 1e10, 0.1, 7]
        let statuses: [String?] = [nil, "preliminary", "final"]
        let clean = rng.next() % 3 == 0
        for p in 0..<points {
            let t = Int64(p) * 10
            let kind = clean ? 0 : Int(rng.next() % 10)
            let release = t + Int64.random(in: 1...20, using: &rng)
            func row(_ releasedAt: Int64, from: Int64, until: Int64 = .max) -> VintageRow {
                VintageRow(
                    validTime: t, releasedAt: releasedAt, value: values.randomElement(using: &rng)!, seq: from,
                    visibleFrom: from, visibleUntil: until, status: statuses.randomElement(using: &rng)!)
            }
            switch kind {
            case 0...5:
                rows.append(row(release, from: next()))
            case 6, 7:
                for r in 0..<Int.random(in: 2...3, using: &rng) { rows.append(row(release + Int64(r) * 7, from: next())) }
            case 8:
                let from = next(), end = next()
                rows.append(row(release, from: from, until: end))
                rows.append(row(release, from: end))
            default:
                let from = next()
                rows.append(row(release, from: from, until: next()))
            }
        }
        return (rows, seq)
    }

    /// A projection in `store` holding `rows` (in key order) of ``series``: some rows in the
    /// head, the rest in chunks of random sizes written in one or two batches (the second
    /// overlapping the first), half the ended chunk rows stored current with their end kept
    /// in the head's ended rows; committed and reopened half the time.
    static func projection(in store: String, rows: [VintageRow], rng: inout SplitMix64) throws -> Projection {
        var projection = Projection.empty(in: try ProjectionDirectory.open(inStore: store))
        projection.writer = SeriesChunkWriter(rowsPerChunk: Int.random(in: 1...12, using: &rng))
        let headShare = [0, 0, 10, 40].randomElement(using: &rng)!
        var head = SeriesHead()
        var batches: [[VintageRow]] = [[], []]
        let twoBatches = rng.next() % 4 == 0
        var validTime: Int64? = nil, batch = 0
        for row in rows {
            if Int(rng.next() % 100) < headShare {
                head.rows.append(row)
                continue
            }
            // A point stays in one batch (the writer never splits one; compaction keeps it so).
            if row.validTime != validTime {
                validTime = row.validTime
                batch = twoBatches ? Int(rng.next() % 2) : 0
            }
            var stored = row
            if !row.isCurrent && rng.next() % 2 == 0 {
                head.ended.end(row.key, at: row.visibleUntil)
                stored.visibleUntil = .max
            }
            batches[batch].append(stored)
        }
        var statuses = try StatusTable()
        var references: [ChunkReference] = []
        for rows in batches where !rows.isEmpty {
            references += try projection.writeChunks(of: rows, series: series, statuses: &statuses)
        }
        projection.manifest.series[series] = ProjectionManifest.Series(chunks: references.shuffled(using: &rng), statuses: statuses.codeList)
        projection.heads[series] = head
        projection.dirtySeries.insert(series)
        if rng.next() % 2 == 0 {
            try projection.commit()
            projection = try Projection.open(inStore: store)
        }
        return projection
    }

    /// The summary of `points` (at least one), in order.
    static func summary(of points: ArraySlice<VintagePoint>) -> PointSummary {
        var s = PointSummary(time: points.first!.validTime, value: points.first!.value)
        for p in points.dropFirst() { s.append(time: p.validTime, value: p.value) }
        return s
    }

    /// Scans with `query` and checks the runs against `expected`; returns the number of
    /// summary runs.
    static func checkScan(
        _ projection: inout Projection, _ query: PointQuery, of scanned: SeriesID = series, expected: [VintagePoint],
        summarizing: @escaping (Int64, Int64) -> Bool
    ) throws -> Int {
        var cursor = 0, summaries = 0
        var problems: [String] = []
        var previousEnd = Int64.min
        try projection.scanPoints(of: scanned, query, summarizing: summarizing) { run in
            switch run {
            case let .points(times, values):
                if times.count != values.count || times.isEmpty { problems.append("run of \(times.count) times, \(values.count) values") }
                if let first = times.first, first <= previousEnd { problems.append("run at \(first) after \(previousEnd)") }
                for (t, v) in zip(times, values) {
                    guard cursor < expected.count, expected[cursor].validTime == t, expected[cursor].value.bitPattern == v.bitPattern else {
                        problems.append("point (\(t), \(v)) where \(cursor < expected.count ? "\(expected[cursor])" : "no point") was expected")
                        return
                    }
                    cursor += 1
                }
                previousEnd = times.last ?? previousEnd
            case let .summary(s):
                summaries += 1
                if s.firstTime <= previousEnd { problems.append("summary at \(s.firstTime) after \(previousEnd)") }
                if !summarizing(s.firstTime, s.lastTime) { problems.append("summary \(s) not allowed") }
                let start = cursor
                while cursor < expected.count && expected[cursor].validTime <= s.lastTime { cursor += 1 }
                guard start < cursor, expected[start].validTime == s.firstTime else {
                    problems.append("summary \(s) where \(start < expected.count ? "\(expected[start])" : "no point") was expected")
                    return
                }
                let wanted = summary(of: expected[start..<cursor])
                if wanted != s || wanted.sum.bitPattern != s.sum.bitPattern { problems.append("summary \(s), points give \(wanted)") }
                previousEnd = s.lastTime
            }
        }
        if cursor != expected.count { problems.append("\(expected.count - cursor) points not handed out") }
        for problem in problems { Issue.record("\(query): \(problem)") }
        return summaries
    }

    @Test func scansEqualThePointsOfEveryRow() async {
        await propertyCheck(count: 150, input: Gen.int(in: 1...60), Gen.uint64(in: 0...UInt64.max)) { points, seed in
            recordingErrors {
                var rng = SplitMix64(state: seed)
                let (rows, lastSeq) = Self.rows(points: points, rng: &rng)
                try withScratchDirectory { store in
                    var projection = try Self.projection(in: store, rows: rows, rng: &rng)
                    let span = Int64(points) * 10
                    let bounds: [Int64?] = [nil, nil, -1, 0, 5, 10, span / 2, span / 2 + 1, span - 10, span, span + 30]
                    for _ in 0..<20 {
                        let query = PointQuery(
                            from: bounds.randomElement(using: &rng)!, to: bounds.randomElement(using: &rng)!,
                            asOf: rng.next() % 2 == 0 ? nil : Int64.random(in: -1...span + 40, using: &rng),
                            atSeq: rng.next() % 2 == 0 ? nil : Int64.random(in: 0...lastSeq + 1, using: &rng),
                            firstRelease: rng.next() % 3 == 0, latestOnly: rng.next() % 5 == 0)
                        var unbounded = query
                        unbounded.latestOnly = false
                        let expected = unbounded.points(in: rows)
                        #expect(try projection.points(of: Self.series, unbounded) == expected)
                        let mode = rng.next() % 3
                        _ = try Self.checkScan(&projection, query, expected: expected) { first, last in
                            mode == 0 || (mode == 1 && (first ^ last) & 16 == 0)
                        }
                    }
                }
            }
        }
    }

    @Test func chunkSummariesAreTheAggregatesOfTheLatestView() async {
        await propertyCheck(count: 200, input: Gen.int(in: 1...40), Gen.uint64(in: 0...UInt64.max)) { points, seed in
            recordingErrors {
                var rng = SplitMix64(state: seed)
                let rows = Self.rows(points: points, rng: &rng).rows.sorted { $0.key < $1.key }
                let summary = ChunkSummary(rows: rows)
                let latest = try #require(summary.latest)
                let selected = PointQuery().points(in: rows)
                #expect(latest.points == (selected.isEmpty ? nil : Self.summary(of: selected[...])))
                #expect(latest.latestRelease == rows.map(\.releasedAt).max())
                #expect(latest.latestLogPosition == rows.flatMap { [$0.visibleFrom] + ($0.isCurrent ? [] : [$0.visibleUntil]) }.max())
                #expect(latest.earliestRelease == rows.map(\.releasedAt).min())
                #expect(latest.earliestVisibleFrom == rows.map(\.visibleFrom).min())
                #expect(latest.onePerPoint == (Set(rows.map(\.validTime)).count == rows.count))
                #expect(latest.allCurrent == rows.allSatisfy(\.isCurrent))
                #expect(summary.first == rows.first!.validTime && summary.last == rows.last!.validTime)
                let decoded = try #require(ChunkSummary(summary.bytes))
                #expect(decoded == summary)
                #expect(decoded.latest?.points?.sum.bitPattern == summary.latest?.points?.sum.bitPattern)
            }
        }
    }

    @Test func aRangeOnlySummaryStillPrunes() throws {
        let old = ChunkSummary(first: 10, last: 20)
        #expect(old.bytes.count == 16)
        #expect(ChunkSummary(old.bytes) == old)
        // A latest view that cannot be read is left out, the range kept.
        var damaged = ChunkSummary(rows: [VintageRow(validTime: 10, releasedAt: 11, value: 1, seq: 1, visibleFrom: 1)]).bytes
        damaged[16] = 0xFF
        #expect(ChunkSummary(damaged) == ChunkSummary(first: 10, last: 10))
        #expect(ChunkSummary([1, 2, 3]) == nil)
    }

    /// A clean series of 40 points in chunks of 8 rows, released at t + 5 with seq t / 10 + 1.
    static func cleanRows() -> [VintageRow] {
        (0..<40).map { p in
            VintageRow(validTime: Int64(p) * 10, releasedAt: Int64(p) * 10 + 5, value: Double(p), seq: Int64(p) + 1, visibleFrom: Int64(p) + 1)
        }
    }

    static func cleanProjection(in store: String, head: SeriesHead = SeriesHead()) throws -> Projection {
        var projection = Projection.empty(in: try ProjectionDirectory.open(inStore: store))
        projection.writer = SeriesChunkWriter(rowsPerChunk: 8)
        var statuses = try StatusTable()
        let references = try projection.writeChunks(of: cleanRows(), series: series, statuses: &statuses)
        projection.manifest.series[series] = ProjectionManifest.Series(chunks: references, statuses: statuses.codeList)
        projection.heads[series] = head
        return projection
    }

    @Test func wholeChunksOfTheLatestViewComeAsSummaries() throws {
        try withScratchDirectory { store in
            var projection = try Self.cleanProjection(in: store)
            let rows = Self.cleanRows()
            for query in [PointQuery(), PointQuery(asOf: 395), PointQuery(atSeq: 40), PointQuery(firstRelease: true)] {
                #expect(try Self.checkScan(&projection, query, expected: query.points(in: rows)) { _, _ in true } == 5, "\(query)")
            }
            // As of a release inside the second chunk: the first from its summary, the
            // second decoded, the others (released later) seen as empty.
            let early = PointQuery(asOf: 154)
            #expect(try Self.checkScan(&projection, early, expected: early.points(in: rows)) { _, _ in true } == 1)
            // Ranges cutting chunks: the edge chunks come as points.
            let cut = PointQuery(from: 15, to: 245)
            #expect(try Self.checkScan(&projection, cut, expected: cut.points(in: rows)) { _, _ in true } == 2)
            #expect(try Self.checkScan(&projection, PointQuery(), expected: PointQuery().points(in: rows)) { _, _ in false } == 0)
        }
    }

    @Test func aSummaryIsNotUsedWhereTheViewDiffersFromTheLatest() throws {
        let rows = Self.cleanRows()
        try withScratchDirectory { store in
            var projection = try Self.cleanProjection(in: store)
            // Released by 394, or known at seq 39: the last chunk's last point is not there yet.
            for query in [PointQuery(asOf: 394), PointQuery(atSeq: 39)] {
                #expect(try Self.checkScan(&projection, query, expected: query.points(in: rows)) { _, _ in true } == 4, "\(query)")
            }
        }
        // A correction of point 100 applied in the head: the chunk row ended at seq 50, its
        // restatement (value 1000) a head row; and point 200 retracted at seq 55 (only an
        // ended row in the head).
        var ended = EndedRows()
        ended.end(rows[10].key, at: 50)
        ended.end(rows[20].key, at: 55)
        var restated = rows[10]
        restated.value = 1000
        restated.seq = 50
        restated.visibleFrom = 50
        var corrected = rows
        corrected[10].visibleUntil = 50
        corrected[20].visibleUntil = 55
        corrected.append(restated)
        try withScratchDirectory { store in
            var projection = try Self.cleanProjection(in: store, head: SeriesHead(rows: [restated], ended: ended))
            for query in [PointQuery(), PointQuery(atSeq: 49), PointQuery(atSeq: 55), PointQuery(firstRelease: true)] {
                let expected = query.points(in: corrected)
                #expect(try Self.checkScan(&projection, query, expected: expected) { _, _ in true } == 3, "\(query)")
            }
        }
        // A revision of point 100 in the head (released later): the chunk's summary is stale
        // for the latest view, still right for a first-release view (head rows are read too).
        var revision = rows[10]
        revision.releasedAt = 500
        revision.value = -3
        revision.seq = 60
        revision.visibleFrom = 60
        try withScratchDirectory { store in
            var projection = try Self.cleanProjection(in: store, head: SeriesHead(rows: [revision]))
            for query in [PointQuery(), PointQuery(firstRelease: true), PointQuery(asOf: 499)] {
                let expected = query.points(in: rows + [revision])
                #expect(try Self.checkScan(&projection, query, expected: expected) { _, _ in true } == 4, "\(query)")
            }
        }
    }

    @Test func scansOfARebuiltProjectionReadEachSeriesOwnChunks() throws {
        // Two series, their points interleaved in the log: a rebuild packs both series'
        // chunks into segment files, so chunks share file names and differ by offset.
        let ids = ["a.one", "b.two"]
        var lines = ids.map { #"{"type":"series","series":"\#($0)"}"# }
        for day in 1...28 {
            for (k, id) in ids.enumerated() {
                let period = "2026-02-" + (day < 10 ? "0" : "") + "\(day)"
                lines.append(
                    #"{"type":"observation","series":"\#(id)","period":"\#(period)","value":\#(day * 10 + k),"released_at":"2026-03-01T00:00:00Z"}"#)
            }
        }
        let log = ReplayRangesTests.MemoryLog(try logged(lines.joined(separator: "\n")))
        try withScratchDirectory { store in
            var projection = try Projection.open(inStore: store)
            try projection.rebuild(log: log)
            for _ in 0..<2 {
                for id in ids.map(s) {
                    let expected = try projection.points(of: id, PointQuery())
                    #expect(expected.count == 28)
                    for summarizing in [false, true] {
                        _ = try Self.checkScan(&projection, PointQuery(), of: id, expected: expected) { _, _ in summarizing }
                        let range = PointQuery(from: p("2026-02-03"), to: p("2026-02-20"))
                        _ = try Self.checkScan(&projection, range, of: id, expected: range.points(in: try projection.rows(of: id))) { _, _ in
                            summarizing
                        }
                    }
                }
            }
        }
    }
}
