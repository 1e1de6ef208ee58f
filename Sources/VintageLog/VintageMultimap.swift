/// Values by vintage, for the figures of a batch of events: grouped by release time, the
/// figures of one release time kept in an array in the order added.
///
/// The rules fill one for every figure of a batch (65,536 figures) and look up few (the
/// figures a correction restates): adding costs an append, and a hash only when the release
/// time changes (a release's figures share theirs); a look-up scans the figures of its
/// release time (a release and its corrections: tens to hundreds).
struct VintageMultimap<Value> {
    private struct Entry {
        var series: Int
        var period: Int64
        var value: Value
    }

    private var groups: [[Entry]] = []
    private var groupOfRelease: [Int64: Int] = [:]
    /// The release time added last and its group.
    private var last: (releasedAt: Int64, group: Int)?

    /// An empty map expecting about `capacity` vintages.
    init(capacity: Int) {
        groupOfRelease.reserveCapacity(Swift.max(16, capacity / 16))
    }

    /// Adds `value` to the values of `key`, after those already there.
    mutating func append(_ value: Value, for key: RuleVintage) {
        let group: Int
        if let last, last.releasedAt == key.releasedAt {
            group = last.group
        } else if let known = groupOfRelease[key.releasedAt] {
            group = known
        } else {
            group = groups.count
            groups.append([])
            groupOfRelease[key.releasedAt] = group
        }
        last = (key.releasedAt, group)
        groups[group].append(Entry(series: key.series, period: key.period, value: value))
    }

    /// Calls `body` with each value of `key`, in the order added.
    func forEach(of key: RuleVintage, _ body: (Value) throws -> Void) rethrows {
        guard let group = groupOfRelease[key.releasedAt] else { return }
        for entry in groups[group] where entry.period == key.period && entry.series == key.series { try body(entry.value) }
    }
}
