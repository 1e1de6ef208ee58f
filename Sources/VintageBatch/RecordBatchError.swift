/// Why bytes are not a valid record batch: one line.
public struct RecordBatchError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong, e.g. `record batch checksum mismatch`.
    public var reason: String

    /// Creates an error with a one-line reason.
    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}
