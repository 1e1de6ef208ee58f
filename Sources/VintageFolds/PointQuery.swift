/// The options of a point query over one series, on all three time axes: valid time
/// (`from`, `to`), release time (`asOf`) and log position (`atSeq`).
public struct PointQuery: Hashable, Sendable {
    /// First valid time included (`--from`), UTC microseconds; nil for no lower bound.
    public var from: Int64?
    /// First valid time excluded (`--to`), UTC microseconds; nil for no upper bound.
    public var to: Int64?
    /// Latest release time included (`--as-of`, already resolved to an inclusive instant);
    /// nil for every release.
    public var asOf: Int64?
    /// The log position to view the store at (`--at-seq`); nil for now. A position beyond
    /// the fold's last event views the store as it is now (the caller rejects it if it must).
    public var atSeq: Int64?
    /// Whether each point shows its first release instead of its latest (`--first-release`).
    public var firstRelease: Bool
    /// Whether only the last point in the range is returned (`--latest`).
    public var latestOnly: Bool

    /// Creates a query; the defaults select every point's latest vintage now.
    public init(
        from: Int64? = nil, to: Int64? = nil, asOf: Int64? = nil, atSeq: Int64? = nil,
        firstRelease: Bool = false, latestOnly: Bool = false
    ) {
        self.from = from
        self.to = to
        self.asOf = asOf
        self.atSeq = atSeq
        self.firstRelease = firstRelease
        self.latestOnly = latestOnly
    }

    /// Whether the row belongs to the view: visible at `atSeq` (or current), released by
    /// `asOf`, and inside the valid-time range.
    @inlinable
    public func admits(_ row: VintageRow) -> Bool {
        if let atSeq { guard row.isVisible(atSeq: atSeq) else { return false } } else { guard row.isCurrent else { return false } }
        if let asOf, row.releasedAt > asOf { return false }
        if let from, row.validTime < from { return false }
        if let to, row.validTime >= to { return false }
        return true
    }

    /// The points this query selects from one series' rows (in any order): per valid time
    /// the admitted row with the latest (or, with `firstRelease`, earliest) release time;
    /// in valid-time order; only the last one with `latestOnly`.
    public func points(in rows: some Sequence<VintageRow>) -> [VintagePoint] {
        var chosen: [Int64: VintageRow] = [:]
        for row in rows where admits(row) {
            guard let held = chosen[row.validTime] else {
                chosen[row.validTime] = row
                continue
            }
            assert(held.releasedAt != row.releasedAt, "two visible rows of one vintage")
            if firstRelease ? row.releasedAt < held.releasedAt : row.releasedAt > held.releasedAt {
                chosen[row.validTime] = row
            }
        }
        if latestOnly {
            guard let last = chosen.values.max(by: { $0.validTime < $1.validTime }) else { return [] }
            return [VintagePoint(last)]
        }
        return chosen.values.sorted { $0.validTime < $1.validTime }.map(VintagePoint.init)
    }
}
