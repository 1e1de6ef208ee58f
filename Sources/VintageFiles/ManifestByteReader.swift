import VintageColumnar
import VintageCore

/// A bounds-checked cursor over the projection's small files: every read either succeeds
/// within the bytes or throws ``ManifestError/damaged(_:)`` naming what was being read.
package struct ManifestByteReader {
    /// The bytes being read.
    let bytes: [UInt8]
    /// The offset of the next unread byte.
    package private(set) var offset: Int
    /// The offset just past the last readable byte.
    let end: Int

    package init(_ bytes: [UInt8], from offset: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.offset = offset
        self.end = end ?? bytes.count
    }

    /// The number of bytes not yet read.
    package var remaining: Int { end - offset }

    package mutating func u8(_ what: @autoclosure () -> String) throws(ManifestError) -> UInt8 {
        guard remaining >= 1 else { throw .damaged("truncated in \(what())") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func u32(_ what: @autoclosure () -> String) throws(ManifestError) -> UInt32 {
        guard remaining >= 4 else { throw .damaged("truncated in \(what())") }
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(bytes[offset + i]) << (8 * UInt32(i)) }
        offset += 4
        return v
    }

    package mutating func i64(_ what: @autoclosure () -> String) throws(ManifestError) -> Int64 {
        guard remaining >= 8 else { throw .damaged("truncated in \(what())") }
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        offset += 8
        return Int64(bitPattern: v)
    }

    /// An unsigned LEB128 integer of at most ten bytes.
    package mutating func varUInt(_ what: @autoclosure () -> String) throws(ManifestError) -> UInt64 {
        do {
            return try readVarUInt(bytes, at: &offset, end: end)
        } catch {
            switch error {
            case .truncated: throw .damaged("truncated in \(what())")
            case .overflow: throw .damaged("\(what()) overflows 64 bits")
            }
        }
    }

    /// A zigzag-encoded signed LEB128 integer.
    package mutating func varInt(_ what: @autoclosure () -> String) throws(ManifestError) -> Int64 {
        zigzagDecode(try varUInt(what()))
    }

    /// A count of items each taking at least `minimumItemSize` bytes, so that a damaged
    /// count can never ask for more items than the remaining bytes could hold.
    package mutating func count(_ what: @autoclosure () -> String, minimumItemSize: Int = 1) throws(ManifestError) -> Int {
        let v = try varUInt(what())
        guard v <= UInt64(remaining / max(minimumItemSize, 1)) else {
            throw .damaged("\(what()) is \(v), more than the \(remaining) remaining bytes can hold")
        }
        return Int(v)
    }

    /// A length-prefixed byte string.
    mutating func blob(_ what: @autoclosure () -> String) throws(ManifestError) -> [UInt8] {
        let n = try count("length of \(what())")
        defer { offset += n }
        return Array(bytes[offset..<(offset + n)])
    }

    /// Moves past a length-prefixed byte string.
    mutating func skipBlob(_ what: @autoclosure () -> String) throws(ManifestError) {
        offset += try count("length of \(what())")
    }

    /// Moves past a length-prefixed UTF-8 string, checked as ``string(_:)`` checks it
    /// (without making a string when its bytes are ASCII).
    package mutating func skipString(_ what: @autoclosure () -> String) throws(ManifestError) {
        let start = offset
        let n = try count("length of \(what())")
        let from = offset
        let ascii = bytes.withUnsafeBufferPointer { b in
            // Eight bytes at a time, then the rest.
            let base = UnsafeRawPointer(b.baseAddress! + from)
            var words: UInt64 = 0, i = 0
            while i + 8 <= n { words |= base.loadUnaligned(fromByteOffset: i, as: UInt64.self); i += 8 }
            var any = UInt8(
                truncatingIfNeeded: words | words >> 8 | words >> 16 | words >> 24 | words >> 32 | words >> 40 | words >> 48 | words >> 56)
            while i < n { any |= base.load(fromByteOffset: i, as: UInt8.self); i += 1 }
            return any < 0x80
        }
        if ascii {
            offset += n
        } else {
            offset = start
            _ = try string(what())
        }
    }

    /// Moves past a presence byte and, when present, a string (see ``skipString(_:)``).
    package mutating func skipOptionalString(_ what: @autoclosure () -> String) throws(ManifestError) {
        switch try u8("presence of \(what())") {
        case 0: return
        case 1: try skipString(what())
        case let tag: throw .damaged("presence byte \(tag) of \(what()) is neither 0 nor 1")
        }
    }

    /// A length-prefixed UTF-8 string.
    package mutating func string(_ what: @autoclosure () -> String) throws(ManifestError) -> String {
        let n = try count("length of \(what())")
        let start = offset
        // String(unsafeUninitializedCapacity:) is a concrete entry point of the standard
        // library (about 550 instructions a string, allocation included); validating an
        // array slice, or decoding a buffer, went through unspecialised generic code (about
        // 1,000 more). It repairs invalid UTF-8, so bytes other than ASCII must come back
        // unchanged to be valid.
        let text: String? = bytes.withUnsafeBufferPointer { all in
            let raw = UnsafeBufferPointer(rebasing: all[start..<(start + n)])
            let decoded = String(unsafeUninitializedCapacity: n) { out in
                if n > 0 { out.baseAddress!.update(from: raw.baseAddress!, count: n) }
                return n
            }
            var ascii = true
            for byte in raw where byte >= 0x80 { ascii = false; break }
            return ascii || decoded.utf8.elementsEqual(raw) ? decoded : nil
        }
        guard let text else { throw .damaged("\(what()) is not valid UTF-8") }
        offset += n
        return text
    }

    /// Reads a length-prefixed string when its bytes are `text`'s and returns true; else
    /// reads nothing and returns false.
    package mutating func skipString(equalTo text: String) -> Bool {
        var text = text
        let (from, end) = (offset, end)
        // One pass over buffers: the length prefix, then the bytes (the generic comparison of
        // an array slice with a string's UTF-8 view cost ~1,500 instructions, a reader's
        // `count` and copies of the array ~300).
        let next: Int? = text.withUTF8 { t in
            bytes.withUnsafeBufferPointer { b in
                var at = from
                guard let n = try? readVarUInt(b, at: &at, end: end), n == UInt64(t.count), end - at >= t.count else { return nil }
                var i = 0
                while i < t.count, b[at + i] == t[i] { i += 1 }
                return i == t.count ? at + i : nil
            }
        }
        guard let next else { return false }
        offset = next
        return true
    }

    /// A length-prefixed series id, checked as `SeriesID(string(…))` checks it but parsed
    /// in place (one string made, not two); an invalid one is read again that way, for the
    /// same error.
    mutating func seriesID(_ what: @autoclosure () -> String) throws(ManifestError) -> SeriesID {
        let start = offset
        let n = try count("length of \(what())")
        let from = offset
        let parsed = bytes.withUnsafeBufferPointer { SeriesID.parse(UnsafeBufferPointer(rebasing: $0[from..<(from + n)])) }
        if case let .success(id) = parsed {
            offset += n
            return id
        }
        offset = start
        let text = try string(what())
        do { return try SeriesID(text) } catch { throw .damaged("invalid \(what()) '\(text)'") }
    }

    /// A presence byte, then the string when present.
    package mutating func optionalString(_ what: @autoclosure () -> String) throws(ManifestError) -> String? {
        switch try u8("presence of \(what())") {
        case 0: return nil
        case 1: return try string(what())
        case let tag: throw .damaged("presence byte \(tag) of \(what()) is neither 0 nor 1")
        }
    }

    /// Throws unless every byte has been read.
    package func expectEnd(_ what: @autoclosure () -> String) throws(ManifestError) {
        guard remaining == 0 else { throw .damaged("\(remaining) unexpected bytes after \(what())") }
    }
}
