import PropertyBased
import Testing
import VintageBits
import VintageTestSupport

@_spi(Testing) @testable import VintageColumnar

/// The patched frame-of-reference and trailing-run encodings (format version 2): what the
/// encoder picks them for, both row forms of a patched block, and malformed payloads.
@Suite("Patched and trailing-run blocks")
struct PatchedAndTrailingRunTests {
    static func encode(_ values: [Int64], as encoding: Encoding) throws -> [UInt8] {
        var out: [UInt8] = []
        try values.withUnsafeBufferPointer { try Int64Codec.encode($0, as: encoding, into: &out) }
        return out
    }

    static func decode(_ payload: [UInt8], as encoding: Encoding, count: Int, prefix: Int? = nil) throws -> [Int64] {
        var out = [Int64](repeating: 0, count: prefix ?? count)
        try payload.withUnsafeBytes { raw in
            try out.withUnsafeMutableBufferPointer { try Int64Codec.decode(raw, as: encoding, count: count, into: $0) }
        }
        return out
    }

    /// Seqs of a series' monthly releases, some 40 apart, with a few corrections logged
    /// far later: the steps pack in a few bits, the corrections are patched.
    static let releaseSeqs: [Int64] = {
        var rng = SplitMix64(state: 9)
        var seq: Int64 = 10_000
        return (0..<400).map { i in
            seq += Int64(rng.next() % 20) + 30
            return i % 37 == 5 ? seq + 250_000 : seq
        }
    }()

    @Test("outliers among small differences are patched, smaller than a frame, and come back")
    func outliersArePatched() throws {
        var smallest: [UInt8] = []
        let chosen = Self.releaseSeqs.withUnsafeBufferPointer { Int64Codec.encodeSmallest($0, into: &smallest) }
        #expect(try Self.decode(smallest, as: chosen, count: Self.releaseSeqs.count) == Self.releaseSeqs)
        let differences = zip(Self.releaseSeqs.dropFirst(), Self.releaseSeqs).map { $0 - $1 }
        let patched = try Self.encode(differences, as: .patched)
        let frame = try Self.encode(differences, as: .frameOfReference)
        #expect(patched.count * 2 < frame.count, "patched \(patched.count), frame \(frame.count)")
        #expect(try Self.decode(patched, as: .patched, count: differences.count) == differences)
        // Every prefix decodes to the first values.
        for prefix in [0, 1, 5, 6, 200, differences.count] {
            #expect(try Self.decode(patched, as: .patched, count: differences.count, prefix: prefix) == Array(differences.prefix(prefix)))
        }
    }

    @Test("patched blocks with distances of scale 1 up to the extremes of Int64 come back, their size as predicted")
    func unitScaleExtremes() throws {
        // Small values of scale 1 around a centre, with a few at the ends of the range:
        // distances that wrap, zigzags of 64 bits.
        var rng = SplitMix64(state: 21)
        let values: [Int64] = (0..<300).map { i in
            switch i % 50 {
            case 7: return .min
            case 19: return .max
            case 31: return -1
            default: return Int64(rng.next() % 61) - 30
            }
        }
        let payload = try Self.encode(values, as: .patched)
        #expect(try Self.decode(payload, as: .patched, count: values.count) == values)
        let plan = values.withUnsafeBufferPointer { Int64Codec.patchedPlan($0) }
        #expect(plan?.scale == 1)
        #expect(plan?.size == payload.count)
        #expect(plan?.zigzags.count == values.count)
        // Each zigzag is that of the distance from the centre.
        if let plan {
            let expected = values.map { v -> UInt64 in
                let d = v &- plan.centre
                return UInt64(bitPattern: (d &<< 1) ^ (d &>> 63))
            }
            #expect(plan.zigzags == expected)
        }
    }

    @Test("the encoder patches at most an eighth of the values")
    func patchesAreFew() throws {
        // Half small, half large: a second population, not outliers.
        let values: [Int64] = (0..<256).map { (i: Int) -> Int64 in i % 2 == 0 ? Int64(i % 5) : Int64(100_000 + i) }
        let payload = try Self.encode(values, as: .patched)
        let patches = try payload.withUnsafeBytes { raw throws(ChunkError) -> Int in
            var reader = ByteReader(raw)
            _ = try reader.varInt("centre")
            _ = try reader.varUInt("scale")
            let width = Int(try reader.u8("width"))
            _ = try reader.u8("high")
            _ = try reader.take(BitPacking.byteCount(count: values.count, width: width), "packed")
            return try reader.count("patches", limit: values.count)
        }
        #expect(patches * 8 <= values.count)
        #expect(try Self.decode(payload, as: .patched, count: values.count) == values)
    }

