import PropertyBased
import Testing
import VintageTestSupport

@_spi(Testing) @testable import VintageColumnar

@Suite("Decimal and XOR doubles")
struct DecimalTests {
    /// The exponent, factor and exception count stored in a decimal payload.
    static func layout(_ payload: [UInt8], count: Int) throws -> (e: Int, f: Int, exceptions: Int) {
        try withBytes(payload) { (raw) throws(ChunkError) in
            var r = ByteReader(raw)
            let e = Int(try r.u8("e")), f = Int(try r.u8("f"))
            var ints = [Int64](repeating: 0, count: count)
            try withMutableElements(&ints) { (p) throws(ChunkError) in
                try Int64Codec.decodeNested(&r, among: DoubleCodec.decimalIntegerCandidates, count: count, into: p)
            }
            return (e, f, try r.count("exceptions", limit: count))
        }
    }

    @Test("short decimals with 0 to 12 fraction digits are stored without exceptions at their own exponent")
    func shortDecimalsHaveNoExceptions() async throws {
        let input = zip(Gen.int(in: 0...12), Gen.int64(in: -999_999_999...999_999_999).array(of: 1...300))
        await propertyCheck(count: 200, input: input) { (digits, units) in
            recordingErrors { () throws in
                // Make the last value need every digit, so the smallest exponent is `digits`.
                let values = units.map { Columns.decimal($0, digits: digits) } + [Columns.decimal(7, digits: digits)]
                var payload: [UInt8] = []
                try values.withUnsafeBufferPointer { try DoubleCodec.encode($0, as: .decimal, into: &payload) }
                let stored = try Self.layout(payload, count: values.count)
                #expect(stored.exceptions == 0)
                #expect(stored.e == digits && stored.f == 0)
            }
        }
    }

    @Test("the exceptions of a decimal column are exactly its non-decimal values")
    func exceptionsAreCounted() throws {
        var values = (0..<100).map { Columns.decimal(Int64($0 * 37 - 1000), digits: 2) }
        let odd: [Double] = [-0.0, .nan, .infinity, 1e300, 0.1 + 0.2, .leastNonzeroMagnitude]
        for (i, v) in odd.enumerated() { values[i * 15 + 3] = v }
        var payload: [UInt8] = []
        try values.withUnsafeBufferPointer { try DoubleCodec.encode($0, as: .decimal, into: &payload) }
        #expect(try Self.layout(payload, count: values.count).exceptions == odd.count)
        #expect(try bits(CodecRoundTripTests.decodeDouble(payload, .decimal, count: values.count)) == bits(values))
    }

    @Test("the XOR size is counted exactly before writing")
    func xorSizeIsExact() async throws {
        await propertyCheck(count: 200, input: Columns.doubles()) { values in
            var payload: [UInt8] = []
            values.withUnsafeBufferPointer { DoubleCodec.appendXOR($0, to: &payload) }
            #expect(values.withUnsafeBufferPointer { DoubleCodec.xorSize($0) } == payload.count)
        }
    }

    @Test("the XOR size under a budget is exact below it and at least the budget otherwise")
    func xorSizeUnderBudget() async throws {
        await propertyCheck(count: 300, input: Columns.doubles(), Gen.int(in: 0...3000)) { values, budget in
            var payload: [UInt8] = []
            values.withUnsafeBufferPointer { DoubleCodec.appendXOR($0, to: &payload) }
            let size = values.withUnsafeBufferPointer { DoubleCodec.xorSize($0, budget: budget) }
            if payload.count < budget {
                #expect(size == payload.count)
            } else {
                #expect(size >= budget)
            }
        }
    }

    @Test("a zone map that disagrees with its columns is caught by verifyContents")
    func zoneMapMismatchIsDetected() throws {
        var bytes = try ChunkEncoder().encode([.int64([1, 2, 3]), .double([1, 2, 3])], validTimeColumn: 0, valueColumn: 1)
        bytes[48] ^= 0x01  // the stored sum
        let reader = try ChunkReader(ChunkFormat.resealing(bytes))
        #expect(throws: ChunkError.self) { try reader.verifyContents() }
    }

    @Test("an LZ4 block that does not expand to its declared length throws")
    func lz4LengthIsChecked() throws {
        let data = [UInt8]((0..<1000).map { UInt8($0 % 10) })
        let block = data.withUnsafeBytes { LZ4Block.compress($0) }
        try block.withUnsafeBytes { (raw) throws in
            #expect(try LZ4Block.decompress(raw, decompressedCount: 1000) == data)
            #expect(throws: ChunkError.self) { try LZ4Block.decompress(raw, decompressedCount: 999) }
            #expect(throws: ChunkError.self) { try LZ4Block.decompress(raw, decompressedCount: 1001) }
            #expect(throws: ChunkError.self) {
                try LZ4Block.decompress(UnsafeRawBufferPointer(rebasing: raw[0..<(raw.count / 2)]), decompressedCount: 1000)
            }
        }
    }
}
