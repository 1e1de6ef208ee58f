/// Fixed-width bit packing of unsigned integers.
///
/// Value `i` occupies bits `i·w ..< (i+1)·w` of a little-endian bit stream (bit `j` of
/// the stream is bit `j % 8` of byte `j / 8`), so a value can be fetched with one
/// unaligned 64-bit load, a shift and a mask.
public enum BitPacking {
    /// The number of bytes `count` values of `width` bits occupy.
    @inline(__always)
    public static func byteCount(count: Int, width: Int) -> Int {
        (count * width + 7) >> 3
    }

    /// The number of bits needed to store `value` (0 for 0).
    @inline(__always)
    public static func width(of value: UInt64) -> Int {
        64 - value.leadingZeroBitCount
    }

    /// Appends `values`, each stored in its low `width` bits, to `out`.
    ///
    /// - Precondition: `0 <= width <= 64` and every value is below `2^width`.
    public static func pack(_ values: UnsafeBufferPointer<UInt64>, width: Int, into out: inout [UInt8]) {
        precondition(width >= 0 && width <= 64, "bit width out of range")
        let total = byteCount(count: values.count, width: width)
        guard total > 0 else { return }
        let start = out.count
        // Room for whole 64-bit words; the padding is dropped at the end.
        out.append(contentsOf: repeatElement(0, count: total + 8))
        out.withUnsafeMutableBytes { raw in
            let dst = raw.baseAddress! + start
            var acc: UInt64 = 0
            var filled = 0
            var wordOffset = 0
            let w = UInt64(width)
            for v in values {
                acc |= v &<< UInt64(filled)
                filled += width
                if filled >= 64 {
                    dst.storeBytes(of: acc.littleEndian, toByteOffset: wordOffset, as: UInt64.self)
                    wordOffset += 8
                    filled -= 64
                    acc = filled > 0 ? v &>> (w - UInt64(filled)) : 0
                }
            }
            if filled > 0 {
                dst.storeBytes(of: acc.littleEndian, toByteOffset: wordOffset, as: UInt64.self)
            }
        }
        out.removeLast(out.count - start - total)
    }

