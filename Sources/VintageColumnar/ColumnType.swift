/// The element type of a chunk column.
public enum ColumnType: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// Signed 64-bit integers: times in microseconds since the epoch, sequence numbers.
    case int64 = 1
    /// IEEE-754 binary64 values, stored bit-exactly.
    case double = 2
    /// Small unsigned integers such as flags.
    case uint8 = 3

    /// The type's name.
    public var description: String {
        switch self {
        case .int64: return "Int64"
        case .double: return "Double"
        case .uint8: return "UInt8"
        }
    }
}
