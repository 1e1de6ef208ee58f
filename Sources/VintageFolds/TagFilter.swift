/// A selection by tags, as given by `--where K=V` options: every condition must hold, so
/// several conditions intersect. The empty filter selects everything.
public struct TagFilter: Hashable, Sendable {
    /// One `K=V` condition.
    public struct Condition: Hashable, Sendable {
        /// The tag name.
        public var key: String
        /// The value the tag must have.
        public var value: String

        /// Creates a condition.
        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// The conditions, all of which must hold.
    public var conditions: [Condition]

    /// Creates a filter from conditions.
    public init(_ conditions: [Condition] = []) { self.conditions = conditions }

    /// Creates a filter from `(key, value)` pairs.
    public init(_ pairs: KeyValuePairs<String, String>) {
        self.conditions = pairs.map { Condition(key: $0.key, value: $0.value) }
    }

    /// Whether `tags` satisfy every condition.
    public func matches(_ tags: [String: String]) -> Bool {
        conditions.allSatisfy { tags[$0.key] == $0.value }
    }
}
