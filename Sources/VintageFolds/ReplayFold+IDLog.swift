import VintageCore

/// The ids of the original events, for ``ReplayFold``: appended in log order (the id's UTF-8
/// bytes into one arena, and the seq), and looked up only once, at the end, for the targets
/// of the corrections and retractions: one pass over the ids, hashing each and comparing the
/// whole id where a hash matches a target's. No hash table is kept while applying, so an
/// original event costs two appends and a copy of its id's bytes.
///
/// A target resolves as ``VintageFold`` resolves it: to the latest original event before the
/// correction whose id equals it as a `String` (canonical equivalence). For ASCII ids that
/// is byte equality; when a target or an id holds a non-ASCII byte, the lookup compares
/// `EventID`s instead.
struct ReplayIDLog: Sendable {
    /// Each original event's seq, in log order.
    var seqs: [Int64] = []
    /// Where each id's bytes end in ``arena`` (they start where the previous one's end).
    var ends: [Int] = []
    /// The bytes of every id, back to back.
    var arena: [UInt8] = []

    /// The number of ids held.
    var count: Int { seqs.count }

    /// Records that the original event `id` is at `seq`.
    @inline(__always)
    mutating func append(_ id: EventID, seq: Int64) {
        var text = id.rawValue
        text.withUTF8 { arena.append(contentsOf: $0) }
        ends.append(arena.count)
        seqs.append(seq)
    }

    /// Records that the original event at `seq` has a derived id, not computed (an empty
    /// entry, which matches no target; see ``ReplayFold/finish(derivedIDs:)``).
    @inline(__always)
    mutating func appendDerived(seq: Int64) {
        ends.append(arena.count)
        seqs.append(seq)
    }

    /// The seq of the first original event recorded with a derived id not computed, if any.
    var firstDerivedSeq: Int64? {
        var start = 0
        for (i, end) in ends.enumerated() {
            if end == start { return seqs[i] }
            start = end
        }
        return nil
    }

    /// Whether the original event at `seq` was recorded with a derived id not computed.
    func isDerived(_ seq: Int64) -> Bool {
        var low = 0, high = seqs.count
        while low < high {
            let mid = (low + high) / 2
            if seqs[mid] < seq { low = mid + 1 } else { high = mid }
        }
        guard low < seqs.count, seqs[low] == seq else { return false }
        return ends[low] == (low == 0 ? 0 : ends[low - 1])
    }

    /// For each (id, position) asked: the seq of the latest original event before `position`
    /// with that id, or nil when there is none.
    func resolve(_ targets: [(id: EventID, position: Int64)]) -> [Int64?] {
        guard !targets.isEmpty else { return [] }
        var asked: [[UInt8]] = []
        for target in targets {
            var text = target.id.rawValue
            let bytes = text.withUTF8 { Array($0) }
            guard Self.isASCII(bytes) else { return resolveAsStrings(targets) }
            asked.append(bytes)
        }
        // The targets by hash; a bitmap of hash bits first, so that most ids cost one test.
        var byHash: [UInt64: [Int]] = [:]
        var filter = [UInt64](repeating: 0, count: 1024)
        for (k, bytes) in asked.enumerated() {
            let h = bytes.withUnsafeBufferPointer { Self.hash($0) }
            byHash[h, default: []].append(k)
            filter[Int(h & 1023)] |= 1 << ((h >> 10) & 63)
        }
        var found = [Int64?](repeating: nil, count: targets.count)
        let complete: Bool = arena.withUnsafeBufferPointer { arena in
            var start = 0
            for i in seqs.indices {
                let end = ends[i]
                let id = UnsafeBufferPointer(rebasing: arena[start..<end])
                start = end
                guard Self.isASCII(id) else { return false }
                let h = Self.hash(id)
                guard filter[Int(h & 1023)] & (1 << ((h >> 10) & 63)) != 0, let candidates = byHash[h] else { continue }
                for k in candidates where seqs[i] < targets[k].position && asked[k].elementsEqual(id) {
                    found[k] = seqs[i]  // ids come in log order: the last match is the latest
                }
            }
            return true
        }
        return complete ? found : resolveAsStrings(targets)
    }

    /// ``resolve(_:)`` comparing ids as `EventID`s, for ids or targets beyond ASCII.
    private func resolveAsStrings(_ targets: [(id: EventID, position: Int64)]) -> [Int64?] {
        var seqsByID: [EventID: [Int64]] = [:]
        var start = 0
        for i in seqs.indices {
            let id = EventID(unchecked: String(decoding: arena[start..<ends[i]], as: UTF8.self))
            start = ends[i]
            seqsByID[id, default: []].append(seqs[i])
        }
        return targets.map { target in seqsByID[target.id]?.last { $0 < target.position } }
    }

    @inline(__always)
    static func isASCII(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { isASCII($0) } }

    @inline(__always)
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return true }
        var i = 0
        let n = bytes.count
        var bits: UInt64 = 0
        while i + 8 <= n {
            bits |= base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < n {
            bits |= UInt64(bytes[i])
            i += 1
        }
        return bits & 0x8080_8080_8080_8080 == 0
    }

    /// A 64-bit hash of `bytes`.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        let n = bytes.count
        var i = 0
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            while i + 8 <= n {
                let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 29
                i += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << shift
                shift += 8
                i += 1
            }
            h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        }
        h ^= h >> 31
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return h
    }
}