    /// Unpacks `count` values of `width` bits from `bytes` into `out`.
    ///
    /// - Precondition: `0 <= width <= 64` and `bytes.count >= byteCount(count:width:)`.
    public static func unpack(
        _ bytes: UnsafeRawBufferPointer, width: Int, count: Int, into out: UnsafeMutablePointer<UInt64>
    ) {
        precondition(width >= 0 && width <= 64, "bit width out of range")
        precondition(bytes.count >= byteCount(count: count, width: width), "packed bytes too short")
        if width == 0 {
            out.update(repeating: 0, count: count)
            return
        }
        guard count > 0, let base = bytes.baseAddress else { return }
        let length = bytes.count
        let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) &- 1
        var i = 0
        if width == 64 {
            for j in 0..<count {
                out[j] = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: j &* 8, as: UInt64.self))
            }
            return
        } else if width <= 56 {
            // Groups of eight values (`width` bytes) whose loads stay inside the buffer, by a
            // loop specialised for the width; then values whose 8-byte window lies inside the
            // buffer: one load each.
            let reach = (7 &* width) &>> 3 &+ 8
            if length >= reach {
                let groups = min(count / 8, (length - reach) / width + 1)
                unpackGroups(base, width: width, groups: groups, into: out)
                i = groups &* 8
            }
            if length >= 8 {
                let fast = min(count, ((length - 8) * 8 + 7) / width + 1)
                if i < fast { i = unpackWindowed(base, width: width, mask: mask, from: i, to: fast, into: out) }
            }
        } else {
            // Widths 57...63 straddle up to nine bytes: two loads.
            if length >= 16 {
                let fast = min(count, ((length - 16) * 8 + 7) / width + 1)
                var bit = 0
                while i < fast {
                    let byte = bit &>> 3
                    let shift = UInt64(bit & 7)
                    let lo = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: byte, as: UInt64.self))
                    let hi = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: byte &+ 8, as: UInt64.self))
                    let v = shift == 0 ? lo : (lo &>> shift) | (hi &<< (64 &- shift))
                    out[i] = v & mask
                    bit &+= width
                    i &+= 1
                }
            }
        }
        // The last few values, byte by byte, never reading past the buffer.
        while i < count {
            out[i] = readSlow(base, length: length, bit: i * width, width: width, mask: mask)
            i += 1
        }
    }

    /// Unpacks `count` values of `width` bits from `bytes` as differences and writes their
    /// running sums: `out[i] = start + (offset + v[0]) + … + (offset + v[i])` (wrapping) —
    /// a frame-of-reference block of differences decoded and summed in one pass.
    ///
    /// - Precondition: as ``unpack(_:width:count:into:)``.
    public static func unpackRunningSums(
        _ bytes: UnsafeRawBufferPointer, width: Int, count: Int, offset: Int64, start: Int64, into out: UnsafeMutablePointer<Int64>
    ) {
        precondition(width >= 0 && width <= 64, "bit width out of range")
        precondition(bytes.count >= byteCount(count: count, width: width), "packed bytes too short")
        var acc = start
        var i = 0
        let reach = (7 &* width) &>> 3 &+ 8
        if width >= 1 && width <= 56, bytes.count >= reach, let base = bytes.baseAddress {
            let groups = min(count / 8, (bytes.count - reach) / width + 1)
            switch width {
            case 1: acc = GroupUnpacker<1>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 2: acc = GroupUnpacker<2>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 3: acc = GroupUnpacker<3>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 4: acc = GroupUnpacker<4>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 5: acc = GroupUnpacker<5>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 6: acc = GroupUnpacker<6>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 7: acc = GroupUnpacker<7>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 8: acc = GroupUnpacker<8>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 9: acc = GroupUnpacker<9>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 10: acc = GroupUnpacker<10>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 11: acc = GroupUnpacker<11>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 12: acc = GroupUnpacker<12>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 13: acc = GroupUnpacker<13>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 14: acc = GroupUnpacker<14>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 15: acc = GroupUnpacker<15>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 16: acc = GroupUnpacker<16>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 17: acc = GroupUnpacker<17>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 18: acc = GroupUnpacker<18>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 19: acc = GroupUnpacker<19>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 20: acc = GroupUnpacker<20>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 21: acc = GroupUnpacker<21>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 22: acc = GroupUnpacker<22>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 23: acc = GroupUnpacker<23>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 24: acc = GroupUnpacker<24>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 25: acc = GroupUnpacker<25>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 26: acc = GroupUnpacker<26>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 27: acc = GroupUnpacker<27>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 28: acc = GroupUnpacker<28>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 29: acc = GroupUnpacker<29>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 30: acc = GroupUnpacker<30>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 31: acc = GroupUnpacker<31>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 32: acc = GroupUnpacker<32>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 33: acc = GroupUnpacker<33>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 34: acc = GroupUnpacker<34>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 35: acc = GroupUnpacker<35>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 36: acc = GroupUnpacker<36>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 37: acc = GroupUnpacker<37>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 38: acc = GroupUnpacker<38>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 39: acc = GroupUnpacker<39>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 40: acc = GroupUnpacker<40>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 41: acc = GroupUnpacker<41>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 42: acc = GroupUnpacker<42>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 43: acc = GroupUnpacker<43>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 44: acc = GroupUnpacker<44>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 45: acc = GroupUnpacker<45>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 46: acc = GroupUnpacker<46>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 47: acc = GroupUnpacker<47>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 48: acc = GroupUnpacker<48>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 49: acc = GroupUnpacker<49>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 50: acc = GroupUnpacker<50>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 51: acc = GroupUnpacker<51>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 52: acc = GroupUnpacker<52>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 53: acc = GroupUnpacker<53>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 54: acc = GroupUnpacker<54>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 55: acc = GroupUnpacker<55>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            case 56: acc = GroupUnpacker<56>.runningSums(base, groups: groups, offset: offset, start: acc, into: out)
            default: break
            }
            i = groups &* 8
        }
        guard i < count else { return }
        // The rest (and widths 0 and 57...64): unpacked, then summed. Whole groups end on a
        // byte boundary, so the rest starts on one.
        (out + i).withMemoryRebound(to: UInt64.self, capacity: count - i) { rest in
            unpack(UnsafeRawBufferPointer(rebasing: bytes[((i &* width) >> 3)...]), width: width, count: count - i, into: rest)
        }
        while i < count {
            acc &+= offset &+ out[i]
            out[i] = acc
            i &+= 1
        }
    }

    /// Unpacks `groups` groups of eight values of `width` (1...56) bits — `8 × groups` values
    /// from the first `width × groups` bytes — with the loop specialised for that width.
    /// Every group's loads must lie inside the buffer (`(7 × width) / 8 + 8` bytes from its start).
    private static func unpackGroups(_ base: UnsafeRawPointer, width: Int, groups: Int, into out: UnsafeMutablePointer<UInt64>) {
        switch width {
        case 1: GroupUnpacker<1>.unpack(base, groups: groups, into: out)
        case 2: GroupUnpacker<2>.unpack(base, groups: groups, into: out)
        case 3: GroupUnpacker<3>.unpack(base, groups: groups, into: out)
        case 4: GroupUnpacker<4>.unpack(base, groups: groups, into: out)
        case 5: GroupUnpacker<5>.unpack(base, groups: groups, into: out)
        case 6: GroupUnpacker<6>.unpack(base, groups: groups, into: out)
        case 7: GroupUnpacker<7>.unpack(base, groups: groups, into: out)
        case 8: GroupUnpacker<8>.unpack(base, groups: groups, into: out)
        case 9: GroupUnpacker<9>.unpack(base, groups: groups, into: out)
        case 10: GroupUnpacker<10>.unpack(base, groups: groups, into: out)
        case 11: GroupUnpacker<11>.unpack(base, groups: groups, into: out)
        case 12: GroupUnpacker<12>.unpack(base, groups: groups, into: out)
        case 13: GroupUnpacker<13>.unpack(base, groups: groups, into: out)
        case 14: GroupUnpacker<14>.unpack(base, groups: groups, into: out)
        case 15: GroupUnpacker<15>.unpack(base, groups: groups, into: out)
        case 16: GroupUnpacker<16>.unpack(base, groups: groups, into: out)
        case 17: GroupUnpacker<17>.unpack(base, groups: groups, into: out)
        case 18: GroupUnpacker<18>.unpack(base, groups: groups, into: out)
        case 19: GroupUnpacker<19>.unpack(base, groups: groups, into: out)
        case 20: GroupUnpacker<20>.unpack(base, groups: groups, into: out)
        case 21: GroupUnpacker<21>.unpack(base, groups: groups, into: out)
        case 22: GroupUnpacker<22>.unpack(base, groups: groups, into: out)
        case 23: GroupUnpacker<23>.unpack(base, groups: groups, into: out)
        case 24: GroupUnpacker<24>.unpack(base, groups: groups, into: out)
        case 25: GroupUnpacker<25>.unpack(base, groups: groups, into: out)
        case 26: GroupUnpacker<26>.unpack(base, groups: groups, into: out)
        case 27: GroupUnpacker<27>.unpack(base, groups: groups, into: out)
        case 28: GroupUnpacker<28>.unpack(base, groups: groups, into: out)
        case 29: GroupUnpacker<29>.unpack(base, groups: groups, into: out)
        case 30: GroupUnpacker<30>.unpack(base, groups: groups, into: out)
        case 31: GroupUnpacker<31>.unpack(base, groups: groups, into: out)
        case 32: GroupUnpacker<32>.unpack(base, groups: groups, into: out)
        case 33: GroupUnpacker<33>.unpack(base, groups: groups, into: out)
        case 34: GroupUnpacker<34>.unpack(base, groups: groups, into: out)
        case 35: GroupUnpacker<35>.unpack(base, groups: groups, into: out)
        case 36: GroupUnpacker<36>.unpack(base, groups: groups, into: out)
        case 37: GroupUnpacker<37>.unpack(base, groups: groups, into: out)
        case 38: GroupUnpacker<38>.unpack(base, groups: groups, into: out)
        case 39: GroupUnpacker<39>.unpack(base, groups: groups, into: out)
        case 40: GroupUnpacker<40>.unpack(base, groups: groups, into: out)
        case 41: GroupUnpacker<41>.unpack(base, groups: groups, into: out)
        case 42: GroupUnpacker<42>.unpack(base, groups: groups, into: out)
        case 43: GroupUnpacker<43>.unpack(base, groups: groups, into: out)
        case 44: GroupUnpacker<44>.unpack(base, groups: groups, into: out)
        case 45: GroupUnpacker<45>.unpack(base, groups: groups, into: out)
        case 46: GroupUnpacker<46>.unpack(base, groups: groups, into: out)
        case 47: GroupUnpacker<47>.unpack(base, groups: groups, into: out)
        case 48: GroupUnpacker<48>.unpack(base, groups: groups, into: out)
        case 49: GroupUnpacker<49>.unpack(base, groups: groups, into: out)
        case 50: GroupUnpacker<50>.unpack(base, groups: groups, into: out)
        case 51: GroupUnpacker<51>.unpack(base, groups: groups, into: out)
        case 52: GroupUnpacker<52>.unpack(base, groups: groups, into: out)
        case 53: GroupUnpacker<53>.unpack(base, groups: groups, into: out)
        case 54: GroupUnpacker<54>.unpack(base, groups: groups, into: out)
        case 55: GroupUnpacker<55>.unpack(base, groups: groups, into: out)
        case 56: GroupUnpacker<56>.unpack(base, groups: groups, into: out)
        default: preconditionFailure("bit width \(width) has no group unpacker")
        }
    }

    @inline(__always)
    private static func unpackWindowed(
        _ base: UnsafeRawPointer, width: Int, mask: UInt64, from: Int, to end: Int,
        into out: UnsafeMutablePointer<UInt64>
    ) -> Int {
        var i = from
        var bit = from &* width
        // Four at a time to shorten the loop-carried work.
        while i &+ 4 <= end {
            let b0 = bit, b1 = bit &+ width, b2 = b1 &+ width, b3 = b2 &+ width
            out[i] = (UInt64(littleEndian: base.loadUnaligned(fromByteOffset: b0 &>> 3, as: UInt64.self)) &>> UInt64(b0 & 7)) & mask
            out[i &+ 1] = (UInt64(littleEndian: base.loadUnaligned(fromByteOffset: b1 &>> 3, as: UInt64.self)) &>> UInt64(b1 & 7)) & mask
            out[i &+ 2] = (UInt64(littleEndian: base.loadUnaligned(fromByteOffset: b2 &>> 3, as: UInt64.self)) &>> UInt64(b2 & 7)) & mask
            out[i &+ 3] = (UInt64(littleEndian: base.loadUnaligned(fromByteOffset: b3 &>> 3, as: UInt64.self)) &>> UInt64(b3 & 7)) & mask
            bit = b3 &+ width
            i &+= 4
        }
        while i < end {
            out[i] = (UInt64(littleEndian: base.loadUnaligned(fromByteOffset: bit &>> 3, as: UInt64.self)) &>> UInt64(bit & 7)) & mask
            bit &+= width
            i &+= 1
        }
        return i
    }

    @inline(__always)
    private static func readSlow(_ base: UnsafeRawPointer, length: Int, bit: Int, width: Int, mask: UInt64) -> UInt64 {
        let start = bit >> 3
        var lo: UInt64 = 0
        var k = 0
        while k < 8 && start + k < length {
            lo |= UInt64(base.load(fromByteOffset: start + k, as: UInt8.self)) << UInt64(8 * k)
            k += 1
        }
        let shift = bit & 7
        var v = lo >> UInt64(shift)
        if shift + width > 64 && start + 8 < length {
            v |= UInt64(base.load(fromByteOffset: start + 8, as: UInt8.self)) << UInt64(64 - shift)
        }
        return v & mask
    }
}

