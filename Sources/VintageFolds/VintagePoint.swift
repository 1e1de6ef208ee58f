/// One point of a series as a query shows it: the selected vintage of one valid time.
public struct VintagePoint: Hashable, Sendable {
    /// The start of the point's period, UTC microseconds.
    public var validTime: Int64
    /// The value.
    public var value: Double
    /// When the selected vintage was released, UTC microseconds.
    public var releasedAt: Int64
    /// The seq of the event that stated it (or of the correction that restated it).
    public var seq: Int64
    /// The publisher's status of the vintage.
    public var status: String?

    /// Creates a point.
    public init(validTime: Int64, value: Double, releasedAt: Int64, seq: Int64, status: String? = nil) {
        self.validTime = validTime
        self.value = value
        self.releasedAt = releasedAt
        self.seq = seq
        self.status = status
    }

    /// The point shown by a row.
    public init(_ row: VintageRow) {
        self.init(validTime: row.validTime, value: row.value, releasedAt: row.releasedAt, seq: row.seq, status: row.status)
    }
}
