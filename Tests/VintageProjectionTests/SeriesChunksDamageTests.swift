import Testing
import VintageColumnar
import VintageProjection
import VintageFolds

/// Pruning by zone map (a chunk outside the range is never decoded, shown with a chunk
/// whose header is sound and whose columns are damaged) and damaged chunks (typed errors,
/// never a trap, never a wrong answer).
@Suite struct SeriesChunksDamageTests {
    /// 30 monthly-like points (valid times 0, 10, …, 290), two releases each, the first
    /// ended by a correction at seq 50; statuses on some.
    static let rows: [VintageRow] = (0..<30).flatMap { p -> [VintageRow] in
        let t = Int64(p) * 10
        return [
            VintageRow(validTime: t, releasedAt: 1000 + t, value: Double(p) + 0.5, seq: Int64(p) + 1, visibleFrom: Int64(p) + 1,
                       visibleUntil: p % 3 == 0 ? 50 : .max, status: "preliminary"),
            VintageRow(validTime: t, releasedAt: 2000 + t, value: Double(p) * 1.25, seq: Int64(p) + 31, visibleFrom: Int64(p) + 31,
                       status: p % 2 == 0 ? "final" : nil),
        ]
    }

    /// The chunks of ``rows``, 20 rows (10 points) each, and their status table.
    static func chunks() throws -> ([[UInt8]], StatusTable) {
        var table = try StatusTable()
        let bytes = try SeriesChunkWriter(rowsPerChunk: 20).chunks(rows, statuses: &table)
        return (bytes, table)
    }

    /// Where the column payloads of a series chunk start: fixed header, 9 directory entries,
    /// header checksum (FORMAT.md).
    static let payloadStart = 72 + 12 * 9 + 4

    @Test func aChunkOutsideTheRangeIsNotDecoded() throws {
        var (bytes, table) = try Self.chunks()
        #expect(bytes.count == 3)
        // Damage the first byte of every column payload of the last chunk (valid times 200...290):
        // its header and zone map stay sound, any decoded column fails its checksum.
        let header = try bytes[2].withUnsafeBytes { try ChunkHeader(parsing: $0, verification: .headerThenColumns) }
        var offset = Self.payloadStart
        for column in header.columns {
            bytes[2][offset] ^= 0x5A
            offset += column.byteCount
        }
        let chunks = try SeriesChunks(bytes: bytes, statuses: table)
        for q in [PointQuery(to: 200), PointQuery(from: 20, to: 191), PointQuery(to: 200, atSeq: 40), PointQuery(to: 150, latestOnly: true)] {
            #expect(try chunks.points(q) == q.points(in: Self.rows), "\(q)")
        }
        #expect(try chunks.history(validTime: 190) == [HistoryEntry(Self.rows[38]), HistoryEntry(Self.rows[39])])
        // The damage is there: a query reaching the chunk fails with a column checksum error
        // (on the point row counts, the first column a reader decodes).
        #expect(throws: SeriesChunkError.chunk(.checksumMismatch(.column(1)))) { try chunks.points(PointQuery(from: 150)) }
        #expect(throws: SeriesChunkError.chunk(.checksumMismatch(.column(1)))) { try chunks.history(validTime: 200) }
        #expect(throws: SeriesChunkError.chunk(.checksumMismatch(.chunk))) {
            try SeriesChunk(bytes: bytes[2], statuses: table, verification: .wholeChunk)
        }
    }

    @Test func onlyTheColumnsAQueryNeedsAreRead() throws {
        var (bytes, table) = try Self.chunks()
        // Damage visibleFrom (column 6) of every chunk: queries now need it only with atSeq.
        for i in bytes.indices {
            let header = try bytes[i].withUnsafeBytes { try ChunkHeader(parsing: $0, verification: .headerThenColumns) }
            let offset = Self.payloadStart + header.columns[0..<6].reduce(0) { $0 + $1.byteCount }
            bytes[i][offset] ^= 0x01
        }
        let chunks = try SeriesChunks(bytes: bytes, statuses: table)
        for q in [PointQuery(), PointQuery(asOf: 2100), PointQuery(firstRelease: true)] {
            #expect(try chunks.points(q) == q.points(in: Self.rows))
        }
        #expect(throws: SeriesChunkError.chunk(.checksumMismatch(.column(6)))) { try chunks.points(PointQuery(atSeq: 45)) }
    }

    @Test func everyDamagedByteGivesATypedErrorOrTheSameAnswer() throws {
        let (bytes, table) = try Self.chunks()
        let original = bytes[1]
        let queries = [PointQuery(), PointQuery(atSeq: 40), PointQuery(asOf: 1500, firstRelease: true)]
        let expected = queries.map { $0.points(in: Self.rows) }
        var errors = 0, same = 0
        for offset in original.indices {
            for flip: UInt8 in [0x01, 0x80, 0xFF] {
                var damaged = bytes
                damaged[1][offset] ^= flip
                do {
                    let chunks = try SeriesChunks(bytes: damaged, statuses: table)
                    for (q, e) in zip(queries, expected) {
                        #expect(try chunks.points(q) == e, "byte \(offset) ^ \(flip): \(q)")
                    }
                    _ = try chunks.allRows()
                    same += 1
                } catch {
                    errors += 1
                }
                // Checked whole, every damaged chunk is rejected.
                #expect(throws: SeriesChunkError.self) { try SeriesChunk(bytes: damaged[1], statuses: table, verification: .wholeChunk) }
            }
        }
        // Only the trailer's checksum is outside what these reads verify.
        #expect(same == 4 * 3)
        #expect(errors == (original.count - 4) * 3)
    }

    @Test func everyTruncationIsATypedError() throws {
        let (bytes, table) = try Self.chunks()
        for length in 0..<bytes[0].count {
            #expect(throws: SeriesChunkError.self) { try SeriesChunk(bytes: Array(bytes[0][..<length]), statuses: table) }
        }
        #expect(throws: SeriesChunkError.chunk(.badMagic)) { try SeriesChunk(bytes: Array("not a chunk at all, really".utf8), statuses: table) }
    }
}
