import VintageBits

/// The entropy encoding: integers Huffman-coded, each value costing about `−log2 p` bits
/// of its frequency `p` instead of the fixed width of frame-of-reference.
///
/// A value `v` is stored as `u = zigzag((v − base) / scale)` (wrapping, the quotient taking
/// the sign of the distance); `u` below 16 is its own symbol, a larger `u` of bit length
/// `b + 1` is symbol `16 + 4(b − 4) + ` its two bits after the leading one, followed by
/// its `b − 2` lower bits verbatim. The symbols are Huffman-coded with lengths of at most
/// 12 bits (``HuffmanCode``), so one lookup decodes a symbol.
extension Int64Codec {
    /// Symbols below this are values of `u` themselves, with no extra bits.
    static let directSymbols: UInt64 = 16

    /// The symbol of `u` and the number of its extra bits (its lowest bits, stored after the code).
    @inline(__always)
    static func entropySymbol(_ u: UInt64) -> (symbol: Int, extra: Int) {
        if u < directSymbols { return (Int(u), 0) }
        let b = 63 &- u.leadingZeroBitCount
        return (16 &+ 4 &* (b &- 4) &+ Int((u &>> UInt64(b &- 2)) & 3), b &- 2)
    }

    /// The extra bits after symbol `s`.
    @inline(__always)
    static func entropyExtraBits(_ s: Int) -> Int {
        s < 16 ? 0 : ((s &- 16) &>> 2) &+ 2
    }

    /// The value of `u` symbol `s` stands for, its extra bits zero.
    @inline(__always)
    static func entropySymbolBase(_ s: Int) -> UInt64 {
        s < 16 ? UInt64(s) : UInt64(4 | ((s &- 16) & 3)) &<< UInt64(entropyExtraBits(s))
    }

    /// An entropy-coded block worked out but not yet written: its frame, its code and its exact size.
    struct EntropyPlan {
        var base: Int64
        var scale: UInt64
        var code: HuffmanCode
        var maximumSymbol: Int
        var size: Int
    }

    /// The smallest entropy-coded block of `values` over the bases tried (zero and the median
    /// of a sample), nil for no values or when none comes under `budget` bytes.
    static func entropyPlan(_ values: UnsafeBufferPointer<Int64>, budget: Int = .max) -> EntropyPlan? {
        let n = values.count
        // Every value takes a bit at least, besides base, scale and table.
        guard n > 0, (n + 7) / 8 + 4 < budget else { return nil }
        let sampleCount = Swift.min(n, 63)
        var sample = (0..<sampleCount).map { values[$0 * n / sampleCount] }
        sample.sort()
        let median = sample[sampleCount / 2]
        // Zero suits differences of either sign and one-sided counts; the median, values
        // about a level. (The minimum, tried too, gave the same bytes on trade: zigzag about
        // it wastes a bit on every value.)
        let zeroScale = distanceDivisor(values, centre: 0)
        var zeroCounts = [Int](repeating: 0, count: HuffmanCode.symbolCount)
        guard median != 0 else {
            countSymbols(values, base: 0, scale: zeroScale, into: &zeroCounts)
            return entropyPlan(base: 0, scale: zeroScale, counts: zeroCounts, budget: budget)
        }
        let medianScale = distanceDivisor(values, centre: median)
        var medianCounts = [Int](repeating: 0, count: HuffmanCode.symbolCount)
        if zeroScale == 1 && medianScale == 1 {
            // Both in one pass.
            zeroCounts.withUnsafeMutableBufferPointer { z in
                medianCounts.withUnsafeMutableBufferPointer { m in
                    for v in values {
                        let d = v &- median
                        z[entropySymbol(UInt64(bitPattern: (v &<< 1) ^ (v &>> 63))).symbol] &+= 1
                        m[entropySymbol(UInt64(bitPattern: (d &<< 1) ^ (d &>> 63))).symbol] &+= 1
                    }
                }
            }
        } else {
            countSymbols(values, base: 0, scale: zeroScale, into: &zeroCounts)
            countSymbols(values, base: median, scale: medianScale, into: &medianCounts)
        }
        var best = entropyPlan(base: 0, scale: zeroScale, counts: zeroCounts, budget: budget)
        if let plan = entropyPlan(base: median, scale: medianScale, counts: medianCounts, budget: Swift.min(budget, best?.size ?? .max)) {
            best = plan
        }
        return best
    }

