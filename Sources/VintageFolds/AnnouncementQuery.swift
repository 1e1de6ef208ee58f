/// The options of an announcement timeline query, on all three time axes: valid time
/// (`from`, `to`, on ``AnnouncementRow/validTime``), release time (`asOf`) and log position
/// (`atSeq`), plus the announcement's tags, kind and parties.
public struct AnnouncementQuery: Hashable, Sendable {
    /// First valid time included (`--from`), UTC microseconds; nil for no lower bound.
    public var from: Int64?
    /// First valid time excluded (`--to`), UTC microseconds; nil for no upper bound.
    public var to: Int64?
    /// Latest release time included (`--as-of`, already resolved to an inclusive instant);
    /// nil for every announcement.
    public var asOf: Int64?
    /// The log position to view the store at (`--at-seq`); nil for now.
    public var atSeq: Int64?
    /// Conditions on the announcement's tags (`--where K=V`), all of which must hold.
    public var filter: TagFilter
    /// A party the announcement must name (`--party P`), matched ignoring case; nil for any.
    public var party: String?
    /// The kind the announcement must have (`--kind K`), matched exactly; nil for any.
    public var kind: String?

    /// Creates a query; the defaults select every announcement visible now.
    public init(
        from: Int64? = nil, to: Int64? = nil, asOf: Int64? = nil, atSeq: Int64? = nil,
        where filter: TagFilter = TagFilter(), party: String? = nil, kind: String? = nil
    ) {
        self.from = from
        self.to = to
        self.asOf = asOf
        self.atSeq = atSeq
        self.filter = filter
        self.party = party
        self.kind = kind
    }

    /// Whether the row belongs to the view: visible at `atSeq` (or current), made by `asOf`,
    /// its valid time inside the range, its tags matching, of the kind and naming the party
    /// (in any case).
    public func admits(_ row: AnnouncementRow) -> Bool {
        if let atSeq { guard row.isVisible(atSeq: atSeq) else { return false } } else { guard row.isCurrent else { return false } }
        if let asOf, row.releasedAt > asOf { return false }
        if let from, row.validTime < from { return false }
        if let to, row.validTime >= to { return false }
        if let kind, row.kind != kind { return false }
        if let party {
            let wanted = party.lowercased()
            guard row.parties.contains(where: { $0.lowercased() == wanted }) else { return false }
        }
        return filter.matches(row.tags)
    }

    /// The rows this query selects, ordered as the timeline is read: by valid time, then
    /// release time, then seq.
    public func timeline(of rows: some Sequence<AnnouncementRow>) -> [AnnouncementRow] {
        rows.filter(admits).sorted { ($0.validTime, $0.releasedAt, $0.seq) < ($1.validTime, $1.releasedAt, $1.seq) }
    }
}
