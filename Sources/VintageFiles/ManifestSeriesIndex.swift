import VintageColumnar
import VintageCore

/// A format-3 manifest's series index, read in place: where each series' entry lies in the
/// manifest's bytes, in ascending id order, so that one series' entry is found by a binary
/// search over ids compared as bytes, without reading the others.
///
/// The index is `count` little-endian u32s, each the start of an entry relative to the
/// first entry's start (``entriesStart``); an entry ends where the next one starts (the last
/// one where the body ends). Every entry begins with its series id, length-prefixed.
/// Making an index checks the offsets and the ids (valid series ids, strictly ascending)
/// — not the rest of the entries, which their decoding checks.
struct ManifestSeriesIndex: Sendable {
    /// The manifest's bytes.
    let bytes: [UInt8]
    /// The number of series.
    let count: Int
    /// Where the index's u32s start in ``bytes``.
    let indexStart: Int
    /// Where the first entry starts in ``bytes``.
    let entriesStart: Int
    /// Where the last entry ends in ``bytes``.
    let entriesEnd: Int

    /// The index of `count` entries whose u32s start at `indexStart` in `bytes`, its entries
    /// following it up to `entriesEnd`, checked.
    init(bytes: [UInt8], count: Int, indexStart: Int, entriesEnd: Int) throws(ManifestError) {
        guard count <= (entriesEnd - indexStart) / 5 else {
            throw .damaged("series count \(count) is more than the \(entriesEnd - indexStart) remaining bytes can hold")
        }
        self.bytes = bytes
        self.count = count
        self.indexStart = indexStart
        self.entriesStart = indexStart + 4 * count
        self.entriesEnd = entriesEnd
        try check()
    }

    /// Checks the offsets (the first 0, then ascending, within the entries) and the ids.
    private func check() throws(ManifestError) {
        try bytes.withUnsafeBufferPointer { (b: UnsafeBufferPointer<UInt8>) throws(ManifestError) in
            var previousStart = -1
            var previousID: UnsafeBufferPointer<UInt8>? = nil
            for position in 0..<count {
                let start = Self.u32(b, at: indexStart + 4 * position)
                guard position > 0 || start == 0 else { throw .damaged("the series index does not start at the first entry") }
                guard start > previousStart, entriesStart + start < entriesEnd else {
                    throw .damaged("offset \(start) of series entry \(position) in the series index is out of order or past the end")
                }
                previousStart = start
                let end = position + 1 < count ? entriesStart + Int(Self.u32(b, at: indexStart + 4 * position + 4)) : entriesEnd
                guard let id = Self.id(b, at: entriesStart + start, end: min(max(end, entriesStart + start), entriesEnd)) else {
                    throw .damaged("the series id of entry \(position) is truncated")
                }
                guard Self.isValidID(id) || SeriesID.problem(in: id) == nil else {
                    throw .damaged("invalid series id '\(String(decoding: id, as: UTF8.self))' in entry \(position)")
                }
                if let previousID, Self.compare(previousID, id) >= 0 {
                    throw .damaged("series '\(String(decoding: id, as: UTF8.self))' is out of order or appears twice in the series index")
                }
                previousID = id
            }
        }
    }

    /// Where entry `position` starts in ``bytes``.
    func start(_ position: Int) -> Int {
        bytes.withUnsafeBufferPointer { entriesStart + Self.u32($0, at: indexStart + 4 * position) }
    }

    /// Where entry `position` ends in ``bytes``.
    func end(_ position: Int) -> Int {
        position + 1 < count ? start(position + 1) : entriesEnd
    }

    /// The series id of entry `position`.
    func id(_ position: Int) -> SeriesID {
        bytes.withUnsafeBufferPointer { b in
            let id = Self.id(b, at: start(position), end: end(position))!
            return SeriesID(unchecked: String(decoding: id, as: UTF8.self))
        }
    }

    /// The position of `id`'s entry, or nil when the index has none.
    func position(of id: SeriesID) -> Int? {
        var text = id.rawValue
        return text.withUTF8 { wanted in
            bytes.withUnsafeBufferPointer { b in
                var low = 0, high = count
                while low < high {
                    let middle = (low + high) / 2
                    let start = entriesStart + Self.u32(b, at: indexStart + 4 * middle)
                    let end = middle + 1 < count ? entriesStart + Self.u32(b, at: indexStart + 4 * middle + 4) : entriesEnd
                    let order = Self.compare(Self.id(b, at: start, end: end)!, wanted)
                    if order == 0 { return middle }
                    if order < 0 { low = middle + 1 } else { high = middle }
                }
                return nil
            }
        }
    }

    /// The bytes series ids are made of (`a-z 0-9 . _ - / :`), as a 128-bit set.
    private static let idBytes: (low: UInt64, high: UInt64) = {
        var low: UInt64 = 0, high: UInt64 = 0
        for byte in Array("abcdefghijklmnopqrstuvwxyz0123456789._-/:".utf8) {
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }
        return (low, high)
    }()

    /// Whether `id` is a valid series id in its lower-case form: what `SeriesID.problem(in:)`
    /// finds no problem with, a few instructions a byte (it is asked for every id of the
    /// index at every open).
    static func isValidID(_ id: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !id.isEmpty, id.count <= SeriesID.maximumLength else { return false }
        let (low, high) = idBytes
        for byte in id {
            let word = byte < 64 ? low : (byte < 128 ? high : 0)
            guard (word >> UInt64(byte & 63)) & 1 == 1 else { return false }
        }
        return true
    }

    /// The little-endian u32 at `offset`.
    private static func u32(_ b: UnsafeBufferPointer<UInt8>, at offset: Int) -> Int {
        Int(UInt32(littleEndian: UnsafeRawPointer(b.baseAddress! + offset).loadUnaligned(as: UInt32.self)))
    }

    /// The bytes of the length-prefixed id at `offset`, when they lie before `end`.
    private static func id(_ b: UnsafeBufferPointer<UInt8>, at offset: Int, end: Int) -> UnsafeBufferPointer<UInt8>? {
        var at = offset
        guard let length = try? readVarUInt(b, at: &at, end: end), length <= UInt64(end - at) else { return nil }
        return UnsafeBufferPointer(rebasing: b[at..<(at + Int(length))])
    }

    /// The byte order of `a` and `b` (negative, zero or positive), which is the order of
    /// series ids (`a-z 0-9 . _ - / :`, ASCII).
    private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(a.count, b.count)
        if n > 0 {
            let order = memcmpBytes(a.baseAddress!, b.baseAddress!, n)
            if order != 0 { return order }
        }
        return a.count - b.count
    }

    /// The first differing byte of `n` bytes at `a` and `b`, as a difference.
    private static func memcmpBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Int {
        var i = 0
        while i < n {
            if a[i] != b[i] { return Int(a[i]) - Int(b[i]) }
            i += 1
        }
        return 0
    }
}
