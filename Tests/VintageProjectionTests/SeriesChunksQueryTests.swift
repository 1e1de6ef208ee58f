import PropertyBased
import Testing
import VintageColumnar
import VintageFolds
import VintageProjection
import VintageTestSupport

/// Point queries and history answered from chunks as a projection answers them (each chunk's
/// rows decoded, the ended rows applied, ``PointQuery/points(inSorted:ended:)`` and
/// ``HistoryEntry/history(from:atSeq:)``) against ``PointQuery/points(in:)`` over the same
/// rows: rows of random valid logs (folded as in ``FoldModelTests``) and generated rows,
/// random ended-row overrides, chunks of random small sizes — cut by the writer, or at
/// arbitrary rows (splitting a point) and handed over shuffled.
@Suite struct SeriesChunksQueryTests {
    /// Ends a random quarter of `rows` earlier (never later, so a vintage keeps at most one
    /// visible row), plus an entry matching no row; returns the overrides and the rows with
    /// them applied, without correction notes (chunks do not store them).
    static func endSome(_ rows: [VintageRow], lastSeq: Int64, rng: inout SplitMix64) -> (EndedRows, [VintageRow]) {
        var ended = EndedRows()
        var expected = rows.map { row -> VintageRow in
            var r = row; r.correction = nil; return r
        }
        for i in rows.indices where rng.next() % 4 == 0 {
            let upper = rows[i].visibleUntil == .max ? lastSeq + 2 : rows[i].visibleUntil
            let end = Int64.random(in: min(rows[i].visibleFrom, upper)...upper, using: &rng)
            ended.end(rows[i].key, at: end)
            expected[i].visibleUntil = end
        }
        if rng.next() % 2 == 0 {
            ended.end(RowKey(validTime: 7, releasedAt: -1, visibleFrom: 3), at: 4)
        }
        return (ended, expected)
    }

    /// The chunks of `rows` (in key order): by the writer, or cut at random rows and
    /// shuffled; plus an empty chunk; and the status table after the last (each chunk's
    /// table is a prefix of it).
    static func chunks(of rows: [VintageRow], rng: inout SplitMix64) throws -> ([[UInt8]], StatusTable) {
        var table = try StatusTable(rng.next() % 2 == 0 ? [] : ["final"])
        let perChunk = Int(rng.next() % 5) + 1
        var bytes: [[UInt8]]
        if rng.next() % 2 == 0 {
            bytes = try SeriesChunkWriter(rowsPerChunk: perChunk).chunks(rows, statuses: &table)
        } else {
            bytes = []
            var start = 0
            while start < rows.count {
                let end = min(rows.count, start + Int(rng.next() % UInt64(perChunk)) + 1)
                bytes.append(try SeriesChunk.encode(rows[start..<end], statuses: &table))
                start = end
            }
            bytes.shuffle(using: &rng)
        }
        bytes.append(try SeriesChunk.encode([VintageRow](), statuses: &table))
        return (bytes, table)
    }

    /// A random query; `atSeq` nil or in `0...lastSeq + 1`.
    static func query(bounds: [Int64?], asOfs: [Int64?], lastSeq: Int64, rng: inout SplitMix64) -> PointQuery {
        PointQuery(
            from: bounds.randomElement(using: &rng)!, to: bounds.randomElement(using: &rng)!,
            asOf: asOfs.randomElement(using: &rng)!,
            atSeq: Bool.random(using: &rng) ? nil : Int64.random(in: 0...lastSeq + 1, using: &rng),
            firstRelease: Bool.random(using: &rng), latestOnly: Bool.random(using: &rng))
    }

    /// History of one point as a fold lists it, from plain rows.
    static func history(_ rows: [VintageRow], validTime: Int64, atSeq: Int64?) -> [HistoryEntry] {
        rows.filter { $0.validTime == validTime && (atSeq.map($0.isVisible(atSeq:)) ?? $0.isCurrent) }
            .sorted { $0.releasedAt < $1.releasedAt }.map(HistoryEntry.init)
    }

    /// Every row of the chunks in `bytes`, decoded as a projection decodes them, in key order
    /// (ended rows not applied).
    static func storedRows(_ bytes: [[UInt8]], statuses: StatusTable) throws -> [VintageRow] {
        try bytes.flatMap { try SeriesChunk(bytes: $0, statuses: statuses).rows() }.sorted { $0.key < $1.key }
    }

