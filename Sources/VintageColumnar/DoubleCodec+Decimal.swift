import VintageBits

/// The decimal encoding, after ALP (Afroozeh & Boncz, SIGMOD 2024).
///
/// A value `v` is stored as the integer `n = round(v × 10^e × 10^-f)` when
/// `(n × 10^f) / 10^e` gives back `v` bit for bit; the integers form a nested integer
/// block (so they get frame-of-reference, delta or run-length, whichever is smallest),
/// and the values that do not round-trip are kept verbatim in an exception list.
extension DoubleCodec {
    /// The largest exponent `e` (and factor `f`) the decimal encoding uses.
    public static let maximumDecimalExponent = 18

    /// The encodings allowed for the integers of a decimal block.
    static let decimalIntegerCandidates = EncodingSet(.plain, .constant, .frameOfReference, .delta, .deltaOfDelta, .runLength, .patched, .entropy)
    /// The encodings allowed for the positions of a decimal block's exceptions.
    static let exceptionPositionCandidates = EncodingSet(.frameOfReference, .delta)

    static let powersOfTen: [Double] = (0...18).map { e in (0..<e).reduce(1.0) { x, _ in x * 10 } }
    static let inversePowersOfTen: [Double] = [
        1e0, 1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9,
        1e-10, 1e-11, 1e-12, 1e-13, 1e-14, 1e-15, 1e-16, 1e-17, 1e-18
    ]

    /// `n` when `value` is `(n × 10^f) / 10^e` exactly, else nil.
    ///
    /// Decoding divides by the exact power `10^e` rather than multiplying by the inexact `10^-e`
    /// (as ALP does): a correctly rounded division of an exact integer gives back precisely the
    /// double a decimal parser produces for the printed figure, so short decimals never become exceptions.
    @inline(__always)
    static func decimalInteger(_ value: Double, up: Double, down: Double, decodeUp: Double, decodeDown: Double) -> Int64? {
        let scaled = value * up * down
        // Below 2^51 the magic-number addition rounds to the nearest integer; NaN fails the test.
        guard scaled.magnitude < 2251799813685248.0 else { return nil }
        let magic = 6755399441055744.0
        let n = Int64((scaled + magic) - magic)
        return ((Double(n) * decodeUp) / decodeDown).bitPattern == value.bitPattern ? n : nil
    }

    /// Picks the exponent and factor from a sample: the cheapest in bits, with an exception
    /// costing a value and a position.
    static func chooseExponents(_ values: UnsafeBufferPointer<Double>) -> (e: Int, f: Int)? {
        let n = values.count
        let m = Swift.min(n, 32)
        guard m > 0 else { return nil }
        return powersOfTen.withUnsafeBufferPointer { p10 in
            inversePowersOfTen.withUnsafeBufferPointer { ip10 in
                func cost(_ e: Int, _ f: Int) -> (bits: Int, exceptions: Int) {
                    var lo = Int64.max, hi = Int64.min, exceptions = 0
                    for s in 0..<m {
                        let v = values[s * n / m]
                        if let k = decimalInteger(v, up: p10[e], down: ip10[f], decodeUp: p10[f], decodeDown: p10[e]) {
                            lo = Swift.min(lo, k)
                            hi = Swift.max(hi, k)
                        } else {
                            exceptions += 1
                        }
                    }
                    let width = exceptions == m ? 0 : BitPacking.width(of: UInt64(bitPattern: hi &- lo))
                    return (m * width + exceptions * 80, exceptions)
                }
                var best: (e: Int, f: Int, bits: Int, exceptions: Int) = (0, 0, Int.max, m)
                for e in 0...maximumDecimalExponent {
                    let c = cost(e, 0)
                    if c.bits < best.bits { best = (e, 0, c.bits, c.exceptions) }
                    // A larger exponent only widens the integers once nothing is left to fix.
                    if c.exceptions == 0 { break }
                }
                if best.exceptions > 0 && best.e > 0 {
                    for f in 1...best.e {
                        let c = cost(best.e, f)
                        if c.bits < best.bits { best = (best.e, f, c.bits, c.exceptions) }
                    }
                }
                return best.exceptions == m ? nil : (best.e, best.f)
            }
        }
    }

    /// The outcome of a decimal block written: whether its integers are entropy-coded.
    struct DecimalBlock {
        var usesEntropy: Bool
    }

    /// Appends `values` in the decimal encoding with the exponents chosen from a sample (its
    /// integers never entropy-coded unless `allowsEntropy`); nil when too few values are
    /// decimal for the encoding to pay.
    static func appendDecimal(_ values: UnsafeBufferPointer<Double>, allowsEntropy: Bool, to out: inout [UInt8]) -> DecimalBlock? {
        guard let (e, f) = chooseExponents(values) else { return nil }
        return appendDecimal(values, exponent: e, factor: f, allowsEntropy: allowsEntropy, to: &out)
    }

