/// The values of one chunk column, as handed to the encoder or returned by a reader.
public enum Column: Sendable {
    /// A column of `Int64`.
    case int64([Int64])
    /// A column of `Double`, preserved bit for bit (including `-0.0` and NaN payloads).
    case double([Double])
    /// A column of `UInt8`.
    case uint8([UInt8])

    /// The element type of the column.
    public var type: ColumnType {
        switch self {
        case .int64: return .int64
        case .double: return .double
        case .uint8: return .uint8
        }
    }

    /// The number of rows in the column.
    public var count: Int {
        switch self {
        case .int64(let v): return v.count
        case .double(let v): return v.count
        case .uint8(let v): return v.count
        }
    }
}

extension Column: Equatable {
    /// Two columns are equal when they have the same type and the same values bit for bit
    /// (so `-0.0 != 0.0` and a NaN equals the same NaN pattern).
    public static func == (lhs: Column, rhs: Column) -> Bool {
        switch (lhs, rhs) {
        case (.int64(let a), .int64(let b)): return a == b
        case (.uint8(let a), .uint8(let b)): return a == b
        case (.double(let a), .double(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
        default: return false
        }
    }
}
