#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a number cell: `-12.5`, `1e6`, `+3`, or with a decimal comma `1.234,5`. The result
/// is the correctly rounded double of the decimal written.
enum DecimalText {
    private static let powersOfTen: [Double] = (0...22).map { (0..<$0).reduce(1.0) { r, _ in r * 10 } }

    /// The value of `cell`, or nil when it is not a finite number.
    static func value(_ cell: UnsafeBufferPointer<UInt8>, decimalComma: Bool) -> Double? {
        let n = cell.count
        guard n > 0 else { return nil }
        let mark = decimalComma ? UInt8(ascii: ",") : UInt8(ascii: ".")
        var i = 0
        var negative = false
        if cell[0] == UInt8(ascii: "-") || cell[0] == UInt8(ascii: "+") { negative = cell[0] == UInt8(ascii: "-"); i = 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var scale = 0
        var sawDigit = false
        var sawMark = false
        while i < n {
            let c = cell[i]
            if c >= 48 && c <= 57 {
                sawDigit = true
                if mantissa == 0 && c == 48 {
                    if sawMark { scale -= 1 }
                } else if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(c - 48)
                    digits += 1
                    if sawMark { scale -= 1 }
                } else {
                    return slowValue(cell, decimalComma: decimalComma)
                }
            } else if c == mark && !sawMark {
                sawMark = true
            } else if decimalComma && !sawMark && (c == UInt8(ascii: ".") || c == UInt8(ascii: " ")) && sawDigit {
                // A thousands separator: skipped.
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                return sawDigit ? slowValue(cell, decimalComma: decimalComma) : nil
            } else {
                return nil
            }
            i += 1
        }
        guard sawDigit else { return nil }
        if mantissa < (1 << 53) && -scale <= 22 {
            let v = Double(mantissa) / powersOfTen[-scale]
            return negative ? -v : v
        }
        return slowValue(cell, decimalComma: decimalComma)
    }

    /// strtod on a cleaned copy: grouping removed, the decimal mark made a point.
    private static func slowValue(_ cell: UnsafeBufferPointer<UInt8>, decimalComma: Bool) -> Double? {
        var text: [CChar] = []
        text.reserveCapacity(cell.count + 1)
        var sawMark = false
        for c in cell {
            if decimalComma {
                if c == UInt8(ascii: ",") { text.append(CChar(UInt8(ascii: "."))); sawMark = true; continue }
                if !sawMark && (c == UInt8(ascii: ".") || c == UInt8(ascii: " ")) { continue }
            }
            guard
                (c >= 48 && c <= 57) || c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
                    || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
            else { return nil }
            text.append(CChar(bitPattern: c))
        }
        text.append(0)
        return text.withUnsafeBufferPointer { p -> Double? in
            var endPointer: UnsafeMutablePointer<CChar>? = nil
            let v = strtod(p.baseAddress!, &endPointer)
            guard let endPointer, endPointer == UnsafeMutablePointer(mutating: p.baseAddress! + p.count - 1), v.isFinite else { return nil }
            return v
        }
    }
}