    /// Checks every answer of chunks of `rows` against the plain rows; returns mismatches.
    static func check(_ rows: [VintageRow], lastSeq: Int64, bounds: [Int64?], asOfs: [Int64?], rng: inout SplitMix64) throws -> Int {
        let sorted = rows.sorted { $0.key < $1.key }
        let (ended, expected) = endSome(sorted, lastSeq: lastSeq, rng: &rng)
        let (bytes, table) = try chunks(of: sorted, rng: &rng)
        let stored = try storedRows(bytes, statuses: table)
        let applied = stored.map(ended.applied(to:))
        var mismatches = 0
        func record<T: Equatable>(_ actual: T, _ wanted: T, _ what: String) {
            if actual != wanted {
                mismatches += 1
                Issue.record("\(what)\n  chunks: \(actual)\n  rows:   \(wanted)\n  rows given: \(sorted)\n  ended: \(ended.entries)")
            }
        }
        record(applied, expected, "all rows")
        for _ in 0..<12 {
            let q = query(bounds: bounds, asOfs: asOfs, lastSeq: lastSeq, rng: &rng)
            record(q.points(inSorted: stored, ended: ended), q.points(in: expected), "points \(q)")
        }
        for validTime in Set(sorted.map(\.validTime)) {
            let atSeq: Int64? = Bool.random(using: &rng) ? nil : Int64.random(in: 0...lastSeq + 1, using: &rng)
            record(
                HistoryEntry.history(from: applied.filter { $0.validTime == validTime }, atSeq: atSeq),
                history(expected, validTime: validTime, atSeq: atSeq), "history \(validTime) at \(String(describing: atSeq))")
        }
        return mismatches
    }

    @Test func chunksOfFoldedRowsAnswerLikeTheRows() async {
        await propertyCheck(count: 400, input: Gen.uint64(in: 0...UInt64.max).array(of: 1...50), Gen.uint64(in: 0...UInt64.max)) { codes, seed in
            recordingErrors {
                let log = FoldModelTests.validLog(codes)
                var fold = VintageFold()
                for e in log { fold.apply(e.event, id: e.id, seq: e.seq) }
                var rng = SplitMix64(state: seed)
                var mismatches = 0
                for series in FoldModelTests.series {
                    mismatches += try Self.check(
                        fold.rows(of: series), lastSeq: fold.lastSeq,
                        bounds: FoldModelTests.bounds, asOfs: FoldModelTests.asOfs, rng: &rng)
                }
                #expect(mismatches == 0)
            }
        }
    }

    @Test func chunksOfGeneratedRowsAnswerLikeTheRows() async {
        // Up to 40 points 10 apart, 1–3 releases each, each vintage stated by 1–2 rows one
        // after another in log positions; values including -0.0.
        await propertyCheck(count: 300, input: Gen.int(in: 1...40), Gen.uint64(in: 0...UInt64.max)) { points, seed in
            recordingErrors {
                var rng = SplitMix64(state: seed)
                var rows: [VintageRow] = []
                let values: [Double] = [-0.0, 0, 1.5, -2, 1e10, 0.1]
                let statuses: [String?] = [nil, "preliminary", "final"]
                for p in 0..<points {
                    for release in Set((0..<Int.random(in: 1...3, using: &rng)).map { _ in Int64.random(in: 0...9, using: &rng) * 10 }) {
                        var from = Int64.random(in: 1...20, using: &rng)
                        for n in 0..<Int.random(in: 1...2, using: &rng) {
                            let until: Int64 = n == 0 && Bool.random(using: &rng) ? from + Int64.random(in: 1...10, using: &rng) : .max
                            rows.append(
                                VintageRow(
                                    validTime: Int64(p) * 10, releasedAt: release, value: values.randomElement(using: &rng)!,
                                    seq: from, visibleFrom: from, visibleUntil: until, status: statuses.randomElement(using: &rng)!))
                            if until == .max { break }
                            from = until + Int64.random(in: 0...2, using: &rng)
                        }
                    }
                }
                rows.shuffle(using: &rng)
                let bounds: [Int64?] = [nil, -1, 0, 5, 10, 95, 100, 200, 401]
                let asOfs: [Int64?] = [nil, -1, 0, 9, 10, 45, 90, 1000]
                let mismatches = try Self.check(rows, lastSeq: 40, bounds: bounds, asOfs: asOfs, rng: &rng)
                #expect(mismatches == 0)
            }
        }
    }
}