extension GroupUnpacker {
    /// Unpacks `groups` groups as differences, writing running sums from `start` (each
    /// difference `offset + value`); returns the last sum.
    @inline(__always)
    static func runningSums(_ base: UnsafeRawPointer, groups: Int, offset: Int64, start: Int64, into out: UnsafeMutablePointer<Int64>) -> Int64 {
        let mask: UInt64 = (1 &<< UInt64(width)) &- 1
        var p = base
        var o = out
        var acc = start
        @inline(__always) func value(_ j: Int) -> Int64 {
            Int64(
                bitPattern: (UInt64(littleEndian: p.loadUnaligned(fromByteOffset: (j &* width) &>> 3, as: UInt64.self)) &>> UInt64((j &* width) & 7))
                    & mask)
        }
        for _ in 0..<groups {
            acc &+= offset &+ value(0); o[0] = acc
            acc &+= offset &+ value(1); o[1] = acc
            acc &+= offset &+ value(2); o[2] = acc
            acc &+= offset &+ value(3); o[3] = acc
            acc &+= offset &+ value(4); o[4] = acc
            acc &+= offset &+ value(5); o[5] = acc
            acc &+= offset &+ value(6); o[6] = acc
            acc &+= offset &+ value(7); o[7] = acc
            p += width
            o += 8
        }
        return acc
    }
}

