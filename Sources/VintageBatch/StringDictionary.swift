#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The strings of a batch by first use, looked up by their UTF-8 bytes (Swift `String`
/// equality is canonical equivalence, not byte equality, and hashes slower).
struct StringDictionary {
    /// The strings, in index order.
    private(set) var strings: [String] = []
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var slots = [Int32](repeating: -1, count: 64)
    private var last = -1

    /// The index of `s`, added when new.
    mutating func index(_ s: String) -> Int {
        // A native string's bytes are read in place; only another kind is copied first.
        if let found = s.utf8.withContiguousStorageIfAvailable({ index(s, utf8: $0) }) { return found }
        var text = s
        return text.withUTF8 { index(s, utf8: $0) }
    }

    private mutating func index(_ s: String, utf8: UnsafeBufferPointer<UInt8>) -> Int {
        do {
            if last >= 0, equal(last, utf8) { return last }
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            let mask = slots.count - 1
            var i = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
            while slots[i] >= 0 {
                let candidate = Int(slots[i])
                if equal(candidate, utf8) {
                    last = candidate
                    return candidate
                }
                i = (i + 1) & mask
            }
            let index = strings.count
            strings.append(s)
            bytes.append(contentsOf: utf8)
            ends.append(bytes.count)
            slots[i] = Int32(index)
            last = index
            if strings.count * 2 > slots.count { grow() }
            return index
        }
    }

    private func range(_ index: Int) -> Range<Int> { (index == 0 ? 0 : ends[index - 1])..<ends[index] }

    private func equal(_ index: Int, _ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let r = range(index)
        guard r.count == utf8.count else { return false }
        guard r.count > 0 else { return true }
        return bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + r.lowerBound, utf8.baseAddress!, r.count) == 0 }
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for index in strings.indices {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in bytes[range(index)] { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            var i = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(index)
        }
    }
}
