/// A canonical prefix code over the 256 symbols of an entropy-coded integer block, code
/// lengths 1...12 (0 for an unused symbol), so that one lookup in a table of at most
/// 4096 entries decodes a symbol.
///
/// Codes are canonical (as in DEFLATE, RFC 1951 §3.2.2): shorter codes first, and among
/// codes of one length the smaller symbol first; the stream holds each code's bits
/// first bit first, LSB-first, so that the next 12 bits of the stream index the table.
package struct HuffmanCode {
    /// The longest code.
    package static let maximumLength = 12
    /// The number of symbols.
    package static let symbolCount = 256

    /// The code length of every symbol, 0 for an unused one (the symbols past the end unused).
    package var lengths: [UInt8]

    /// A code for symbols occurring `counts[s]` times, with lengths at most
    /// ``maximumLength``: Huffman's, with the counts flattened until it fits. One used
    /// symbol gets length 1; no used symbol gives no lengths at all.
    package init(counts: UnsafeBufferPointer<Int>) {
        precondition(counts.count == Self.symbolCount)
        lengths = [UInt8](repeating: 0, count: Self.symbolCount)
        // Count and symbol in one integer (counts are at most 2^20 rows), so that a plain
        // sort orders by count, then symbol.
        var keys: [Int] = []
        keys.reserveCapacity(Self.symbolCount)
        for s in 0..<Self.symbolCount where counts[s] > 0 { keys.append(counts[s] << 8 | s) }
        if keys.count == 1 { lengths[keys[0] & 255] = 1 }
        guard keys.count > 1 else { return }
        keys.sort()
        while true {
            let depths = Self.huffmanDepths(sortedKeys: keys)
            if depths.max()! <= Self.maximumLength {
                for (j, key) in keys.enumerated() { lengths[key & 255] = UInt8(depths[j]) }
                return
            }
            // Flattening the counts shortens the longest codes; all ones gives ⌈log2 k⌉ ≤ 8.
            // (Order by count is kept; ties fall back to symbol order.)
            keys = keys.map { (((($0 >> 8) >> 1) | 1) << 8) | ($0 & 255) }
            keys.sort()
        }
    }

    /// A code of the given lengths (checked by the decoder, not here).
    package init(lengths: [UInt8]) {
        self.lengths = lengths
    }

    /// The depths of the leaves of a Huffman tree over the counts of `sortedKeys` (at least
    /// two, ascending; count `key >> 8`), by the two-queue method, in key order.
    package static func huffmanDepths(sortedKeys keys: [Int]) -> [Int] {
        let k = keys.count
        var weight = [Int](repeating: 0, count: 2 * k - 1)
        var parent = [Int](repeating: 0, count: 2 * k - 1)
        for i in 0..<k { weight[i] = keys[i] >> 8 }
        var leaf = 0, inner = k, next = k
        while next < 2 * k - 1 {
            var pair = (0, 0)
            for j in 0..<2 {
                let pick: Int
                if leaf < k && (inner >= next || weight[leaf] <= weight[inner]) {
                    pick = leaf
                    leaf += 1
                } else {
                    pick = inner
                    inner += 1
                }
                if j == 0 { pair.0 = pick } else { pair.1 = pick }
            }
            weight[next] = weight[pair.0] + weight[pair.1]
            parent[pair.0] = next
            parent[pair.1] = next
            next += 1
        }
        // Depths from the root down, reusing the weights.
        weight[2 * k - 2] = 0
        for i in stride(from: 2 * k - 3, through: 0, by: -1) { weight[i] = weight[parent[i]] + 1 }
        weight.removeLast(k - 1)
        return weight
    }

    /// The longest code length (0 when no symbol is used).
    package var longest: Int { Int(lengths.max() ?? 0) }

    /// Each symbol's code, its bits reversed so that writing it LSB-first puts its first bit first
    /// (0 for unused symbols).
    package func reversedCodes() -> [UInt16] {
        var perLength = [Int](repeating: 0, count: Self.maximumLength + 1)
        for l in lengths where l > 0 { perLength[Int(l)] += 1 }
        var next = [Int](repeating: 0, count: Self.maximumLength + 2)
        var code = 0
        for l in 1...Self.maximumLength {
            code = (code + perLength[l - 1]) << 1
            next[l] = code
        }
        var codes = [UInt16](repeating: 0, count: lengths.count)
        for s in 0..<lengths.count where lengths[s] > 0 {
            let l = Int(lengths[s])
            codes[s] = UInt16(Self.reverse(next[l], bits: l))
            next[l] += 1
        }
        return codes
    }

    /// The low `bits` (at most 16) bits of `code`, in reverse order.
    package static func reverse(_ code: Int, bits: Int) -> Int {
        var x = UInt16(truncatingIfNeeded: code)
        x = (x & 0x5555) << 1 | (x >> 1) & 0x5555
        x = (x & 0x3333) << 2 | (x >> 2) & 0x3333
        x = (x & 0x0F0F) << 4 | (x >> 4) & 0x0F0F
        x = x << 8 | x >> 8
        return Int(x >> UInt16(16 - bits))
    }

    /// Fills `table` (of `1 << longest` entries) so that entry `i` is `symbol << 4 | length`
    /// of the code that the low bits of `i` start with, 0 where no code does.
    ///
    /// - Precondition: the code is not over-subscribed (``kraftSum`` at most `1 << 12`).
    package func fill(_ table: UnsafeMutableBufferPointer<UInt16>) {
        table.update(repeating: 0)
        let codes = reversedCodes()
        for s in 0..<lengths.count where lengths[s] > 0 {
            let l = Int(lengths[s])
            let entry = UInt16(s) << 4 | UInt16(l)
            var j = Int(codes[s])
            while j < table.count {
                table[j] = entry
                j += 1 << l
            }
        }
    }

    /// The Kraft sum scaled by `2^12`: `Σ 2^(12 − length)` over the used symbols; above
    /// `2^12` the code is over-subscribed (some bit strings would start two codes).
    package var kraftSum: Int {
        lengths.reduce(0) { $1 == 0 ? $0 : $0 + (1 << (Self.maximumLength - Int($1))) }
    }
}
