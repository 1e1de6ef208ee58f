import VintageCore

/// The series of a ``ReplayFold`` as indices 0, 1, 2, … in order of first appearance: an
/// open-addressing table of a 64-bit hash of the id's UTF-8 bytes (kept in one arena, so a
/// lookup hashes and compares bytes, no `Hasher`, no `String` retained per probe).
///
/// Series are told apart as ``VintageFold`` tells them apart: as `String`s (canonical
/// equivalence). Two different ASCII ids are never equivalent, so the byte table answers
/// exactly for ASCII ids (all valid series ids are); every id is also kept in a dictionary,
/// asked on a miss of the byte table and for ids beyond ASCII, so that an id equivalent to
/// an earlier one gets that one's index.
struct ReplaySeriesTable: Sendable {
    private struct Entry: Sendable {
        var hash: UInt64
        var start: Int
        var count: Int
        /// The series index + 1; 0 marks an empty slot.
        var index: Int
    }

    /// The series, by index.
    private(set) var ids: [SeriesID] = []
    private var byString: [SeriesID: Int] = [:]
    private var slots = [Entry](repeating: Entry(hash: 0, start: 0, count: 0, index: 0), count: 64)
    private var occupied = 0
    private var arena: [UInt8] = []
    /// Per index, where its first ASCII spelling is in the arena (count -1: none).
    private var primary: [(start: Int, count: Int)] = []

    /// The index of `series`, the next one when it is new.
    @inline(__always)
    mutating func index(of series: SeriesID) -> Int {
        var text = series.rawValue
        let found = text.withUTF8 { bytes -> Int? in
            guard ReplayIDLog.isASCII(bytes) else { return nil }
            let h = ReplayIDLog.hash(bytes)
            let mask = slots.count - 1
            var i = Int(truncatingIfNeeded: h) & mask
            while true {
                let entry = slots[i]
                if entry.index == 0 { break }
                if entry.hash == h && entry.count == bytes.count && same(entry, bytes) { return entry.index - 1 }
                i = (i + 1) & mask
            }
            // Not in the byte table: an equivalent id's index, or a new one; then its bytes go in.
            let index = internByString(series)
            insert(bytes, hash: h, index: index)
            return index
        }
        return found ?? internByString(series)
    }

    private mutating func internByString(_ series: SeriesID) -> Int {
        if let index = byString[series] { return index }
        let index = ids.count
        ids.append(series)
        primary.append((0, -1))
        byString[series] = index
        return index
    }

    /// The index of the series spelled by these printable ASCII bytes, if interned: the
    /// series at `lastIndex` is tried first.
    @inline(__always)
    func existingIndex(ofBytes bytes: UnsafeBufferPointer<UInt8>, lastIndex: Int) -> Int? {
        if lastIndex < primary.count, primary[lastIndex].count == bytes.count,
            same(Entry(hash: 0, start: primary[lastIndex].start, count: bytes.count, index: 0), bytes)
        {
            return lastIndex
        }
        let h = ReplayIDLog.hash(bytes)
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = slots[i]
            if entry.index == 0 { return nil }
            if entry.hash == h && entry.count == bytes.count && same(entry, bytes) { return entry.index - 1 }
            i = (i + 1) & mask
        }
    }

    private func same(_ entry: Entry, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        arena.withUnsafeBufferPointer { arena in
            for i in 0..<bytes.count where arena[entry.start + i] != bytes[i] { return false }
            return true
        }
    }

    private mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt64, index: Int) {
        let start = arena.count
        arena.append(contentsOf: bytes)
        var mask = slots.count - 1
        if (occupied + 1) * 2 > slots.count {
            let old = slots
            slots = [Entry](repeating: Entry(hash: 0, start: 0, count: 0, index: 0), count: old.count * 2)
            mask = slots.count - 1
            for entry in old where entry.index != 0 {
                var i = Int(truncatingIfNeeded: entry.hash) & mask
                while slots[i].index != 0 { i = (i + 1) & mask }
                slots[i] = entry
            }
        }
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i].index != 0 { i = (i + 1) & mask }
        slots[i] = Entry(hash: h, start: start, count: bytes.count, index: index + 1)
        occupied += 1
        if primary[index].count < 0 { primary[index] = (start, bytes.count) }
    }
}

/// The statuses of a ``ReplayFold`` as codes: 0 is nil, `n` is `statuses[n]`. Statuses are
/// told apart by their bytes, so that every row shows its statement's status exactly as
/// written.
struct ReplayStatusTable: Sendable {
    /// A status compared and hashed by its UTF-8 bytes.
    private struct Bytes: Hashable, Sendable {
        var text: String
        static func == (a: Bytes, b: Bytes) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }
        func hash(into hasher: inout Hasher) {
            for byte in text.utf8 { hasher.combine(byte) }
        }
    }

    /// The statuses by code (code 0: nil).
    private(set) var statuses: [String?] = [nil]
    private var codes: [Bytes: UInt32] = [:]
    private var last: String?
    private var lastBytes: [UInt8] = []
    private var lastCode: UInt32 = 0

    /// The code of `status`, interning it when new.
    @inline(__always)
    mutating func code(of status: String?) -> UInt32 {
        guard let status else { return 0 }
        if let last, last.utf8.elementsEqual(status.utf8) { return lastCode }
        let code: UInt32
        if let known = codes[Bytes(text: status)] {
            code = known
        } else {
            code = UInt32(statuses.count)
            statuses.append(status)
            codes[Bytes(text: status)] = code
        }
        last = status
        lastBytes = Array(status.utf8)
        lastCode = code
        return code
    }

    /// The code of the status spelled by `bytes` (valid UTF-8), interning it when new.
    @inline(__always)
    mutating func code(ofBytes bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        if last != nil, lastBytes.count == bytes.count, lastBytes.elementsEqual(bytes) { return lastCode }
        return code(of: String(decoding: bytes, as: UTF8.self))
    }
}