    /// Adds the symbol of every value of `values` about `base` in `scale` to `counts`.
    static func countSymbols(_ values: UnsafeBufferPointer<Int64>, base: Int64, scale: UInt64, into counts: inout [Int]) {
        counts.withUnsafeMutableBufferPointer { h in
            forEachZigzag(values, base: base, scale: scale) { u in h[entropySymbol(u).symbol] &+= 1 }
        }
    }

    /// The entropy-coded block of `values` about `base` (with `counts` the number of each
    /// symbol), nil when it takes `budget` bytes or more.
    static func entropyPlan(_ values: UnsafeBufferPointer<Int64>, base: Int64, budget: Int) -> EntropyPlan? {
        let scale = distanceDivisor(values, centre: base)
        var counts = [Int](repeating: 0, count: HuffmanCode.symbolCount)
        countSymbols(values, base: base, scale: scale, into: &counts)
        return entropyPlan(base: base, scale: scale, counts: counts, budget: budget)
    }

    /// The entropy-coded block of values about `base` in `scale` whose symbols occur
    /// `counts[s]` times, nil when it takes `budget` bytes or more.
    static func entropyPlan(base: Int64, scale: UInt64, counts: [Int], budget: Int) -> EntropyPlan? {
        var n = 0, extraBits = 0, maximumSymbol = 0
        for s in 0..<HuffmanCode.symbolCount where counts[s] > 0 {
            n += counts[s]
            extraBits += counts[s] * entropyExtraBits(s)
            maximumSymbol = s
        }
        let header = varUIntSize(zigzagEncode(base)) + varUIntSize(scale) + 1 + (maximumSymbol + 2) / 2
        // No prefix code beats the Shannon entropy of the counts: skip building one that
        // cannot come under the budget. log2 x ≥ e + (m − 1) for x = m·2^e, 1 ≤ m < 2 (the
        // chord under the concave logarithm), shaded down for rounding.
        var shannon = 0.0
        let total = Double(n)
        for s in 0...maximumSymbol where counts[s] > 0 {
            let c = Double(counts[s])
            let x = total / c
            shannon += c * (Double(x.exponent) + (x.significand - 1))
        }
        guard header + Int((shannon * 0.999_999 + Double(extraBits)) / 8) < budget else { return nil }
        let code = counts.withUnsafeBufferPointer { HuffmanCode(counts: $0) }
        var bits = extraBits
        for s in 0...maximumSymbol where counts[s] > 0 { bits += counts[s] * Int(code.lengths[s]) }
        let size = header + (bits + 7) / 8
        guard size < budget else { return nil }
        return EntropyPlan(base: base, scale: scale, code: code, maximumSymbol: maximumSymbol, size: size)
    }

    /// The greatest common divisor of the distances of `values` from `centre` (1 when there
    /// is none, or when it does not fit a signed integer): a candidate from the first few
    /// distances, checked on every distance with a multiplication (as the frame of reference
    /// does). The patched and the entropy encodings both scale by it.
    static func distanceDivisor(_ values: UnsafeBufferPointer<Int64>, centre: Int64) -> UInt64 {
        var g: UInt64 = 0, seen = 0
        for v in values {
            let d = (v &- centre).magnitude
            if d != 0 {
                g = gcd(g, d)
                seen += 1
                if seen == 4 || g == 1 { break }
            }
        }
        if g > 1 {
            var test = DivisibilityTest(g)
            for v in values {
                let d = (v &- centre).magnitude
                if !test.divides(d) {
                    g = gcd(g, d)
                    if g == 1 { break }
                    test = DivisibilityTest(g)
                }
            }
        }
        return g == 0 || g > UInt64(Int64.max) ? 1 : g
    }

    /// Calls `body` with `zigzag((v − base) / scale)` of every value, in order.
    @inline(__always)
    static func forEachZigzag(_ values: UnsafeBufferPointer<Int64>, base: Int64, scale: UInt64, _ body: (UInt64) -> Void) {
        if scale == 1 {
            for v in values {
                let d = v &- base
                body(UInt64(bitPattern: (d &<< 1) ^ (d &>> 63)))
            }
        } else {
            let divide = DivisibilityTest(scale)
            for v in values {
                let d = v &- base
                let q = divide.exactQuotient(d.magnitude)
                body(d < 0 ? (q &<< 1) &- 1 : q &<< 1)
            }
        }
    }

