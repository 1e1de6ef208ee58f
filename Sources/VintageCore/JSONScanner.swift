/// A pull reader of JSON text over raw bytes, purpose-built for the event schema: callers
/// ask for the value they expect next, and get either that value or an error saying what
/// was found instead. No intermediate tree is built.
///
/// The bytes must stay alive and unchanged while the scanner is used.
struct JSONScanner {
    /// What kind of JSON value starts at the current position.
    enum ValueKind: CustomStringConvertible {
        case object, array, string, number, bool, null, invalid

        var description: String {
            switch self {
            case .object: "an object"
            case .array: "an array"
            case .string: "a string"
            case .number: "a number"
            case .bool: "a boolean"
            case .null: "null"
            case .invalid: "invalid JSON"
            }
        }
    }

    /// A syntax error at a byte offset of the scanned text.
    struct SyntaxError: Error {
        var offset: Int
        var reason: String
    }

    let text: UnsafeBufferPointer<UInt8>
    var position: Int

    init(_ text: UnsafeBufferPointer<UInt8>, position: Int = 0) {
        self.text = text
        self.position = position
    }

    var isAtEnd: Bool { position >= text.count }

    mutating func skipWhitespace() {
        while position < text.count {
            switch text[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// The next non-whitespace byte, without consuming it.
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < text.count ? text[position] : nil
    }

    /// Consumes `byte` (after whitespace) or fails.
    mutating func expect(_ byte: UInt8, _ what: @autoclosure () -> String) throws(SyntaxError) {
        guard peek() == byte else { throw error("expected \(what())") }
        position += 1
    }

    /// Consumes `byte` (after whitespace) when it is next.
    mutating func consume(_ byte: UInt8) -> Bool {
        if peek() == byte { position += 1; return true }
        return false
    }

    func error(_ reason: String) -> SyntaxError {
        SyntaxError(offset: position, reason: reason + (position < text.count ? "" : " before the end of the line"))
    }

    /// The kind of value that starts next.
    mutating func nextKind() -> ValueKind {
        guard let next = peek() else { return .invalid }
        return switch next {
        case UInt8(ascii: "{"): .object
        case UInt8(ascii: "["): .array
        case UInt8(ascii: "\""): .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"): .bool
        case UInt8(ascii: "n"): .null
        default: .invalid
        }
    }

    // MARK: Strings

    /// Reads a string value. Fails on invalid escapes, raw control characters or invalid UTF-8.
    mutating func readString() throws(SyntaxError) -> String {
        try expect(UInt8(ascii: "\""), "a string")
        let start = position
        // Fast path: no escapes.
        while position < text.count {
            let b = text[position]
            if b == UInt8(ascii: "\"") {
                let raw = UnsafeBufferPointer(rebasing: text[start..<position])
                position += 1
                guard let s = String(validating: raw, as: UTF8.self) else { throw SyntaxError(offset: start, reason: "invalid UTF-8 in a string") }
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw error("control character in a string (escape it)") }
            position += 1
        }
        var bytes = Array(UnsafeBufferPointer(rebasing: text[start..<position]))
        while position < text.count {
            let b = text[position]
            position += 1
            switch b {
            case UInt8(ascii: "\""):
                guard let s = String(validating: bytes, as: UTF8.self) else { throw SyntaxError(offset: start, reason: "invalid UTF-8 in a string") }
                return s
            case UInt8(ascii: "\\"):
                guard position < text.count else { break }
                let e = text[position]
                position += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(e)
                case UInt8(ascii: "b"): bytes.append(0x08)
                case UInt8(ascii: "f"): bytes.append(0x0C)
                case UInt8(ascii: "n"): bytes.append(0x0A)
                case UInt8(ascii: "r"): bytes.append(0x0D)
                case UInt8(ascii: "t"): bytes.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try readHex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard position + 1 < text.count, text[position] == UInt8(ascii: "\\"), text[position + 1] == UInt8(ascii: "u") else {
                            throw error("unpaired surrogate in a \\u escape")
                        }
                        position += 2
                        let low = try readHex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired surrogate in a \\u escape") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw error("unpaired surrogate in a \\u escape")
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
                    bytes.append(contentsOf: Array(String(Character(u)).utf8))
                default:
                    position -= 1
                    if (0x21...0x7E).contains(e) { throw error("invalid escape \\\(Character(Unicode.Scalar(e)))") }
                    throw error("invalid escape: a backslash before byte 0x\(e < 16 ? "0" : "")\(String(e, radix: 16, uppercase: true))")
                }
            default:
                if b < 0x20 { position -= 1; throw error("control character in a string (escape it)") }
                bytes.append(b)
            }
        }
        throw error("unterminated string")
    }

    private mutating func readHex4() throws(SyntaxError) -> UInt32 {
        guard position + 4 <= text.count else { throw error("expected four hex digits after \\u") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = text[position]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - 55)
            default: throw error("expected four hex digits after \\u")
            }
            v = v << 4 | d
            position += 1
        }
        return v
    }

    /// Reads a string value and hands its raw bytes (when it has no escapes) to `body`,
    /// falling back to a decoded copy otherwise. Avoids a `String` on hot paths.
    mutating func withStringBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) throws(SyntaxError) -> R {
        skipWhitespace()
        let save = position
        guard position < text.count, text[position] == UInt8(ascii: "\"") else { throw error("expected a string") }
        var p = position + 1
        while p < text.count {
            let b = text[p]
            if b == UInt8(ascii: "\"") {
                position = p + 1
                return body(UnsafeBufferPointer(rebasing: text[(save + 1)..<p]))
            }
            if b == UInt8(ascii: "\\") || b < 0x20 || b >= 0x80 { break }
            p += 1
        }
        var s = try readString()
        return s.withUTF8 { body($0) }
    }

    // MARK: Numbers

    /// Reads a JSON number as a `Double`, correctly rounded. Non-finite results (from
    /// overflow such as `1e400`) are returned as they are; callers reject them.
    mutating func readNumber() throws(SyntaxError) -> Double {
        skipWhitespace()
        do {
            let (value, end) = try JSONNumber.read(text, from: position)
            position = end
            return value
        } catch {
            position = error.offset
            throw self.error(error.reason)
        }
    }

    // MARK: Literals and skipping

    /// Reads `true` or `false`.
    mutating func readBool() throws(SyntaxError) -> Bool {
        if matchLiteral("true") { return true }
        if matchLiteral("false") { return false }
        throw error("expected true or false")
    }

    /// Reads `null`.
    mutating func readNull() throws(SyntaxError) {
        guard matchLiteral("null") else { throw error("expected null") }
    }

    private mutating func matchLiteral(_ literal: StaticString) -> Bool {
        skipWhitespace()
        let n = literal.utf8CodeUnitCount
        guard position + n <= text.count else { return false }
        let lit = UnsafeBufferPointer(start: literal.utf8Start, count: n)
        for i in 0..<n where text[position + i] != lit[i] { return false }
        position += n
        return true
    }

    /// The text of a bare word at the current position (e.g. `NaN`), for error messages.
    mutating func bareWord() -> String {
        skipWhitespace()
        var p = position
        while p < text.count, p - position < 24 {
            let b = text[p]
            guard (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "-") || ASCIIDigits.isDigit(b) else { break }
            p += 1
        }
        return String(decoding: UnsafeBufferPointer(rebasing: text[position..<p]), as: UTF8.self)
    }

    /// Skips one value of any kind (used to report the whole value, or to pass over it).
    mutating func skipValue(depth: Int = 0) throws(SyntaxError) {
        guard depth < 64 else { throw error("JSON nested too deeply") }
        switch nextKind() {
        case .object:
            position += 1
            if consume(UInt8(ascii: "}")) { return }
            repeat {
                _ = try readString()
                try expect(UInt8(ascii: ":"), "':' after a key")
                try skipValue(depth: depth + 1)
            } while consume(UInt8(ascii: ","))
            try expect(UInt8(ascii: "}"), "',' or '}' in an object")
        case .array:
            position += 1
            if consume(UInt8(ascii: "]")) { return }
            repeat { try skipValue(depth: depth + 1) } while consume(UInt8(ascii: ","))
            try expect(UInt8(ascii: "]"), "',' or ']' in an array")
        case .string: _ = try readString()
        case .number: _ = try readNumber()
        case .bool: _ = try readBool()
        case .null: try readNull()
        case .invalid: throw error(bareWord().isEmpty ? "expected a JSON value" : "'\(bareWord())' is not a JSON value")
        }
    }
}
