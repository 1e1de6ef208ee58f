/// Writes compact JSON into a byte buffer, deterministically: the canonical form that
/// event ids and checksums are computed from, and the `json` output of the CLI.
public struct JSONWriter: Sendable {
    /// The JSON written so far.
    public private(set) var bytes: [UInt8] = []
    /// One bit per open container (innermost lowest): whether a value was written in it.
    private var commaBits: UInt64 = 0
    private var depth = 0

    /// Creates an empty writer.
    public init() { bytes.reserveCapacity(256) }

    /// Opens an object (`{`).
    public mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); push() }
    /// Closes the innermost object.
    public mutating func endObject() { pop(); bytes.append(UInt8(ascii: "}")) }
    /// Opens an array (`[`).
    public mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); push() }
    /// Closes the innermost array.
    public mutating func endArray() { pop(); bytes.append(UInt8(ascii: "]")) }

    private mutating func push() {
        precondition(depth < 64, "JSON nested deeper than 64 levels")
        commaBits <<= 1
        depth += 1
    }

    private mutating func pop() {
        commaBits >>= 1
        depth -= 1
    }

    /// Writes a constant object key (no escaping needed); the next value belongs to it.
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        commaBits &= ~1
    }

    /// Writes an object key that is not a constant; the next value written belongs to it.
    public mutating func key(text name: String) {
        separate()
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        commaBits &= ~1
    }

    /// Writes a string value.
    public mutating func string(_ value: String) { separate(); appendQuoted(value) }
    /// Writes a number in shortest round-trip form (see ``Double/shortestText``).
    public mutating func number(_ value: Double) {
        separate()
        // Integral values below 2^53 print as plain integers without going through `String`.
        if value == value.rounded(.towardZero), abs(value) < 9_007_199_254_740_992, value != 0 || value.sign == .plus {
            appendDigits(Int64(value))
        } else {
            bytes.append(contentsOf: value.shortestText.utf8)
        }
    }

    private mutating func appendDigits(_ value: Int64) { DecimalDigits.append(value, to: &bytes) }
    /// Writes an integer.
    public mutating func integer(_ value: Int64) { separate(); appendDigits(value) }
    /// Writes a timestamp as its canonical ISO-8601 string.
    public mutating func timestamp(_ value: Timestamp) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        value.appendISO8601(to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }
    /// Writes `null`.
    public mutating func null() { separate(); bytes.append(contentsOf: "null".utf8) }
    /// Writes JSON text that is already valid and compact, as one value.
    public mutating func raw(_ json: [UInt8]) { separate(); bytes.append(contentsOf: json) }

    /// Writes JSON text that is already valid and compact, given in pieces, as one value.
    public mutating func raw(pieces json: [UnsafeBufferPointer<UInt8>]) {
        separate()
        for piece in json { bytes.append(contentsOf: piece) }
    }

    /// Makes room for at least `count` bytes in all, so that a long text grows once.
    public mutating func reserveCapacity(_ count: Int) { bytes.reserveCapacity(count) }

    /// Writes `"name": value` for an optional string, omitting it when nil.
    public mutating func field(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name); string(value)
    }

    /// Writes an object of string values with keys in sorted order.
    public mutating func stringMap(_ map: [String: String]) {
        beginObject()
        for k in map.keys.sorted() { key(text: k); string(map[k]!) }
        endObject()
    }

    private mutating func separate() {
        guard depth > 0 else { return }
        if commaBits & 1 != 0 { bytes.append(UInt8(ascii: ",")) }
        commaBits |= 1
    }

    private mutating func appendQuoted(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = s
        let plain = text.withUTF8 { utf8 -> Bool in
            for b in utf8 where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if plain {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
            case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
            case 0..<0x20:
                bytes.append(contentsOf: "\\u00".utf8)
                bytes.append(hexDigit(b >> 4))
                bytes.append(hexDigit(b & 15))
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// The lower-case hex digit of a value 0–15.
@inline(__always)
func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 48 + v : 87 + v }

extension Double {
    /// The shortest text that reads back as exactly this value: `65800000000`, `0.1`,
    /// `1e+16`. Integral values print without `.0`.
    public var shortestText: String {
        let s = description
        if s.hasSuffix(".0") { return String(s.dropLast(2)) }
        return s
    }
}
