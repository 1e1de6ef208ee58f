import PropertyBased
import Testing

@_spi(Testing) @testable import VintageColumnar

@Suite("Damaged chunks")
struct CorruptionTests {
    /// A small chunk with every column type, several encodings and an LZ4-compressed column.
    static func sample() throws -> [UInt8] {
        let n = 64
        let months = Columns.calendarMonths(count: n, startYear: 2000)
        let columns: [Column] = [
            .int64(months),
            .int64((0..<n).map { 1_700_000_000_000_000 + Int64($0 * $0) }),
            .int64((0..<n).map { Int64($0) + 100 }),
            .double((0..<n).map { Double($0 % 7) * 1.25 + ($0 == 5 ? 0.1234567891 : 0) }),
            .uint8((0..<n).map { UInt8($0 % 3) }),
            .double(Array(repeating: 2.5, count: n / 2) + Array(repeating: -0.0, count: n / 2)),
            .double((0..<n).map { Double(bitPattern: 0x4000_0000_0000_0000 | UInt64($0 * 7919) << 20) }),
            .int64(Array(repeating: 42, count: n))
        ]
        let bytes = try ChunkEncoder().encode(columns, validTimeColumn: 0, valueColumn: 3)
        let header = try bytes.withUnsafeBytes { try ChunkHeader(parsing: $0) }
        #expect(header.columns.contains { $0.isCompressed }, "the sample should exercise LZ4")
        return bytes
    }

    /// Opens and decodes everything.
    static func readAll(_ bytes: [UInt8], _ mode: ChunkVerification) throws {
        let reader = try ChunkReader(bytes, verification: mode)
        _ = try reader.allColumns()
    }

    @Test("flipping any bit pattern of any single byte is detected")
    func everyByteFlipped() throws {
        let original = try Self.sample()
        let trailer = (original.count - 4)..<original.count
        for i in original.indices {
            for mask: UInt8 in [0x01, 0x80, 0xFF] {
                var damaged = original
                damaged[i] ^= mask
                #expect(throws: ChunkError.self, "byte \(i) ^ \(mask)") { try Self.readAll(damaged, .wholeChunk) }
                // Reading lazily, damage anywhere but the trailer shows up by the time every column is decoded.
                if !trailer.contains(i) {
                    #expect(throws: ChunkError.self, "lazily, byte \(i) ^ \(mask)") { try Self.readAll(damaged, .headerThenColumns) }
                }
            }
        }
    }

    @Test("every truncation, and every extension, is detected")
    func everyLength() throws {
        let original = try Self.sample()
        for length in 0..<original.count {
            for mode in [ChunkVerification.wholeChunk, .headerThenColumns] {
                #expect(throws: ChunkError.self, "\(length) bytes") { try Self.readAll(Array(original.prefix(length)), mode) }
            }
        }
        #expect(throws: ChunkError.self) { try Self.readAll(original + [0], .wholeChunk) }
        #expect(throws: ChunkError.self) { try Self.readAll(original + [0], .headerThenColumns) }
    }

    @Test("bad magic and unknown versions are named")
    func magicAndVersion() throws {
        var bytes = try Self.sample()
        #expect(throws: ChunkError.truncated("the magic")) { try ChunkReader([0x56, 0x54]) }
        bytes[0] = 0x00
        #expect(throws: ChunkError.badMagic) { try ChunkReader(bytes) }
        bytes = try Self.sample()
        bytes[4] = 4
        #expect(throws: ChunkError.unsupportedVersion(4)) { try ChunkReader(bytes) }
        bytes[4] = 0
        #expect(throws: ChunkError.unsupportedVersion(0)) { try ChunkReader(bytes) }
    }

    static func reseal(_ bytes: inout [UInt8]) {
        bytes = ChunkFormat.resealing(bytes)
    }

    @Test("with checksums repaired, every byte flip still decodes to valid columns or throws")
    func resealedFlipsAreTotal() throws {
        let original = try Self.sample()
        for i in original.indices {
            for mask: UInt8 in [0x01, 0x10, 0xFF] {
                var damaged = original
                damaged[i] ^= mask
                Self.reseal(&damaged)
                // Must not trap; when it decodes, the columns must have the chunk's row count.
                if let reader = try? ChunkReader(damaged), let columns = try? reader.allColumns() {
                    #expect(columns.allSatisfy { $0.count == reader.rowCount })
                }
            }
        }
    }

    @Test("a huge row count or decoded length is refused before anything is allocated")
    func lengthsAreBounded() throws {
        var bytes = try ChunkEncoder().encode([.int64(Array(repeating: 7, count: 10))])
        bytes.storeLE(UInt32.max, at: 8)
        Self.reseal(&bytes)
        #expect(throws: ChunkError.lengthOutOfRange("4294967295 rows, at most 1048576 allowed")) { try ChunkReader(bytes) }

        // An LZ4 column declaring a decoded length beyond the plain size of its rows.
        let repeating = (0..<200).map { Double($0 % 5) + 0.123456789123 }
        var chunk = try ChunkEncoder().encode([.double(repeating)])
        let header = try chunk.withUnsafeBytes { try ChunkHeader(parsing: $0) }
        try #require(header.columns[0].isCompressed)
        chunk.storeLE(UInt32(200 * 8 + 1), at: header.columns[0].offset)
        Self.reseal(&chunk)
        #expect(throws: ChunkError.self) { try ChunkReader(chunk).doubles(column: 0) }
    }

    @Test("random payloads handed to every decoder throw or decode, never trap")
    func decodersAreTotal() async throws {
        let input = zip(Gen<UInt8>.value(in: 0...255).array(of: 0...80), Gen.int(in: 0...40), Gen.int(in: 0...7))
        await propertyCheck(count: 3000, input: input) { (payload, count, id) in
            let encoding = Encoding(rawValue: UInt8(id))!
            payload.withUnsafeBytes { raw in
                var ints = [Int64](repeating: 0, count: count)
                _ = try? ints.withUnsafeMutableBufferPointer { try Int64Codec.decode(raw, as: encoding, into: $0) }
                var doubles = [Double](repeating: 0, count: count)
                _ = try? doubles.withUnsafeMutableBufferPointer { try DoubleCodec.decode(raw, as: encoding, into: $0) }
                var flags = [UInt8](repeating: 0, count: count)
                _ = try? flags.withUnsafeMutableBufferPointer { try UInt8Codec.decode(raw, as: encoding, into: $0) }
            }
        }
    }
}
