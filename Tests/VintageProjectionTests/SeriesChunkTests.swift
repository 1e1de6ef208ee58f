import PropertyBased
import Testing
import VintageColumnar
import VintageCore
import VintageProjection

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
        VintageRow(validTime: .max, releasedAt: .max, value: 1.7976931348623157e308, seq: 4, visibleFrom: .max),
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
        let known = [VintageRow(validTime: 1, releasedAt: 1, value: 1, seq: 1, visibleFrom: 1, status: "s255"),
                     VintageRow(validTime: 2, releasedAt: 1, value: 1, seq: 1, visibleFrom: 1)]
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

    @Test func anEmptyChunkHoldsNoRows() throws {
        var table = try StatusTable()
        let chunk = try SeriesChunk(encoding: [VintageRow](), statuses: &table)
        #expect(chunk.rowCount == 0 && chunk.validTimes == nil)
        #expect(try chunk.rows().isEmpty)
        #expect(try SeriesChunks([chunk]).points(PointQuery()).isEmpty)
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
