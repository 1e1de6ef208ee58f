/// The XOR encoding, a Chimp-style variant of Gorilla's: each value is XORed with the
/// previous one, and only the bits between the leading and trailing zeros are kept.
///
/// After the first value's 64 bits, each value starts with a 2-bit flag:
/// `0` the XOR is zero; `1` the XOR has more than 6 trailing zeros: a 3-bit leading-zero
/// class, a 6-bit count `c` of significant bits, then `c` bits; `2` the leading-zero class
/// is the previous one: `64 - lead` bits; `3` a new leading-zero class: 3 bits, then
/// `64 - lead` bits.
extension DoubleCodec {
    /// The leading-zero counts a 3-bit class stands for.
    static let leadingZeroClasses: [Int] = [0, 8, 12, 16, 18, 20, 22, 24]
    /// For each leading-zero count 0...64, its class (the largest class not above it).
    static let leadingZeroClassOf: [UInt8] = (0...64).map { lz in
        UInt8(leadingZeroClasses.lastIndex { $0 <= lz }!)
    }

    static func appendXOR(_ values: UnsafeBufferPointer<Double>, to out: inout [UInt8]) {
        guard let first = values.first else { return }
        var writer = BitWriter(reservingCapacity: values.count * 4)
        writer.write(first.bitPattern, width: 64)
        var previous = first.bitPattern
        var previousClass = -1
        leadingZeroClassOf.withUnsafeBufferPointer { classOf in
            for i in 1..<values.count {
                let v = values[i].bitPattern
                let x = v ^ previous
                previous = v
                if x == 0 {
                    writer.write(0, width: 2)
                    continue
                }
                let code = Int(classOf[x.leadingZeroBitCount])
                let lead = leadingZeroClasses[code]
                let trail = x.trailingZeroBitCount
                if trail > 6 {
                    let significant = 64 - lead - trail
                    writer.write(1 | UInt64(code) << 2 | UInt64(significant) << 5, width: 11)
                    writer.write(x >> UInt64(trail), width: significant)
                    previousClass = -1
                } else if code == previousClass {
                    writer.write(2, width: 2)
                    writer.write(x, width: 64 - lead)
                } else {
                    writer.write(3 | UInt64(code) << 2, width: 5)
                    writer.write(x, width: 64 - lead)
                    previousClass = code
                }
            }
        }
        out.append(contentsOf: writer.finish())
    }

    /// The exact size in bytes of `values` in the XOR encoding, counted without writing it;
    /// once it reaches `budget` bytes the count stops and a size of at least `budget` is returned.
    static func xorSize(_ values: UnsafeBufferPointer<Double>, budget: Int = .max) -> Int {
        guard let first = values.first else { return 0 }
        // Past this many bits the stream takes at least `budget` bytes.
        let limit = budget > Int.max / 8 ? Int.max : budget * 8 - 7
        var bits = 64
        var previous = first.bitPattern
        var previousClass = -1
        leadingZeroClassOf.withUnsafeBufferPointer { classOf in
            leadingZeroClasses.withUnsafeBufferPointer { classes in
                for i in 1..<values.count {
                    // Checked every 64 values: until then at most 64 × 77 bits more.
                    if i & 63 == 0 && bits >= limit { return }
                    let v = values[i].bitPattern
                    let x = v ^ previous
                    previous = v
                    if x == 0 {
                        bits += 2
                        continue
                    }
                    let code = Int(classOf[x.leadingZeroBitCount])
                    let lead = classes[code]
                    let trail = x.trailingZeroBitCount
                    if trail > 6 {
                        bits += 11 + 64 - lead - trail
                        previousClass = -1
                    } else if code == previousClass {
                        bits += 2 + 64 - lead
                    } else {
                        bits += 5 + 64 - lead
                        previousClass = code
                    }
                }
            }
        }
        return (bits + 7) / 8
    }

    static func decodeXOR(_ reader: inout ByteReader, count: Int, into out: UnsafeMutablePointer<Double>) throws(ChunkError) {
        guard count > 0 else { return }
        // The stream runs to the end of the payload.
        let stream = try reader.take(reader.remaining, "an XOR bit stream")
        var bits = BitReader(stream)
        var previous = try bits.read(64)
        out[0] = Double(bitPattern: previous)
        var lead = -1
        for i in 1..<count {
            switch try bits.read(2) {
            case 0:
                break
            case 1:
                let code = Int(try bits.read(3))
                let significant = Int(try bits.read(6))
                let l = leadingZeroClasses[code]
                guard significant >= 1, l + significant <= 64 else {
                    throw .malformed("XOR field of \(significant) significant bits after \(l) leading zeros")
                }
                let trail = 64 - l - significant
                previous ^= try bits.read(significant) << UInt64(trail)
                lead = -1
            case 2:
                guard lead >= 0 else { throw .malformed("XOR value reuses a leading-zero class before one was set") }
                previous ^= try bits.read(64 - lead)
            default:
                lead = leadingZeroClasses[Int(try bits.read(3))]
                previous ^= try bits.read(64 - lead)
            }
            out[i] = Double(bitPattern: previous)
        }
        // Only the zero padding of the last byte may remain.
        guard stream.count == (bits.position + 7) / 8 else {
            throw .malformed("XOR bit stream has \(stream.count * 8 - bits.position) bits left over")
        }
    }
}
