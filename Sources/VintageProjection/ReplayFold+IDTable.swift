import VintageCore

/// The seq of each original event by id, for ``ReplayFold``: an open-addressing table of a
/// 64-bit hash of the id's UTF-8 bytes, with the bytes kept in one arena so that hash
/// collisions fall back to comparing whole ids. One insert per original event, no `String`
/// retained.
///
/// Ids compare as `String`s do in ``VintageFold`` (canonical equivalence). For ASCII ids that
/// is byte equality; the first id or target with a non-ASCII byte switches the table to a
/// `Dictionary<EventID, Int64>` holding every id seen so far, so that the answers stay
/// exactly ``VintageFold``'s.
struct ReplayIDTable: Sendable {
    /// One occupied slot: the id's hash, the seq, and where its bytes are in the arena.
    struct Entry: Sendable {
        var hash: UInt64
        var seq: Int64
        var start: UInt32
        var count: UInt32
    }

    /// Slots (hash 0: empty); the capacity is a power of two, at most half full.
    private var slots: [Entry] = Array(repeating: Entry(hash: 0, seq: 0, start: 0, count: 0), count: 1024)
    private var occupied = 0
    /// The bytes of every id in the table, back to back.
    private var arena: [UInt8] = []
    /// Once a non-ASCII id is seen: every id, compared as `String`s.
    private var byString: [EventID: Int64]?

    /// The number of distinct ids held.
    var count: Int { byString?.count ?? occupied }

    /// Records that the original event `id` is at `seq` (replacing an earlier event of that id).
    mutating func insert(_ id: EventID, seq: Int64) {
        if byString != nil {
            byString![id] = seq
            return
        }
        var text = id.rawValue
        let inserted = text.withUTF8 { bytes -> Bool in
            // Non-ASCII ids, and ids beyond what 32-bit arena offsets address, go by string.
            guard Self.isASCII(bytes), arena.count + bytes.count <= Int(UInt32.max) else { return false }
            insert(bytes, seq: seq)
            return true
        }
        if !inserted {
            switchToStrings()
            byString![id] = seq
        }
    }

    /// The seq of the latest original event with this id, if any.
    mutating func seq(of id: EventID) -> Int64? {
        if byString != nil { return byString![id] }
        var text = id.rawValue
        let found = text.withUTF8 { bytes -> Int64?? in
            guard Self.isASCII(bytes) else { return .none }
            return .some(lookup(bytes))
        }
        if let found { return found }
        switchToStrings()
        return byString![id]
    }

    /// Moves every id into ``byString``; canonically equivalent ids then share one entry,
    /// holding the latest seq (as a dictionary that had been updated in log order would).
    private mutating func switchToStrings() {
        var table: [EventID: Int64] = [:]
        table.reserveCapacity(occupied * 2)
        for entry in slots where entry.hash != 0 {
            let start = Int(entry.start)
            let id = EventID(unchecked: String(decoding: arena[start..<(start + Int(entry.count))], as: UTF8.self))
            table[id] = max(table[id] ?? .min, entry.seq)
        }
        byString = table
        slots = []
        arena = []
        occupied = 0
    }

    @inline(__always)
    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
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

    /// A 64-bit hash of `bytes`, never 0 (0 marks an empty slot).
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
        return h == 0 ? 1 : h
    }

    private func same(_ entry: Entry, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard Int(entry.count) == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { arena in
            let start = Int(entry.start)
            for i in 0..<bytes.count where arena[start + i] != bytes[i] { return false }
            return true
        }
    }

    private mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, seq: Int64) {
        let h = Self.hash(bytes)
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = slots[i]
            if entry.hash == 0 { break }
            if entry.hash == h && same(entry, bytes) {
                slots[i].seq = seq
                return
            }
            i = (i + 1) & mask
        }
        let start = arena.count
        arena.append(contentsOf: bytes)
        slots[i] = Entry(hash: h, seq: seq, start: UInt32(truncatingIfNeeded: start), count: UInt32(bytes.count))
        occupied += 1
        if occupied * 2 > slots.count { grow() }
    }

    private func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        let h = Self.hash(bytes)
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = slots[i]
            if entry.hash == 0 { return nil }
            if entry.hash == h && same(entry, bytes) { return entry.seq }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Entry(hash: 0, seq: 0, start: 0, count: 0), count: old.count * 2)
        let mask = slots.count - 1
        for entry in old where entry.hash != 0 {
            var i = Int(truncatingIfNeeded: entry.hash) & mask
            while slots[i].hash != 0 { i = (i + 1) & mask }
            slots[i] = entry
        }
    }
}
