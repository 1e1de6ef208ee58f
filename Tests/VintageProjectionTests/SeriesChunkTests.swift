import PropertyBased
import Testing
import VintageColumnar
import VintageCore
import VintageFolds
import VintageProjection
import VintageTestSupport

/// Rows to chunks and back: bit-exact values, statuses through the table, extreme times,
/// the row order and layout checks, and the writer's chunk boundaries.
@Suite struct SeriesChunkTests {
    static let nanWithPayload = Double(bitPattern: 0x7FF8_0000_0000_1234)

    static let rows = [
        VintageRow(validTime: .min, releasedAt: .min, value: -.infinity, seq: 1, visibleFrom: 0, visibleUntil: 1),
        VintageRow(validTime: -5, releasedAt: 100, value: -0.0, seq: 1, visibleFrom: 1),
        VintageRow(validTime: -5, releasedAt: 200, value: 0.1, seq: 2, visibleFrom: 2, visibleUntil: 7, status: "preliminary"),
        VintageRow(validTime: -5, releasedAt: 200, value: 0.3, seq: 7, visibleFrom: 7, status: "final"),
        VintageRow(validTime: 0, releasedAt: 5, value: nanWithPayload, seq: 3, visibleFrom: 3, status: "preliminary"),
        VintageRow(validTime: 10, releasedAt: 5, value: .leastNonzeroMagnitude, seq: .max, visibleFrom: 9, visibleUntil: .max, status: "revised"),
        VintageRow(validTime: .max, releasedAt: .max, value: 1.7976931348623157e308, seq: 4, visibleFrom: .max)
    ]

    /// Whether two row lists are equal with values compared bit for bit.
    static func bitExact(_ a: [VintageRow], _ b: [VintageRow]) -> Bool {
        func fields(_ r: VintageRow) -> [Int64?] {
            [r.validTime, r.releasedAt, Int64(bitPattern: r.value.bitPattern), r.seq, r.visibleFrom, r.visibleUntil]
        }
        return a.count == b.count && zip(a, b).allSatisfy { fields($0) == fields($1) && $0.status == $1.status && $0.correction == $1.correction }
    }

    @Test func rowsComeBackBitForBit() throws {
        var table = try StatusTable()
        let bytes = try SeriesChunk.encode(Self.rows, statuses: &table)
        #expect(table.statuses == ["preliminary", "final", "revised"])
        let chunk = try SeriesChunk(bytes: bytes, statuses: table, verification: .wholeChunk)
        #expect(chunk.rowCount == Self.rows.count)
        #expect(chunk.validTimes == Int64.min...Int64.max)
        let back = try chunk.rows()
        #expect(Self.bitExact(back, Self.rows))
        #expect(back[1].value.sign == .minus)
        #expect(back[6].visibleUntil == .max && back[5].seq == .max)
        #expect(back.allSatisfy { $0.correction == nil })
    }

    @Test func correctionNotesAreNotStored() throws {
        var table = try StatusTable()
        var row = Self.rows[1]
        row.correction = CorrectionNote(correction: .init(unchecked: "c1"), originalValue: 2)
        let back = try SeriesChunk(encoding: [row], statuses: &table).rows()
        #expect(back.count == 1 && back[0].correction == nil && back[0].value.bitPattern == row.value.bitPattern)
    }

    @Test func anExistingTableIsReusedAndExtendedOnlyOnSuccess() throws {
        var table = try StatusTable(["final", "preliminary"])
        _ = try SeriesChunk.encode(Self.rows, statuses: &table)
        #expect(table.statuses == ["final", "preliminary", "revised"])
        #expect(table.code(of: nil) == 0 && table.code(of: "final") == 1 && table.code(of: "revised") == 3)

        var full = try StatusTable((1...StatusTable.capacity).map { "s\($0)" })
        let before = full
        #expect(throws: SeriesChunkError.statusTableFull(status: "preliminary")) { try SeriesChunk.encode(Self.rows, statuses: &full) }
        #expect(full == before)
        // A chunk whose statuses are all in the full table still encodes.
        let known = [
            VintageRow(validTime: 1, releasedAt: 1, value: 1, seq: 1, visibleFrom: 1, status: "s255"),
            VintageRow(validTime: 2, releasedAt: 1, value: 1, seq: 1, visibleFrom: 1)
        ]
        #expect(try SeriesChunk(encoding: known, statuses: &full).rows().map(\.status) == ["s255", nil])
        #expect(throws: SeriesChunkError.statusTableFull(status: "x")) { try StatusTable((1...StatusTable.capacity).map { "s\($0)" } + ["x"]) }
    }

