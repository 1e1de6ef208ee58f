import PropertyBased
import Testing
import VintageBits
import VintageTestSupport

@testable import VintageColumnar

@Suite("Column codecs round-trip")
struct CodecRoundTripTests {
    static func decodeInt64(_ bytes: [UInt8], _ encoding: Encoding, count: Int) throws -> [Int64] {
        var out = [Int64](repeating: 0, count: count)
        try bytes.withUnsafeBytes { raw in
            try out.withUnsafeMutableBufferPointer { try Int64Codec.decode(raw, as: encoding, into: $0) }
        }
        return out
    }

    static func decodeDouble(_ bytes: [UInt8], _ encoding: Encoding, count: Int) throws -> [Double] {
        var out = [Double](repeating: 0, count: count)
        try bytes.withUnsafeBytes { raw in
            try out.withUnsafeMutableBufferPointer { try DoubleCodec.decode(raw, as: encoding, into: $0) }
        }
        return out
    }

    static func decodeUInt8(_ bytes: [UInt8], _ encoding: Encoding, count: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        try bytes.withUnsafeBytes { raw in
            try out.withUnsafeMutableBufferPointer { try UInt8Codec.decode(raw, as: encoding, into: $0) }
        }
        return out
    }

    @Test("every Int64 encoding that accepts a column gives it back exactly")
    func int64EveryEncoding() async throws {
        await propertyCheck(count: 300, input: Columns.int64s()) { (values) in
            recordingErrors { () throws in
                for encoding in [Encoding.plain, .constant, .frameOfReference, .delta, .deltaOfDelta, .runLength, .patched, .trailingRun, .entropy] {
                    var bytes: [UInt8] = []
                    do {
                        try values.withUnsafeBufferPointer { try Int64Codec.encode($0, as: encoding, into: &bytes) }
                    } catch {
                        // Only these refusals are expected.
                        #expect(
                            encoding == .constant || ([.delta, .patched, .trailingRun, .entropy].contains(encoding) && values.isEmpty)
                                || (encoding == .deltaOfDelta && values.count < 2))
                        continue
                    }
                    #expect(try Self.decodeInt64(bytes, encoding, count: values.count) == values, "\(encoding)")
                }
            }
        }
    }

    @Test("the smallest Int64 encoding round-trips and is no larger than any other it tries")
    func int64Smallest() async throws {
        await propertyCheck(count: 300, input: Columns.int64s()) { (values) in
            recordingErrors { () throws in
                var bytes: [UInt8] = []
                let chosen = values.withUnsafeBufferPointer { Int64Codec.encodeSmallest($0, into: &bytes) }
                #expect(try Self.decodeInt64(bytes, chosen, count: values.count) == values)
                #expect(bytes.count <= values.count * 8)
                // Patched is tried where the frame is 4 bits wide or more (FORMAT.md).
                let frameWidth = values.withUnsafeBufferPointer { FrameOfReference(fitting: $0).width }
                for encoding in [Encoding.frameOfReference, .delta, .deltaOfDelta] + (frameWidth >= 4 ? [.patched] : []) {
                    var other: [UInt8] = []
                    if (try? values.withUnsafeBufferPointer({ try Int64Codec.encode($0, as: encoding, into: &other) })) != nil {
                        #expect(bytes.count <= other.count, "\(chosen) \(bytes.count) vs \(encoding) \(other.count)")
                    }
                }
            }
        }
    }

    @Test("decoding a prefix of an Int64 column gives the first values of the full decode, in every encoding")
    func int64Prefix() async throws {
        await propertyCheck(count: 300, input: Columns.int64s(), Gen.int(in: 0...600)) { (values, cut) in
            recordingErrors { () throws in
                let prefix = values.isEmpty ? 0 : cut % (values.count + 1)
                var chosenBytes: [UInt8] = []
                let chosen = values.withUnsafeBufferPointer { Int64Codec.encodeSmallest($0, into: &chosenBytes) }
                var candidates: [(Encoding, [UInt8])] = [(chosen, chosenBytes)]
                for encoding in [Encoding.plain, .constant, .frameOfReference, .delta, .deltaOfDelta, .runLength, .patched, .trailingRun, .entropy] {
                    var bytes: [UInt8] = []
                    if (try? values.withUnsafeBufferPointer({ try Int64Codec.encode($0, as: encoding, into: &bytes) })) != nil {
                        candidates.append((encoding, bytes))
                    }
                }
                for (encoding, bytes) in candidates {
                    var out = [Int64](repeating: 0x5A5A, count: prefix)
                    try bytes.withUnsafeBytes { raw in
                        try out.withUnsafeMutableBufferPointer { try Int64Codec.decode(raw, as: encoding, count: values.count, into: $0) }
                    }
                    #expect(out == Array(values.prefix(prefix)), "\(encoding), \(prefix) of \(values.count)")
                }
                // More values than the column holds is an error, not an over-read.
                var tooMany = [Int64](repeating: 0, count: values.count + 1)
                #expect(throws: ChunkError.self) {
                    try chosenBytes.withUnsafeBytes { raw in
                        try tooMany.withUnsafeMutableBufferPointer { try Int64Codec.decode(raw, as: chosen, count: values.count, into: $0) }
                    }
                }
            }
        }
    }

    @Test("a chunk's Int64 column decodes by prefix, its checksum checked")
    func chunkPrefix() throws {
        let times = (0..<100).map { Int64($0) * 86_400_000_000 }
        let bytes = try ChunkEncoder().encode([.int64(times), .int64(times.map { $0 % 7 })], validTimeColumn: 0)
        let header = try bytes.withUnsafeBytes { try ChunkHeader(parsing: $0, verification: .headerThenColumns) }
        for prefix in [0, 1, 37, 100] {
            var out = [Int64](repeating: -1, count: prefix)
            try bytes.withUnsafeBytes { raw in
                try out.withUnsafeMutableBufferPointer { try header.decodePrefix(column: 0, from: raw, into: $0) }
            }
            #expect(out == Array(times.prefix(prefix)))
        }
        var tooMany = [Int64](repeating: 0, count: 101)
        #expect(throws: ChunkError.self) {
            try bytes.withUnsafeBytes { raw in try tooMany.withUnsafeMutableBufferPointer { try header.decodePrefix(column: 0, from: raw, into: $0) }
            }
        }
        // The first byte of column 1's payload: after the header, two directory entries, the
        // header checksum and column 0 (FORMAT.md).
        var damaged = bytes
        damaged[72 + 2 * 12 + 4 + header.columns[0].byteCount] ^= 1
        var out = [Int64](repeating: 0, count: 10)
        #expect(throws: ChunkError.checksumMismatch(.column(1))) {
            try damaged.withUnsafeBytes { raw in try out.withUnsafeMutableBufferPointer { try header.decodePrefix(column: 1, from: raw, into: $0) } }
        }
    }

    @Test("every Double encoding that accepts a column gives it back bit for bit")
    func doubleEveryEncoding() async throws {
        await propertyCheck(count: 300, input: Columns.doubles()) { (values) in
            recordingErrors { () throws in
                for encoding in [Encoding.plain, .constant, .decimal, .xor, .runLength] {
                    var bytes: [UInt8] = []
                    do {
                        try values.withUnsafeBufferPointer { try DoubleCodec.encode($0, as: encoding, into: &bytes) }
                    } catch {
                        #expect(encoding == .constant || encoding == .decimal)
                        continue
                    }
                    #expect(try bits(Self.decodeDouble(bytes, encoding, count: values.count)) == bits(values), "\(encoding)")
                }
            }
        }
    }

    @Test("the smallest Double encoding round-trips bit for bit and never exceeds plain")
    func doubleSmallest() async throws {
        await propertyCheck(count: 300, input: Columns.doubles()) { (values) in
            recordingErrors { () throws in
                var bytes: [UInt8] = []
                let chosen = values.withUnsafeBufferPointer { DoubleCodec.encodeSmallest($0, into: &bytes) }
                #expect(try bits(Self.decodeDouble(bytes, chosen, count: values.count)) == bits(values))
                #expect(bytes.count <= values.count * 8)
            }
        }
    }

    @Test("decimal encoding with every exponent round-trips, exceptions included")
    func decimalEveryExponent() async throws {
        await propertyCheck(count: 60, input: Columns.doubles(maxCount: 200)) { (values) in
            recordingErrors { () throws in
                for e in 0...DoubleCodec.maximumDecimalExponent {
                    for f in [0, e / 2, e] {
                        var bytes: [UInt8] = []
                        guard values.withUnsafeBufferPointer({ DoubleCodec.appendDecimal($0, exponent: e, factor: f, to: &bytes) }) else { continue }
                        #expect(try bits(Self.decodeDouble(bytes, .decimal, count: values.count)) == bits(values), "e=\(e) f=\(f)")
                    }
                }
            }
        }
    }

    @Test("every UInt8 encoding that accepts a column gives it back exactly")
    func uint8EveryEncoding() async throws {
        await propertyCheck(count: 200, input: Columns.uint8s()) { (values) in
            recordingErrors { () throws in
                for encoding in [Encoding.plain, .constant, .frameOfReference, .runLength] {
                    var bytes: [UInt8] = []
                    do {
                        try values.withUnsafeBufferPointer { try UInt8Codec.encode($0, as: encoding, into: &bytes) }
                    } catch {
                        #expect(encoding == .constant)
                        continue
                    }
                    #expect(try Self.decodeUInt8(bytes, encoding, count: values.count) == values, "\(encoding)")
                }
                var best: [UInt8] = []
                let chosen = values.withUnsafeBufferPointer { UInt8Codec.encodeSmallest($0, into: &best) }
                #expect(try Self.decodeUInt8(best, chosen, count: values.count) == values)
                #expect(best.count <= max(values.count, 1))
            }
        }
    }

    @Test("bit packing round-trips at every width from 0 to 64")
    func bitPackingEveryWidth() async throws {
        await propertyCheck(count: 200, input: Gen.int(in: 0...64), Gen<UInt64>.value(in: .min ... .max).array(of: 0...300)) { width, raw in
            let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
            let values = raw.map { $0 & mask }
            var bytes: [UInt8] = []
            values.withUnsafeBufferPointer { BitPacking.pack($0, width: width, into: &bytes) }
            #expect(bytes.count == BitPacking.byteCount(count: values.count, width: width))
            var out = [UInt64](repeating: 1, count: values.count)
            bytes.withUnsafeBytes { raw in
                out.withUnsafeMutableBufferPointer {
                    BitPacking.unpack(
                        raw, width: width, count: values.count,
                        into: $0.baseAddress ?? UnsafeMutablePointer(emptyInt64Slot).withMemoryRebound(to: UInt64.self, capacity: 1) { $0 })
                }
            }
            #expect(out == values)
        }
    }

    @Test("bit packing round-trips at every width with every count up to 80, reading nothing past the packed bytes")
    func bitPackingEveryWidthAndCount() throws {
        var rng = SplitMix64(state: 7)
        for width in 1...64 {
            let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
            for count in 0...80 {
                let values = (0..<count).map { _ in rng.next() & mask }
                var bytes: [UInt8] = []
                values.withUnsafeBufferPointer { BitPacking.pack($0, width: width, into: &bytes) }
                // Exactly the packed bytes, in a buffer of their own: an overread is the
                // sanitizer's to catch, a wrong value this test's.
                let exact = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
                defer { exact.deallocate() }
                exact.copyBytes(from: bytes)
                let out = UnsafeMutablePointer<UInt64>.allocate(capacity: max(count, 1))
                defer { out.deallocate() }
                BitPacking.unpack(UnsafeRawBufferPointer(exact), width: width, count: count, into: out)
                #expect(Array(UnsafeBufferPointer(start: out, count: count)) == values, "width \(width), count \(count)")
            }
        }
    }
}
