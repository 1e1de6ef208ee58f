/// The JSON number grammar and its correctly rounded value, for every reader of JSON text
/// (``JSONScanner`` and the replay's reader of canonical JSON).
package enum JSONNumber {
    /// Why the text at an offset is no JSON number.
    package struct SyntaxError: Error {
        /// The byte offset the error is reported at.
        package var offset: Int
        package var reason: String
    }

    /// Reads the number literal starting at `start` of `text`: its value, correctly rounded
    /// (infinite when it overflows: callers reject non-finite values), and the offset just
    /// after it.
    @inline(__always)
    package static func read(_ text: UnsafeBufferPointer<UInt8>, from start: Int) throws(SyntaxError) -> (value: Double, end: Int) {
        var p = start
        var negative = false
        if p < text.count, text[p] == UInt8(ascii: "-") { negative = true; p += 1 }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var droppedDigits = 0  // integer digits beyond what the mantissa holds
        var truncated = false  // digits not held in the mantissa: take the exact slow path
        var exponent = 0
        let intStart = p
        while p < text.count, ASCIIDigits.isDigit(text[p]) {
            if significantDigits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(text[p] - 48)
                if mantissa != 0 { significantDigits += 1 }
            } else {
                droppedDigits += 1
                truncated = true
            }
            p += 1
        }
        guard p > intStart else { throw SyntaxError(offset: start, reason: "expected a number") }
        if p - intStart > 1, text[intStart] == UInt8(ascii: "0") { throw SyntaxError(offset: start, reason: "a number cannot start with 0") }
        exponent += droppedDigits
        if p < text.count, text[p] == UInt8(ascii: ".") {
            p += 1
            let fracStart = p
            while p < text.count, ASCIIDigits.isDigit(text[p]) {
                if significantDigits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(text[p] - 48)
                    if mantissa != 0 { significantDigits += 1 }
                    exponent -= 1
                } else {
                    truncated = true
                }
                p += 1
            }
            guard p > fracStart else { throw SyntaxError(offset: p, reason: "expected digits after the decimal point") }
        }
        if p < text.count, text[p] | 0x20 == UInt8(ascii: "e") {
            p += 1
            var expNegative = false
            if p < text.count, text[p] == UInt8(ascii: "+") || text[p] == UInt8(ascii: "-") {
                expNegative = text[p] == UInt8(ascii: "-")
                p += 1
            }
            let expStart = p
            var e = 0
            while p < text.count, ASCIIDigits.isDigit(text[p]) {
                if e < 100_000 { e = e * 10 + Int(text[p] - 48) }
                p += 1
            }
            guard p > expStart else { throw SyntaxError(offset: p, reason: "expected digits in the exponent") }
            exponent += expNegative ? -e : e
        }
        // Clinger's fast path: exact when the mantissa and the power of ten are both exact doubles.
        if !truncated, mantissa <= (1 << 53), exponent >= -22, exponent <= 22 {
            var v = Double(mantissa)
            if exponent < 0 { v /= DecimalSum.powersOfTen[-exponent] } else { v *= DecimalSum.powersOfTen[exponent] }
            return (negative ? -v : v, p)
        }
        let literal = String(decoding: UnsafeBufferPointer(rebasing: text[start..<p]), as: UTF8.self)
        guard let v = Double(literal) else { throw SyntaxError(offset: start, reason: "invalid number") }
        return (v, p)
    }
}
