import Foundation
import PropertyBased
import Testing
import VintageBits
import VintageTestSupport

@_spi(Testing) @testable import VintageColumnar

@Suite("Entropy-coded integers")
struct EntropyTests {
    /// Laplacian integers of scale `b` about `centre`.
    static func laplacian(_ n: Int, b: Double, centre: Int64 = 0, seed: UInt64) -> [Int64] {
        var rng = SplitMix64(state: seed)
        return (0..<n).map { _ in
            let u = (Double(rng.next() >> 11) + 0.5) / 9_007_199_254_740_992.0
            let magnitude = Int64(-log(u) * b)
            return centre &+ (rng.next() & 1 == 0 ? magnitude : -magnitude)
        }
    }

    /// Geometric integers (failures before a success of probability `p`).
    static func geometric(_ n: Int, p: Double, seed: UInt64) -> [Int64] {
        var rng = SplitMix64(state: seed)
        return (0..<n).map { _ in
            let u = (Double(rng.next() >> 11) + 0.5) / 9_007_199_254_740_992.0
            return Int64(log(u) / log(1 - p))
        }
    }

    /// Columns of many distributions, by name.
    static func distributions(_ n: Int, seed: UInt64) -> [(String, [Int64])] {
        var rng = SplitMix64(state: seed)
        return [
            ("laplacian 3", laplacian(n, b: 3, seed: seed)),
            ("laplacian 1e6 about 2^40", laplacian(n, b: 1e6, centre: 1 << 40, seed: seed)),
            ("geometric 0.3", geometric(n, p: 0.3, seed: seed)),
            ("geometric 0.001 times 86400", geometric(n, p: 0.001, seed: seed).map { $0 * 86_400 }),
            ("uniform wide", (0..<n).map { _ in Int64(bitPattern: rng.next()) }),
            ("uniform byte", (0..<n).map { _ in Int64(rng.next() & 255) }),
            ("extremes", (0..<n).map { _ in [Int64.min, .max, 0, -1, 1, .min + 1, .max - 1][Int(rng.next() % 7)] }),
            ("min and max", (0..<n).map { $0 % 3 == 0 ? Int64.min : .max }),
            ("scaled laplacian", laplacian(n, b: 4, seed: seed).map { $0 &* 1_000_000_007 }),
            ("one value", Array(repeating: -7, count: n)),
            ("two values far apart", (0..<n).map { _ in rng.next() & 1 == 0 ? 5 : 5 + (1 << 50) })
        ]
    }

