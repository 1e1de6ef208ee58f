import Testing
import VintageColumnar
import VintageFolds
import VintageProjection

/// Damaged chunks, read as a projection reads them (each chunk's rows decoded, then
/// ``PointQuery/points(inSorted:ended:)``): typed errors, never a trap, never a wrong answer.
@Suite struct SeriesChunksDamageTests {
    /// 30 monthly-like points (valid times 0, 10, …, 290), two releases each, the first
    /// ended by a correction at seq 50; statuses on some.
    static let rows: [VintageRow] = (0..<30).flatMap { p -> [VintageRow] in
        let t = Int64(p) * 10
        return [
            VintageRow(
                validTime: t, releasedAt: 1000 + t, value: Double(p) + 0.5, seq: Int64(p) + 1, visibleFrom: Int64(p) + 1,
                visibleUntil: p % 3 == 0 ? 50 : .max, status: "preliminary"),
            VintageRow(
                validTime: t, releasedAt: 2000 + t, value: Double(p) * 1.25, seq: Int64(p) + 31, visibleFrom: Int64(p) + 31,
                status: p % 2 == 0 ? "final" : nil)
        ]
    }

    /// The chunks of ``rows``, 20 rows (10 points) each, and their status table.
    static func chunks() throws -> ([[UInt8]], StatusTable) {
        var table = try StatusTable()
        let bytes = try SeriesChunkWriter(rowsPerChunk: 20).chunks(rows, statuses: &table)
        return (bytes, table)
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
                    let rows = try damaged.flatMap { try SeriesChunk(bytes: $0, statuses: table).rows() }.sorted { $0.key < $1.key }
                    for (q, e) in zip(queries, expected) {
                        #expect(q.points(inSorted: rows) == e, "byte \(offset) ^ \(flip): \(q)")
                    }
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
