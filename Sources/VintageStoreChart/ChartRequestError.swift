/// Why a ``ChartRequest`` cannot be drawn as asked: one line naming the options at fault.
public struct ChartRequestError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The cause, e.g. `--vintages all does not combine with --transform: …`.
    public var description: String

    /// Creates one.
    public init(_ description: String) { self.description = description }
}
