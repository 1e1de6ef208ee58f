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
            // Values whose 8-byte window lies inside the buffer: one load each.
            if length >= 8 {
                let fast = min(count, ((length - 8) * 8 + 7) / width + 1)
                i = unpackWindowed(base, width: width, mask: mask, from: 0, to: fast, into: out)
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
