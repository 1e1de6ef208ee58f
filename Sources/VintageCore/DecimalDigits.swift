/// Integers written in decimal into a byte buffer (a minus sign when negative, no leading
/// zeros): how the canonical JSON, the record batches' JSON and `vintage log` write them.
public enum DecimalDigits {
    /// Appends `value` in decimal.
    @inlinable
    public static func append(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        append(unsigned: value.magnitude, to: &out)
    }

    /// Appends `value` in decimal.
    @inlinable
    public static func append(unsigned value: UInt64, to out: inout [UInt8]) {
        var m = value
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { b in
            var i = 20
            repeat {
                i -= 1
                b[i] = UInt8(48 + m % 10)
                m /= 10
            } while m > 0
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<20]))
        }
    }
}