/// The unpacking loop for one bit width, known at compile time: eight values a step (exactly
/// `width` bytes), each one unaligned 64-bit load, a constant shift and a mask.
private enum GroupUnpacker<let width: Int> {
    @inline(__always)
    static func unpack(_ base: UnsafeRawPointer, groups: Int, into out: UnsafeMutablePointer<UInt64>) {
        let mask: UInt64 = (1 &<< UInt64(width)) &- 1
        var p = base
        var o = out
        for _ in 0..<groups {
            o[0] = UInt64(littleEndian: p.loadUnaligned(as: UInt64.self)) & mask
            o[1] = (UInt64(littleEndian: p.loadUnaligned(fromByteOffset: width &>> 3, as: UInt64.self)) &>> UInt64(width & 7)) & mask
            o[2] = (UInt64(littleEndian: p.loadUnaligned(fromByteOffset: (2 &* width) &>> 3, as: UInt64.self)) &>> UInt64((2 &* width) & 7)) & mask
            o[3] = (UInt64(littleEndian: p.loadUnaligned(fromByteOffset: (3 &* width) &>> 3, as: UInt64.self)) &>> UInt64((3 &* width) & 7)) & mask
            o[4] = (UInt64(littleEndian: p.loadUnaligned(fromByteOffset: (4 &* width) &>> 3, as: UInt64.self)) &>> UInt64((4 &* width) & 7)) & mask
            o[5] = (UInt64(littleEndian: p.loadUnaligned(fromByteOffset: (5 &* width) &>> 3, as: UInt64.self)) &>> UInt64((5 &* width) & 7)) & mask
            o[6] = (UInt64(littleEndian: p.loadUnaligned(fromByteOffset: (6 &* width) &>> 3, as: UInt64.self)) &>> UInt64((6 &* width) & 7)) & mask
            o[7] = (UInt64(littleEndian: p.loadUnaligned(fromByteOffset: (7 &* width) &>> 3, as: UInt64.self)) &>> UInt64((7 &* width) & 7)) & mask
            p += width
            o += 8
        }
    }
}
