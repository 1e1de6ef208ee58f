/// One vintage of one point, as `vintage history` lists it.
public struct HistoryEntry: Hashable, Sendable {
    /// When the vintage was released, UTC microseconds.
    public var releasedAt: Int64
    /// The seq of the event that stated it (or of the correction that restated it).
    public var seq: Int64
    /// The publisher's status.
    public var status: String?
    /// The value.
    public var value: Double
    /// For a vintage stated by a correction's replacement: the correction and the original
    /// value.
    public var correction: CorrectionNote?

    /// Creates an entry.
    public init(releasedAt: Int64, seq: Int64, status: String?, value: Double, correction: CorrectionNote? = nil) {
        self.releasedAt = releasedAt
        self.seq = seq
        self.status = status
        self.value = value
        self.correction = correction
    }

    /// The entry shown by a row.
    public init(_ row: VintageRow) {
        self.init(releasedAt: row.releasedAt, seq: row.seq, status: row.status, value: row.value, correction: row.correction)
    }
}

extension HistoryEntry {
    /// The history of one point from its rows (in any order): the vintages visible now (or
    /// after event `atSeq`), in release order.
    public static func history(from rows: [VintageRow], atSeq: Int64? = nil) -> [HistoryEntry] {
        rows.filter { atSeq.map($0.isVisible(atSeq:)) ?? $0.isCurrent }
            .sorted { $0.releasedAt < $1.releasedAt }
            .map(HistoryEntry.init)
    }
}
