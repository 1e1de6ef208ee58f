/// Small readers of fixed-width ASCII digit runs, shared by the timestamp and period parsers.
@usableFromInline
enum ASCIIDigits {
    /// The value of `count` decimal digits starting at `offset`, or nil if any is not a digit
    /// or the text is too short.
    @inlinable
    static func value(_ text: UnsafeBufferPointer<UInt8>, _ offset: Int, _ count: Int) -> Int? {
        guard offset >= 0, count > 0, offset + count <= text.count else { return nil }
        var v = 0
        for i in offset..<(offset + count) {
            let d = Int(text[i]) &- 48
            guard d >= 0 && d <= 9 else { return nil }
            v = v * 10 + d
        }
        return v
    }

    /// Whether the byte is an ASCII digit.
    @inlinable
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
}
