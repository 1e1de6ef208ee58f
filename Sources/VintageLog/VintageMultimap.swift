/// Values by vintage, for the figures of a batch of events: grouped by release time, the
/// figures of one release time in an array in the order added.
///
/// The rules fill one for every figure of a batch (65,536 figures) and look up few (the
/// figures a correction or a re-append restates). Adding costs an append, and a hash only
/// when the release time changes (a release's figures share theirs); a look-up scans the
/// figures of its release time (a release and its corrections: tens to hundreds). A release
/// time with more than ``indexedAbove`` figures (256) (an archive's history released at once)
/// is indexed by series and period on its first look-up, so that look-ups stay one hash.
struct VintageMultimap<Value> {
    private struct SeriesPeriod: Hashable {
        var series: Int
        var period: Int64
    }

    private struct Entry {
        var key: SeriesPeriod
        var value: Value
    }

    private struct Group {
        var entries: [Entry] = []
        /// Once the group is indexed: the position of each key's first entry, and of the rest.
        var first: [SeriesPeriod: Int]?
        var more: [SeriesPeriod: [Int]] = [:]

        mutating func index(_ position: Int) {
            let key = entries[position].key
            guard let earlier = first!.updateValue(position, forKey: key) else { return }
            first![key] = earlier
            more[key, default: []].append(position)
        }
    }

    /// The figures of one release time a look-up may scan before the group is indexed.
    let indexedAbove: Int

    private var groups: [Group] = []
    private var groupOfRelease: [Int64: Int] = [:]
    /// The release time added to last and its group.
    private var last: (releasedAt: Int64, group: Int)?

    /// An empty map expecting about `capacity` vintages, indexing a release time's figures
    /// once there are more than `indexedAbove`.
    init(capacity: Int, indexedAbove: Int = 256) {
        self.indexedAbove = indexedAbove
        groupOfRelease.reserveCapacity(Swift.max(16, capacity / 16))
    }

    /// Adds `value` to the values of `key`, after those already there.
    mutating func append(_ value: Value, for key: RuleVintage) {
        let g: Int
        if let last, last.releasedAt == key.releasedAt {
            g = last.group
        } else if let known = groupOfRelease[key.releasedAt] {
            g = known
        } else {
            g = groups.count
            groups.append(Group())
            groupOfRelease[key.releasedAt] = g
        }
        last = (key.releasedAt, g)
        groups[g].entries.append(Entry(key: SeriesPeriod(series: key.series, period: key.period), value: value))
        if groups[g].first != nil { groups[g].index(groups[g].entries.count - 1) }
    }

    /// Calls `body` with each value of `key`, in the order added. The first look-up into a
    /// release time of more than ``indexedAbove`` figures indexes them (a map no look-up
    /// reaches costs no hash per figure).
    mutating func forEach(of key: RuleVintage, _ body: (Value) throws -> Void) rethrows {
        guard let g = groupOfRelease[key.releasedAt] else { return }
        let wanted = SeriesPeriod(series: key.series, period: key.period)
        let count = groups[g].entries.count
        if groups[g].first == nil && count > indexedAbove {
            groups[g].first = Dictionary(minimumCapacity: 2 * count)
            for position in 0..<count { groups[g].index(position) }
        }
        let group = groups[g]
        guard let first = group.first else {
            for entry in group.entries where entry.key == wanted { try body(entry.value) }
            return
        }
        guard let head = first[wanted] else { return }
        try body(group.entries[head].value)
        for position in group.more[wanted] ?? [] { try body(group.entries[position].value) }
    }
}