    /// Appends `values` in the decimal encoding with exponent `e` and factor `f`;
    /// returns false when more than half the values would be exceptions.
    public static func appendDecimal(_ values: UnsafeBufferPointer<Double>, exponent e: Int, factor f: Int, to out: inout [UInt8]) -> Bool {
        appendDecimal(values, exponent: e, factor: f, allowsEntropy: true, to: &out) != nil
    }

    /// Appends `values` in the decimal encoding with exponent `e` and factor `f`, its integers
    /// never entropy-coded unless `allowsEntropy`; nil when more than half the values would be exceptions.
    static func appendDecimal(
        _ values: UnsafeBufferPointer<Double>, exponent e: Int, factor f: Int, allowsEntropy: Bool, to out: inout [UInt8]
    ) -> DecimalBlock? {
        precondition(e >= 0 && e <= maximumDecimalExponent && f >= 0 && f <= e, "decimal exponent out of range")
        let n = values.count
        var positions: [Int64] = []
        var exceptions: [UInt64] = []
        let up = powersOfTen[e], down = inversePowersOfTen[f]
        let decodeUp = powersOfTen[f], decodeDown = powersOfTen[e]
        let integers = [Int64](unsafeUninitializedCapacity: n) { buffer, initialized in
            var filler: Int64 = 0
            var leading = 0  // exceptions before the first decimal value
            for i in 0..<n {
                let v = values[i]
                if let k = decimalInteger(v, up: up, down: down, decodeUp: decodeUp, decodeDown: decodeDown) {
                    if leading == i && i > 0 {
                        for j in 0..<i { buffer[j] = k }
                    }
                    buffer[i] = k
                    filler = k
                } else {
                    // Repeat the neighbour so that the exception does not widen the frame or the deltas.
                    buffer[i] = filler
                    if leading == i { leading += 1 }
                    positions.append(Int64(i))
                    exceptions.append(v.bitPattern)
                }
            }
            initialized = n
        }
        guard exceptions.count * 2 <= n else { return nil }
        out.append(UInt8(e))
        out.append(UInt8(f))
        let candidates = allowsEntropy ? decimalIntegerCandidates : decimalIntegerCandidates.removing(.entropy)
        let usesEntropy = integers.withUnsafeBufferPointer { Int64Codec.appendNested($0, among: candidates, to: &out) }
        out.appendVarUInt(UInt64(exceptions.count))
        if !exceptions.isEmpty {
            positions.withUnsafeBufferPointer { _ = Int64Codec.appendNested($0, among: exceptionPositionCandidates, to: &out) }
            for bits in exceptions { out.appendLE(bits) }
        }
        return DecimalBlock(usesEntropy: usesEntropy)
    }

    static func decodeDecimal(_ reader: inout ByteReader, count: Int, into out: UnsafeMutablePointer<Double>) throws(ChunkError) {
        let e = Int(try reader.u8("decimal exponent"))
        let f = Int(try reader.u8("decimal factor"))
        guard e <= maximumDecimalExponent, f <= e else { throw .malformed("decimal exponent \(e) and factor \(f) out of range") }
        try out.withMemoryRebound(to: Int64.self, capacity: count) { (integers) throws(ChunkError) in
            try Int64Codec.decodeNested(&reader, among: decimalIntegerCandidates, count: count, into: integers)
        }
        let up = powersOfTen[f], down = powersOfTen[e]
        let raw = UnsafeMutableRawPointer(out)
        if e == 0 {
            // Integers: dividing by 10^0 = 1 (and f <= e) changes nothing.
            for i in 0..<count {
                let n = raw.load(fromByteOffset: i &* 8, as: Int64.self)
                raw.storeBytes(of: Double(n), toByteOffset: i &* 8, as: Double.self)
            }
        } else if f == 0 {
            for i in 0..<count {
                let n = raw.load(fromByteOffset: i &* 8, as: Int64.self)
                raw.storeBytes(of: Double(n) / down, toByteOffset: i &* 8, as: Double.self)
            }
        } else {
            for i in 0..<count {
                let n = raw.load(fromByteOffset: i &* 8, as: Int64.self)
                raw.storeBytes(of: (Double(n) * up) / down, toByteOffset: i &* 8, as: Double.self)
            }
        }
        let exceptionCount = try reader.count("exception count", limit: count)
        guard exceptionCount > 0 else { return }
        var positions = [Int64](repeating: 0, count: exceptionCount)
        try withMutableElements(&positions) { (p) throws(ChunkError) in
            try Int64Codec.decodeNested(&reader, among: exceptionPositionCandidates, count: exceptionCount, into: p)
        }
        let bits = try reader.take(exceptionCount * 8, "exception values")
        for j in 0..<exceptionCount {
            let position = positions[j]
            guard position >= 0, position < Int64(count) else {
                throw .malformed("exception position \(position) outside \(count) rows")
            }
            out[Int(position)] = Double(bitPattern: UInt64(littleEndian: bits.loadUnaligned(fromByteOffset: j * 8, as: UInt64.self)))
        }
    }
}