    /// Appends the block `plan` (made by ``entropyPlan(_:budget:)`` for `values`) describes.
    static func appendEntropy(_ values: UnsafeBufferPointer<Int64>, _ plan: EntropyPlan, to out: inout [UInt8]) {
        let start = out.count
        out.appendVarInt(plan.base)
        out.appendVarUInt(plan.scale)
        out.append(UInt8(plan.maximumSymbol))
        var s = 0
        while s <= plan.maximumSymbol {
            let high = s + 1 <= plan.maximumSymbol ? plan.code.lengths[s + 1] : 0
            out.append(plan.code.lengths[s] | high << 4)
            s += 2
        }
        let codes = plan.code.reversedCodes()
        let lengths = plan.code.lengths
        var writer = BitWriter(reservingCapacity: plan.size - (out.count - start) + 8)
        forEachZigzag(values, base: plan.base, scale: plan.scale) { u in
            let (symbol, extra) = entropySymbol(u)
            let length = Int(lengths[symbol])
            let low = u & ((1 &<< UInt64(extra)) &- 1)
            if length + extra <= 64 {
                writer.write(UInt64(codes[symbol]) | low &<< UInt64(length), width: length + extra)
            } else {
                writer.write(UInt64(codes[symbol]), width: length)
                writer.write(low, width: extra)
            }
        }
        out.append(contentsOf: writer.finish())
        assert(out.count - start == plan.size, "entropy size mispredicted")
    }

    /// Reads an entropy-coded payload of `count` values and writes the first `prefix` into `out`.
    ///
    /// The bit stream's end is where its last value ends: it takes `⌈bits / 8⌉` bytes, its
    /// padding bits zero.
    static func decodeEntropy(
        _ reader: inout ByteReader, count: Int, prefix: Int, into out: UnsafeMutablePointer<Int64>
    ) throws(ChunkError) {
        let base = try reader.varInt("entropy base")
        let scale = try reader.varUInt("entropy scale")
        guard scale >= 1 else { throw .malformed("entropy scale 0") }
        let maximumSymbol = Int(try reader.u8("entropy maximum symbol"))
        let packed = try reader.take((maximumSymbol + 2) / 2, "entropy code lengths")
        var lengths = [UInt8](repeating: 0, count: maximumSymbol + 1)
        for s in 0...maximumSymbol { lengths[s] = (packed[s >> 1] >> UInt8((s & 1) * 4)) & 15 }
        guard maximumSymbol & 1 == 1 || packed[packed.count - 1] >> 4 == 0 else {
            throw .malformed("entropy code length padding is not zero")
        }
        guard lengths[maximumSymbol] != 0 else { throw .malformed("entropy maximum symbol \(maximumSymbol) is unused") }
        let code = HuffmanCode(lengths: lengths)
        let longest = code.longest
        guard longest <= HuffmanCode.maximumLength else {
            throw .lengthOutOfRange("entropy code length \(longest) exceeds \(HuffmanCode.maximumLength)")
        }
        guard code.kraftSum <= 1 << HuffmanCode.maximumLength else { throw .malformed("over-subscribed entropy code") }
        let stream = reader.rest
        let end: Int? = withUnsafeTemporaryAllocation(of: UInt16.self, capacity: 1 << longest) { table in
            code.fill(table)
            return decodeEntropyStream(
                stream, table: UnsafeBufferPointer(table), tableBits: longest, count: count, prefix: prefix,
                base: base, scale: scale, into: out)
        }
        guard let bits = end else { throw .malformed("an entropy code with no symbol for its bits") }
        guard bits <= stream.count * 8 else { throw .truncated("an entropy-coded bit stream") }
        let used = (bits + 7) >> 3
        if bits & 7 != 0, stream[used - 1] >> UInt8(bits & 7) != 0 {
            throw .malformed("entropy bit stream padding is not zero")
        }
        _ = try reader.take(used, "an entropy-coded bit stream")
    }

