/// Values by vintage where almost every vintage has one value: the first is kept inline
/// and only the rest in a side table, so that filling the map costs one hash and no array
/// allocation per vintage (a `[VintageKey: [Value]]` allocates an array for each).
struct VintageMultimap<Value> {
    private var first: [VintageKey: Value] = [:]
    private var more: [VintageKey: [Value]] = [:]

    /// An empty map with room for `capacity` vintages.
    init(capacity: Int) {
        first.reserveCapacity(capacity)
    }

    /// The number of vintages with a value.
    var count: Int { first.count }

    /// Adds `value` to the values of `key`, after those already there.
    mutating func append(_ value: Value, for key: VintageKey) {
        guard let earlier = first.updateValue(value, forKey: key) else { return }
        first[key] = earlier
        more[key, default: []].append(value)
    }

    /// Calls `body` with each value of `key`, in the order added.
    func forEach(of key: VintageKey, _ body: (Value) throws -> Void) rethrows {
        guard let head = first[key] else { return }
        try body(head)
        guard !more.isEmpty, let rest = more[key] else { return }
        for value in rest { try body(value) }
    }
}