    static func encode(_ values: [Int64], as encoding: Encoding) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try values.withUnsafeBufferPointer { try Int64Codec.encode($0, as: encoding, into: &bytes) }
        return bytes
    }

    @Test("entropy blocks of many distributions and lengths round-trip, whole and as prefixes")
    func roundTrips() throws {
        for n in [1, 2, 3, 16, 100, 4096] {
            for (name, values) in Self.distributions(n, seed: UInt64(n)) {
                let bytes = try Self.encode(values, as: .entropy)
                #expect(try CodecRoundTripTests.decodeInt64(bytes, .entropy, count: n) == values, "\(name), \(n)")
                for prefix in Set([0, 1, n / 2, n - 1]) where prefix <= n {
                    var out = [Int64](repeating: 0x5A5A, count: prefix)
                    try bytes.withUnsafeBytes { raw in
                        try out.withUnsafeMutableBufferPointer { try Int64Codec.decode(raw, as: .entropy, count: n, into: $0) }
                    }
                    #expect(out == Array(values.prefix(prefix)), "\(name), \(prefix) of \(n)")
                }
            }
        }
    }

    @Test("no values cannot be entropy-coded (frame-of-reference is smaller anyway)")
    func noValues() {
        #expect(throws: ChunkError.self) { try Self.encode([], as: .entropy) }
    }

    @Test("random columns round-trip entropy-coded, the size predicted exactly")
    func property() async throws {
        await propertyCheck(count: 300, input: Columns.int64s()) { (values) in
            recordingErrors { () throws in
                // The chooser tries entropy from two values on (one is plain or constant).
                guard values.count >= 2 else { return }
                let choice = values.withUnsafeBufferPointer { Int64Codec.choose($0, among: EncodingSet(.entropy)) }
                #expect(choice.encoding == .entropy)
                var bytes: [UInt8] = []
                values.withUnsafeBufferPointer { Int64Codec.appendChosen($0, choice, to: &bytes) }
                #expect(bytes.count == choice.size)
                #expect(try CodecRoundTripTests.decodeInt64(bytes, .entropy, count: values.count) == values)
            }
        }
    }

    @Test("the entropy-free alternative a choice keeps is what the encoder without entropy writes")
    func entropyFreeAlternative() async throws {
        await propertyCheck(count: 300, input: Columns.int64s()) { (values) in
            var walk: [Int64] = []
            var v: Int64 = 0
            for d in values { v = v &+ (d % 100); walk.append(v) }
            for column in [values, walk] {
                column.withUnsafeBufferPointer { p in
                    let with = Int64Codec.choose(p, among: Int64Codec.columnCandidates)
                    let without = Int64Codec.choose(p, among: Int64Codec.columnCandidates.removing(.entropy))
                    #expect(!with.entropyFree.usesEntropy)
                    var a: [UInt8] = [], b: [UInt8] = []
                    Int64Codec.appendChosen(p, with.entropyFree, to: &a)
                    Int64Codec.appendChosen(p, without, to: &b)
                    #expect(with.entropyFree.encoding == without.encoding && a == b)
                }
            }
        }
    }

    @Test("a million Laplacian values in one chunk round-trip")
    func millionRows() throws {
        let n = ChunkFormat.maximumRowCount
        let values = Self.laplacian(n, b: 20, seed: 99)
        let chunk = try ChunkEncoder().encode([.int64(values)])
        let reader = try ChunkReader(chunk)
        #expect(reader.header.columns[0].encoding == .entropy)
        #expect(chunk[4] == 3)
        #expect(try reader.allColumns() == [.int64(values)])
    }

    @Test("the encoder takes entropy for skewed values, and not where it loses")
    func choice() throws {
        func chosen(_ values: [Int64]) -> Encoding {
            var bytes: [UInt8] = []
            return values.withUnsafeBufferPointer { Int64Codec.encodeSmallest($0, into: &bytes) }
        }
        #expect(chosen(Self.geometric(4096, p: 0.2, seed: 1)) == .entropy)
        #expect(chosen(Self.laplacian(4096, b: 50, seed: 2)) == .entropy)
        var rng = SplitMix64(state: 3)
        // Uniform over a power of two: a frame spends exactly the entropy, without a table.
        #expect(chosen((0..<4096).map { _ in Int64(rng.next() & 255) }) == .frameOfReference)
        #expect(chosen((0..<4096).map { _ in Int64(bitPattern: rng.next()) }) == .plain)
        #expect(chosen((0..<4096).map { 1_700_000_000_000_000 + Int64($0) * 1_000_000 }) == .delta)
        #expect(chosen(Array(repeating: 9, count: 4096)) == .constant)
    }

    /// Byte `i` of a delta block's payload is its nested block's id when its first value's varint takes `i` bytes.
    @Test("a random walk is stored as delta with entropy-coded steps, and decimals' integers too")
    func nested() throws {
        var walk: [Int64] = []
        var v: Int64 = 1 << 45
        for step in Self.laplacian(4096, b: 30, seed: 4) {
            v += step
            walk.append(v)
        }
        var bytes: [UInt8] = []
        let choice = walk.withUnsafeBufferPointer { Int64Codec.encodeSmallest($0, allowsEntropy: true, into: &bytes) }
        #expect(choice.encoding == .delta && choice.nested.first?.encoding == .entropy)
        #expect(choice.usesEntropy)
        #expect(try CodecRoundTripTests.decodeInt64(bytes, .delta, count: walk.count) == walk)

        let prices = walk.map { Double($0 - (1 << 45)) / 100 }
        let column = EncodedColumn(encoding: .double(prices), compression: .never)
        #expect(column.encoding == .decimal && column.usesEntropyCoding)
        #expect(try CodecRoundTripTests.decodeDouble(column.bytes, .decimal, count: prices.count).map(\.bitPattern) == prices.map(\.bitPattern))
        let chunk = try ChunkEncoder().encode([.int64(walk), .double(prices)], validTimeColumn: 0, valueColumn: 1)
        #expect(chunk[4] == 3)
        #expect(try ChunkReader(chunk).allColumns() == [.int64(walk), .double(prices)])

        // Forbidden, the same columns are stored without it, in a version-2 chunk.
        let old = try ChunkEncoder(allowsEntropyCoding: false).encode([.int64(walk), .double(prices)], validTimeColumn: 0, valueColumn: 1)
        #expect(old[4] == 2)
        #expect(old.count > chunk.count)
        let header = try ChunkReader(old).header
        #expect(!header.columns.contains { $0.encoding == .entropy })
        #expect(!EncodedColumn(encoding: .double(prices), compression: .never, allowsEntropyCoding: false).usesEntropyCoding)
        #expect(try ChunkReader(old).allColumns() == [.int64(walk), .double(prices)])
    }

    @Test("where LZ4 over the encoding entropy beat is smaller still, that is kept (and the chunk stays version 2)")
    func lz4OverTheOther() throws {
        // One skewed pattern repeated: Huffman codes each value, LZ4 finds the repeats.
        let pattern = Self.geometric(64, p: 0.05, seed: 11)
        let values = (0..<64).flatMap { _ in pattern }
        var entropyOnly: [UInt8] = []
        let choice = values.withUnsafeBufferPointer { Int64Codec.encodeSmallest($0, allowsEntropy: true, into: &entropyOnly) }
        #expect(choice.usesEntropy)
        let column = EncodedColumn(encoding: .int64(values))
        #expect(column.isCompressed && !column.usesEntropyCoding)
        #expect(column.bytes.count < entropyOnly.count)
        #expect(column == EncodedColumn(encoding: .int64(values), allowsEntropyCoding: false))
        #expect(try ChunkEncoder().encode([.int64(values)])[4] == 2)
    }

    @Test("a chunk using no entropy block is version 2; a version-2 chunk with an entropy block anywhere is refused")
    func versions() throws {
        let plainChunk = try ChunkEncoder().encode([.int64((0..<100).map { Int64($0) * 7 })])
        #expect(plainChunk[4] == 2)

        let skewed = Self.geometric(1000, p: 0.2, seed: 5)
        var top = try ChunkEncoder().encode([.int64(skewed)])
        #expect(top[4] == 3)
        top[4] = 2
        top = ChunkFormat.resealing(top)
        #expect(throws: ChunkError.unknownEncoding(Encoding.entropy.rawValue)) { try ChunkReader(top) }
        top[4] = 1
        top = ChunkFormat.resealing(top)
        #expect(throws: ChunkError.unknownEncoding(Encoding.entropy.rawValue)) { try ChunkReader(top) }

        var walk: [Int64] = []
        var v: Int64 = 0
        for step in Self.laplacian(1000, b: 30, seed: 6) {
            v += step
            walk.append(v)
        }
        let prices = walk.map { Double($0) / 100 }
        for column in [Column.int64(walk), .double(prices)] {
            var nested = try ChunkEncoder().encode([column])
            #expect(nested[4] == 3)
            let header = try ChunkReader(nested).header
            #expect(header.columns[0].encoding != .entropy)
            nested[4] = 2
            nested = ChunkFormat.resealing(nested)
            // The header is fine; the nested block is refused when decoded.
            let reader = try ChunkReader(nested)
            #expect(throws: ChunkError.unknownEncoding(Encoding.entropy.rawValue)) { try reader.allColumns() }
        }
    }

    /// A chunk of entropy blocks at the top, in delta and in decimal.
    static func sample() throws -> [UInt8] {
        var walk: [Int64] = []
        var v: Int64 = 0
        for step in laplacian(300, b: 30, seed: 7) {
            v += step
            walk.append(v)
        }
        let columns: [Column] = [.int64(geometric(300, p: 0.2, seed: 8)), .int64(walk), .double(walk.map { Double($0) / 100 })]
        let bytes = try ChunkEncoder().encode(columns)
        let header = try ChunkReader(bytes).header
        #expect(header.columns[0].encoding == .entropy)
        #expect(bytes[4] == 3)
        return bytes
    }

    @Test("every byte of an entropy-coded chunk flipped, resealed or not, throws or decodes, never traps")
    func damage() throws {
        let original = try Self.sample()
        for i in original.indices {
            for mask: UInt8 in [0x01, 0x10, 0x80, 0xFF] {
                var damaged = original
                damaged[i] ^= mask
                #expect(throws: ChunkError.self, "byte \(i) ^ \(mask)") { try CorruptionTests.readAll(damaged, .wholeChunk) }
                // Behind repaired checksums the structural checks answer: any outcome but a trap.
                _ = try? CorruptionTests.readAll(ChunkFormat.resealing(damaged), .wholeChunk)
            }
        }
        for length in 0..<original.count {
            #expect(throws: ChunkError.self) { try CorruptionTests.readAll(Array(original.prefix(length)), .headerThenColumns) }
        }
    }

    @Test("every truncation and extension of an entropy payload throws")
    func payloadLengths() throws {
        for (name, values) in Self.distributions(200, seed: 9) {
            let bytes = try Self.encode(values, as: .entropy)
            for length in 0..<bytes.count {
                #expect(throws: ChunkError.self, "\(name), \(length) bytes") {
                    try CodecRoundTripTests.decodeInt64(Array(bytes.prefix(length)), .entropy, count: values.count)
                }
            }
            #expect(throws: ChunkError.self) { try CodecRoundTripTests.decodeInt64(bytes + [0], .entropy, count: values.count) }
        }
    }

    @Test("random payloads decode or throw, never trap")
    func randomPayloads() {
        var rng = SplitMix64(state: 10)
        for _ in 0..<3000 {
            let length = Int(rng.next() % 40)
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let count = Int(rng.next() % 50)
            _ = try? CodecRoundTripTests.decodeInt64(bytes, .entropy, count: count)
        }
    }

    /// A payload: base 0, scale 1, then `table`, then `stream`.
    static func payload(_ table: [UInt8], _ stream: [UInt8], scale: UInt8 = 1) -> [UInt8] {
        [0, scale] + table + stream
    }

    @Test("malformed code tables and bit streams are refused")
    func malformed() throws {
        func decode(_ bytes: [UInt8], count: Int) throws -> [Int64] {
            try CodecRoundTripTests.decodeInt64(bytes, .entropy, count: count)
        }
        // Symbols 0 and 1 of length 1: "0" is 0, "1" is 1 (zigzag -1).
        #expect(try decode(Self.payload([1, 0x11], [0b0110]), count: 4) == [0, -1, -1, 0])
        // One symbol of length 1 is a legal (incomplete) code; its unused half is not.
        #expect(try decode(Self.payload([0, 0x01], [0]), count: 5) == [0, 0, 0, 0, 0])
        #expect(throws: ChunkError.malformed("an entropy code with no symbol for its bits")) {
            try decode(Self.payload([0, 0x01], [0b100]), count: 5)
        }
        // Scale 0.
        #expect(throws: ChunkError.malformed("entropy scale 0")) { try decode(Self.payload([1, 0x11], [0], scale: 0), count: 1) }
        // Over-subscribed: three codes of length 1.
        #expect(throws: ChunkError.malformed("over-subscribed entropy code")) { try decode(Self.payload([2, 0x11, 0x01], [0]), count: 1) }
        // Lengths above 12.
        #expect(throws: ChunkError.self) { try decode(Self.payload([1, 0xD1], [0]), count: 1) }
        // No symbol at all, and a maximum symbol that is unused.
        #expect(throws: ChunkError.self) { try decode(Self.payload([1, 0x00], [0]), count: 1) }
        #expect(throws: ChunkError.malformed("entropy maximum symbol 1 is unused")) { try decode(Self.payload([1, 0x01], [0]), count: 1) }
        // A non-zero padding nibble after an even maximum symbol.
        #expect(throws: ChunkError.malformed("entropy code length padding is not zero")) { try decode(Self.payload([0, 0x11], [0]), count: 1) }
        // Non-zero padding bits after the last value.
        #expect(throws: ChunkError.malformed("entropy bit stream padding is not zero")) { try decode(Self.payload([1, 0x11], [0b1_0110]), count: 4) }
        // Running out of bits.
        #expect(throws: ChunkError.self) { try decode(Self.payload([1, 0x11], [0xFF]), count: 9) }
        // Trailing bytes after the stream.
        #expect(throws: ChunkError.self) { try decode(Self.payload([1, 0x11], [0b0110, 0]), count: 4) }
    }

    @Test("code lengths stay within 12 bits for Fibonacci counts, and the code is complete")
    func lengthLimit() {
        var counts = [Int](repeating: 0, count: 256)
        var (a, b) = (1, 1)
        for s in 0..<30 {
            counts[s] = a
            (a, b) = (b, a + b)
        }
        let code = counts.withUnsafeBufferPointer { HuffmanCode(counts: $0) }
        #expect(code.longest <= 12)
        #expect(code.kraftSum == 1 << 12)
        #expect((0..<30).allSatisfy { code.lengths[$0] > 0 })
        // And values with such a skew round-trip.
        var values: [Int64] = []
        for s in 0..<16 { values += Array(repeating: Int64(s), count: counts[s] / 8 + 1) }
        #expect((try? CodecRoundTripTests.decodeInt64(try Self.encode(values, as: .entropy), .entropy, count: values.count)) == values)
    }
}