    /// Decodes `count` values from `stream` with `table` (``HuffmanCode/fill(_:)``), writing the
    /// first `prefix`; returns the bits read (possibly past the stream's end, which reads as
    /// zeros: the caller checks), nil when a lookup lands on no code.
    static func decodeEntropyStream(
        _ stream: UnsafeRawBufferPointer, table: UnsafeBufferPointer<UInt16>, tableBits: Int, count: Int, prefix: Int,
        base: Int64, scale: UInt64, into out: UnsafeMutablePointer<Int64>
    ) -> Int? {
        var cursor = EntropyCursor(stream: stream, table: table.baseAddress!, mask: UInt64(table.count &- 1))
        let s = Int64(bitPattern: scale)
        if s == 1 {
            for i in 0..<prefix { out[i] = base &+ zigzagDecode(cursor.next()) }
        } else {
            for i in 0..<prefix { out[i] = base &+ zigzagDecode(cursor.next()) &* s }
        }
        if prefix < count {
            for _ in prefix..<count { _ = cursor.next() }
        }
        return cursor.bad ? nil : cursor.position
    }
}

/// A position in an entropy-coded bit stream and the table that decodes its symbols: a
/// 64-bit buffer of the next bits, refilled a word at a time, so that the chain from one
/// value to the next is a table lookup and a shift.
struct EntropyCursor {
    let bytes: UnsafeRawPointer?
    let byteCount: Int
    let table: UnsafePointer<UInt16>
    let mask: UInt64
    /// The next bits of the stream, the next one lowest; `available` of them are valid.
    var buffer: UInt64 = 0
    var available = 0
    /// The next byte to load into the buffer.
    var nextByte = 0
    /// Zero bits supplied past the end of the stream.
    var overrun = 0
    /// Whether a lookup landed on no code.
    var bad = false

    init(stream: UnsafeRawBufferPointer, table: UnsafePointer<UInt16>, mask: UInt64) {
        bytes = stream.baseAddress
        byteCount = stream.count
        self.table = table
        self.mask = mask
    }

    /// The bits read: past the stream's end when more than `8 × byteCount`.
    var position: Int { nextByte &* 8 &+ overrun &- available }

    /// Makes at least 56 bits available (zeros past the end of the stream, counted in `overrun`).
    @inline(__always)
    mutating func refill() {
        if nextByte &+ 8 <= byteCount {
            let word = UInt64(littleEndian: bytes.unsafelyUnwrapped.loadUnaligned(fromByteOffset: nextByte, as: UInt64.self))
            buffer |= word &<< UInt64(truncatingIfNeeded: available)
            nextByte &+= (63 &- available) &>> 3
            available |= 56
            return
        }
        while available <= 56 {
            if nextByte < byteCount {
                buffer |= UInt64(bytes.unsafelyUnwrapped.load(fromByteOffset: nextByte, as: UInt8.self)) &<< UInt64(truncatingIfNeeded: available)
                nextByte &+= 1
            } else {
                overrun &+= 8
            }
            available &+= 8
        }
    }

    /// Takes `count` (at most `available`, below 64) bits.
    @inline(__always)
    mutating func take(_ count: Int) -> UInt64 {
        let bits = buffer & ((1 &<< UInt64(truncatingIfNeeded: count)) &- 1)
        buffer &>>= UInt64(truncatingIfNeeded: count)
        available &-= count
        return bits
    }

    /// The next value's `u`.
    @inline(__always)
    mutating func next() -> UInt64 {
        refill()
        let entry = table[Int(truncatingIfNeeded: buffer & mask)]
        let length = Int(entry & 15)
        let symbol = Int(entry &>> 4)
        bad = bad || length == 0
        buffer &>>= UInt64(truncatingIfNeeded: length)
        available &-= length
        if symbol < 16 { return UInt64(truncatingIfNeeded: symbol) }
        let extra = ((symbol &- 16) &>> 2) &+ 2
        let high = UInt64(truncatingIfNeeded: 4 | ((symbol &- 16) & 3)) &<< UInt64(truncatingIfNeeded: extra)
        // At least 44 bits are left after a code; more extra bits than that in two parts.
        if extra <= 44 { return high | take(extra) }
        let low = take(32)
        refill()
        return high | low | take(extra &- 32) &<< 32
    }
}

extension ByteReader {
    /// The bytes not yet read, without reading them.
    var rest: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[offset...])
    }
}