    /// A patched payload by hand: centre 100, scale 3, width 2, high 3, values
    /// `100 + 3 × unzigzag(q)` with `q` = 0, 1, 2, 3 except rows 2 and 5 (q = 13, 30).
    static func handMade(rows: PatchedRowsForm, listBase: Int64 = 2) -> (payload: [UInt8], values: [Int64]) {
        let q: [UInt64] = [0, 1, 13, 2, 3, 30, 1, 0]
        var out: [UInt8] = []
        out.appendVarInt(100)
        out.appendVarUInt(3)
        out.append(2)
        out.append(3)
        let lows = q.map { $0 & 3 }
        lows.withUnsafeBufferPointer { BitPacking.pack($0, width: 2, into: &out) }
        out.appendVarUInt(2)
        switch rows {
        case .list:
            out.append(0)
            out.append(Encoding.frameOfReference.rawValue)
            out.appendVarInt(listBase)  // base
            out.appendVarUInt(3)  // scale: rows 2, 5
            out.append(1)
            [UInt64(0), 1].withUnsafeBufferPointer { BitPacking.pack($0, width: 1, into: &out) }
        case .bitmap:
            out.append(1)
            out.append(0b0010_0100)
        }
        [UInt64(13 >> 2), 30 >> 2].withUnsafeBufferPointer { BitPacking.pack($0, width: 3, into: &out) }
        let values = q.map { 100 + 3 * zigzagDecode($0) }
        return (out, values)
    }

    enum PatchedRowsForm { case list, bitmap }

    @Test("patched rows decode from a list and from a bitmap alike")
    func bothRowForms() throws {
        for form in [PatchedRowsForm.list, .bitmap] {
            let (payload, values) = Self.handMade(rows: form)
            #expect(try Self.decode(payload, as: .patched, count: 8) == values, "\(form)")
            #expect(try Self.decode(payload, as: .patched, count: 8, prefix: 3) == Array(values.prefix(3)), "\(form)")
        }
    }

    @Test("malformed patched blocks throw")
    func malformedPatched() throws {
        let (bitmap, _) = Self.handMade(rows: .bitmap)
        // The bitmap byte is the one after the form byte (1).
        let at = bitmap.lastIndex(of: 0b0010_0100)!
        var extra = bitmap
        extra[at] |= 0b1000_0000  // three rows set for two patches
        #expect(throws: ChunkError.self) { try Self.decode(extra, as: .patched, count: 8) }
        var form = bitmap
        form[at - 1] = 7  // no such form
        #expect(throws: ChunkError.self) { try Self.decode(form, as: .patched, count: 8) }
        // Listed rows past the rows: base 5, scale 3 gives rows 5 and 8.
        #expect(throws: ChunkError.self) { try Self.decode(Self.handMade(rows: .list, listBase: 5).payload, as: .patched, count: 8) }
        // Widths beyond 64 bits.
        var wide = bitmap
        wide[wide.firstIndex(of: 2)!] = 63  // width 63 + high 3
        #expect(throws: ChunkError.self) { try Self.decode(wide, as: .patched, count: 8) }
        // Every truncation.
        for length in 0..<bitmap.count {
            #expect(throws: ChunkError.self) { try Self.decode(Array(bitmap.prefix(length)), as: .patched, count: 8) }
        }
    }

    @Test("a padded dictionary is a trailing run: only the leading values are stored")
    func trailingRun() throws {
        let dictionary = (0..<300).map { Int64($0) * 86_400_000_000 + (Int64($0 % 3) * 3_600_000_000) }
        let padded = dictionary + Array(repeating: dictionary.last!, count: 700)
        var smallest: [UInt8] = []
        let chosen = padded.withUnsafeBufferPointer { Int64Codec.encodeSmallest($0, into: &smallest) }
        #expect(chosen == .trailingRun)
        var alone: [UInt8] = []
        _ = dictionary.withUnsafeBufferPointer { Int64Codec.encodeSmallest($0, into: &alone) }
        #expect(smallest.count <= alone.count + 3)
        #expect(try Self.decode(smallest, as: .trailingRun, count: padded.count) == padded)
        for prefix in [0, 1, 299, 300, 301, 1000] {
            #expect(try Self.decode(smallest, as: .trailingRun, count: padded.count, prefix: prefix) == Array(padded.prefix(prefix)))
        }
        // A leading count of 0 for rows, or beyond the rows, throws.
        var none: [UInt8] = [0]
        none.append(contentsOf: smallest.dropFirst(2))
        #expect(throws: ChunkError.self) { try Self.decode(none, as: .trailingRun, count: padded.count) }
        var tooMany: [UInt8] = []
        tooMany.appendVarUInt(1001)
        #expect(throws: ChunkError.self) { try Self.decode(tooMany, as: .trailingRun, count: padded.count) }
        #expect(try Self.decode([0], as: .trailingRun, count: 0) == [])
    }

    @Test("a chunk with patched and trailing-run columns reads back, and a version-1 chunk is still read")
    func chunkVersions() throws {
        let padded = Self.releaseSeqs + Array(repeating: Self.releaseSeqs.last!, count: 200)
        let columns: [Column] = [.int64((0..<padded.count).map(Int64.init)), .int64(padded)]
        var bytes = try ChunkEncoder().encode(columns, validTimeColumn: 0)
        #expect(bytes[4] == 2)
        let reader = try ChunkReader(bytes)
        #expect(reader.columns[1].encoding == .trailingRun)
        #expect(try reader.allColumns() == columns)
        // The same bytes labelled version 1 (resealed) read the same.
        bytes[4] = 1
        bytes = ChunkFormat.resealing(bytes)
        #expect(try ChunkReader(bytes).allColumns() == columns)
    }
}