    @Test func aTableRoundTripsThroughItsCodeList() throws {
        let table = try StatusTable(["preliminary", "final"])
        #expect(table.codeList == [nil, "preliminary", "final"])
        #expect(try StatusTable(codeList: table.codeList) == table)
        #expect(try StatusTable(codeList: []) == StatusTable())
        #expect(throws: SeriesChunkError.self) { try StatusTable(codeList: ["final"]) }
        #expect(throws: SeriesChunkError.self) { try StatusTable(codeList: [nil, "a", nil]) }
        #expect(throws: SeriesChunkError.self) { try StatusTable(codeList: [nil, "a", "a"]) }
    }

    @Test func aCodeMissingFromTheTableIsAnError() throws {
        var table = try StatusTable()
        let bytes = try SeriesChunk.encode(Self.rows, statuses: &table)
        let short = try StatusTable(["preliminary"])
        #expect(throws: SeriesChunkError.unknownStatusCode(2)) { try SeriesChunk(bytes: bytes, statuses: short).rows() }
    }

    @Test func rowsOutOfChunkOrderAreRejected() throws {
        var table = try StatusTable()
        #expect(throws: SeriesChunkError.unsorted(index: 2)) {
            try SeriesChunk.encode([Self.rows[1], Self.rows[3], Self.rows[2]], statuses: &table)
        }
        #expect(throws: SeriesChunkError.unsorted(index: 1)) { try SeriesChunk.encode([Self.rows[1], Self.rows[1]], statuses: &table) }
        #expect(table.statuses.isEmpty)
    }

    @Test func aChunkOfAnotherLayoutIsNotASeriesChunk() throws {
        let other = try ChunkEncoder().encode([.int64([1, 2]), .double([1, 2])], validTimeColumn: 0, valueColumn: 1)
        #expect(throws: SeriesChunkError.self) { try SeriesChunk(bytes: other, statuses: StatusTable()) }
        do {
            _ = try SeriesChunk(bytes: other, statuses: StatusTable())
        } catch {
            guard case .notASeriesChunk = error else { Issue.record("unexpected \(error)"); return }
        }
    }

    @Test func aChunkOfLayoutOneIsRefusedByName() throws {
        // The seven per-row columns series chunks had before layout 2.
        let layout1 = try ChunkEncoder().encode(
            [.int64([1]), .int64([2]), .int64([3]), .int64([0]), .int64([.max]), .double([1]), .uint8([0])],
            validTimeColumn: 0, valueColumn: 5)
        do {
            _ = try SeriesChunk(bytes: layout1, statuses: StatusTable())
            Issue.record("a layout-1 chunk was accepted")
        } catch {
            guard case .notASeriesChunk(let what) = error, what.contains("layout 1") else { Issue.record("unexpected \(error)"); return }
        }
    }

    /// Monthly releases, each stating a new month and revising the two before it (the
    /// second revision half the time), one seq per release some 40 apart, figures of 4
    /// significant digits revised by a few units; one correction restating a release.
    static func tradeLikeRows(months: Int) -> [VintageRow] {
        var rng = SplitMix64(state: 3)
        let month: Int64 = 2_629_746_000_000
        var rows: [VintageRow] = []
        var latest: [Int64: Double] = [:]
        var seq: Int64 = 100
        for m in 0..<Int64(months) {
            seq += 30 + Int64(rng.next() % 20)
            let releasedAt = (m + 1) * month + Int64(rng.next() % 3) * 86_400_000_000
            for back: Int64 in [2, 1, 0] where m - back >= 0 {
                let t = (m - back) * month
                if back == 2 && rng.next() % 2 == 0 { continue }
                let value = back == 0 ? Double(5000 + Int(rng.next() % 3000)) * 1e6 : latest[t]! + Double(Int(rng.next() % 21) - 10) * 1e6
                latest[t] = value
                rows.append(VintageRow(validTime: t, releasedAt: releasedAt, value: value, seq: seq, visibleFrom: seq, status: "preliminary"))
            }
        }
        // A correction of release 100 (logged last) ends its rows and restates them.
        let corrected = rows.indices.filter { rows[$0].releasedAt == rows.first { $0.validTime == 100 * month }!.releasedAt }
        seq += 1
        for i in corrected {
            var restated = rows[i]
            rows[i].visibleUntil = seq
            restated.value += 1e6
            restated.seq = seq
            restated.visibleFrom = seq
            rows.append(restated)
        }
        return rows.sorted { $0.key < $1.key }
    }

    @Test func monthlyReleasesTakeAboutTwoBytesAVintage() throws {
        let rows = Self.tradeLikeRows(months: 360)
        var table = try StatusTable()
        let bytes = try SeriesChunk.encode(rows, statuses: &table)
        #expect(Double(bytes.count) / Double(rows.count) <= 3, "\(bytes.count) bytes for \(rows.count) rows")
        let chunk = try SeriesChunk(bytes: bytes, statuses: table, verification: .wholeChunk)
        #expect(Self.bitExact(try chunk.rows(), rows))
        let lastSeq = rows.map(\.seq).max()!
        for q in [
            PointQuery(), PointQuery(asOf: rows[rows.count / 2].releasedAt), PointQuery(atSeq: lastSeq - 1), PointQuery(atSeq: lastSeq),
            PointQuery(firstRelease: true), PointQuery(from: rows[100].validTime, to: rows[400].validTime, latestOnly: true)
        ] {
            #expect(q.points(inSorted: try chunk.rows()) == q.points(in: rows), "\(q)")
        }
        // The release steps and visibleFrom offsets cost next to nothing.
        let header = chunk.header
        #expect(header.columns[5].byteCount < 40 && header.columns[6].byteCount < 4)
    }

    @Test func rowsThatEachBringAnEventAreStoredInRowOrder() throws {
        // Every row its own event (seq), as when observations are appended one by one.
        var rows: [VintageRow] = []
        for p in 0..<200 {
            for r in 0..<(1 + p % 3) {
                let seq = Int64(p * 5 + r + 1)
                rows.append(
                    VintageRow(
                        validTime: Int64(p) * 10, releasedAt: Int64(p * 10 + r * 7 + 100), value: Double(p * 3 + r),
                        seq: seq, visibleFrom: seq))
            }
        }
        var table = try StatusTable()
        let chunk = try SeriesChunk(encoding: rows, statuses: &table)
        #expect(try chunk.rows() == rows)
        // Mode 1 (each event after the row before it): every step but the first is 0.
        let steps = try ChunkReader(chunk.bytes).int64s(column: 5)
        #expect(steps[0] == 1 && steps.dropFirst().allSatisfy { $0 == 0 })
        for q in [PointQuery(), PointQuery(atSeq: 500), PointQuery(asOf: 1000, firstRelease: true)] {
            #expect(q.points(inSorted: try chunk.rows()) == q.points(in: rows))
        }
    }

    @Test func anEmptyChunkHoldsNoRows() throws {
        var table = try StatusTable()
        let chunk = try SeriesChunk(encoding: [VintageRow](), statuses: &table)
        #expect(chunk.rowCount == 0 && chunk.validTimes == nil)
        #expect(try chunk.rows().isEmpty)
        #expect(PointQuery().points(inSorted: try chunk.rows()).isEmpty)
    }

    @Test func theWriterPacksWholeValidTimes() {
        func rows(_ sizes: [Int]) -> [VintageRow] {
            sizes.enumerated().flatMap { t, n in
                (0..<n).map { VintageRow(validTime: Int64(t), releasedAt: Int64($0), value: 0, seq: 1, visibleFrom: 1) }
            }
        }
        #expect(SeriesChunkWriter(rowsPerChunk: 4).chunkRanges(of: rows([3, 1, 5, 2])) == [0..<4, 4..<9, 9..<11])
        #expect(SeriesChunkWriter(rowsPerChunk: 4).chunkRanges(of: []) == [])
        #expect(SeriesChunkWriter().rowsPerChunk == 4096)
    }

    @Test func writerChunksCoverTheRowsWithoutSplittingAValidTime() async {
        await propertyCheck(count: 300, input: Gen.int(in: 1...6).array(of: 0...30), Gen.int(in: 1...8)) { sizes, limit in
            let rows = sizes.enumerated().flatMap { t, n in
                (0..<n).map { VintageRow(validTime: Int64(t), releasedAt: Int64($0), value: 0, seq: 1, visibleFrom: 1) }
            }
            let ranges = SeriesChunkWriter(rowsPerChunk: limit).chunkRanges(of: rows)
            #expect(ranges.first?.lowerBound ?? 0 == 0 && ranges.last?.upperBound ?? 0 == rows.count)
            for (a, b) in zip(ranges, ranges.dropFirst()) {
                #expect(a.upperBound == b.lowerBound)
                #expect(rows[a.upperBound - 1].validTime != rows[b.lowerBound].validTime)
                // Greedy: the next valid time would not have fitted.
                let next = rows[b.lowerBound...].prefix { $0.validTime == rows[b.lowerBound].validTime }.count
                #expect(a.count + next > limit)
            }
            for r in ranges where r.count > limit {
                #expect(Set(rows[r].map(\.validTime)).count == 1)
            }
        }
    }
}
