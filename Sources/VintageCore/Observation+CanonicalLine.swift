#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Observation {
    /// Whether `line`, the input text `self` was read from, is byte for byte this
    /// observation's canonical JSON (``Event/canonicalJSON``) — as a file written by a program
    /// usually is — so that it can serve as the canonical JSON instead of being written again:
    /// `{"type":"observation","series":…,"period":…,"value":…,"released_at":…}`, then
    /// `,"source":…` and `,"status":…` when present, with no white space or other field, every
    /// string's bytes those of the value read (so without escapes), the value spelled as the
    /// writer spells it and the release time in its canonical spelling. False for anything
    /// else: the caller then writes the canonical JSON, which is never wrong.
    func isCanonicalText(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = line.baseAddress else { return false }
        let n = line.count
        var p = 0
        func match(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard p + count <= n, memcmp(base + p, literal.utf8Start, count) == 0 else { return false }
            p += count
            return true
        }
        /// The bytes up to the next quote equal `value`'s, and the quote follows.
        func quoted(_ value: String) -> Bool {
            var value = value
            return value.withUTF8 { u in
                guard p + u.count < n, u.count == 0 || memcmp(base + p, u.baseAddress!, u.count) == 0,
                    line[p + u.count] == UInt8(ascii: "\"")
                else { return false }
                p += u.count + 1
                return true
            }
        }
        guard match(#"{"type":"observation","series":""#), quoted(series.rawValue),
            match(#","period":""#), quoted(period.text), match(#","value":"#)
        else { return false }
        let numberStart = p
        while p < n, line[p] != UInt8(ascii: ",") { p += 1 }
        guard p > numberStart, EventDecoder.canonicalNumberEnd(line, numberStart..<p) == p,
            match(#","released_at":""#)
        else { return false }
        var time: [UInt8] = []
        time.reserveCapacity(32)
        releasedAt.appendISO8601(to: &time)
        guard p + time.count < n, memcmp(base + p, time, time.count) == 0, line[p + time.count] == UInt8(ascii: "\"") else {
            return false
        }
        p += time.count + 1
        if let source {
            guard match(#","source":""#), quoted(source) else { return false }
        }
        if let status {
            guard match(#","status":""#), quoted(status) else { return false }
        }
        return p + 1 == n && line[p] == UInt8(ascii: "}")
    }
}
