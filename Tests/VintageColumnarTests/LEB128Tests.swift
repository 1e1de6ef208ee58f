import Testing
import VintageColumnar

/// The one LEB128 reader and writer every format shares (chunks, record batches, manifest).
@Suite("LEB128 varints")
struct LEB128Tests {
    @Test(
        "values round-trip through appendVarUInt and readVarUInt, from an array and from raw bytes",
        arguments: [0, 1, 127, 128, 300, 16_383, 16_384, UInt64(UInt32.max), UInt64.max >> 1, UInt64.max])
    func roundTrip(value: UInt64) throws {
        var bytes: [UInt8] = [0xAA]
        bytes.appendVarUInt(value)
        bytes.append(0xBB)
        var offset = 1
        #expect(try readVarUInt(bytes, at: &offset, end: bytes.count) == value)
        #expect(offset == bytes.count - 1)
        let fromRaw = try bytes.withUnsafeBytes { raw throws -> (value: UInt64, end: Int) in
            var at = 1
            let read = try readVarUInt(raw, at: &at, end: raw.count)
            return (read, at)
        }
        #expect(fromRaw.value == value && fromRaw.end == offset)
    }

    @Test("signed values round-trip through zigzag", arguments: [0, -1, 1, -64, 64, Int64.min, Int64.max])
    func zigzag(value: Int64) throws {
        var bytes: [UInt8] = []
        bytes.appendVarInt(value)
        var offset = 0
        #expect(zigzagDecode(try readVarUInt(bytes, at: &offset, end: bytes.count)) == value)
    }

    @Test func aVarintCutShortIsTruncated() {
        var bytes: [UInt8] = []
        bytes.appendVarUInt(1 << 40)
        for end in 0..<bytes.count {
            var offset = 0
            #expect(throws: VarUIntError.truncated) { try readVarUInt(bytes, at: &offset, end: end) }
        }
    }

    @Test func moreThanSixtyFourBitsOverflow() throws {
        // Ten bytes whose last is above 1, and eleven bytes.
        let tooWide: [[UInt8]] = [Array(repeating: 0xFF, count: 9) + [0x02], Array(repeating: 0x80, count: 10) + [0x00]]
        for bytes in tooWide {
            var offset = 0
            #expect(throws: VarUIntError.overflow) { try readVarUInt(bytes, at: &offset, end: bytes.count) }
        }
        var offset = 0
        #expect(try readVarUInt(Array(repeating: 0xFF, count: 9) + [0x01], at: &offset, end: 10) == UInt64.max)
    }
}
