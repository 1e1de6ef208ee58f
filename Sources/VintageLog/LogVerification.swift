/// The result of checking a log's integrity: the events checked and every problem found.
public struct LogVerification: Hashable, Sendable {
    /// Events read and checked.
    public var eventsChecked: Int64
    /// One line per problem, naming the seq at fault; empty when the log is intact.
    public var problems: [String]

    /// The last event's chain position as read (nil for an empty log).
    public var head: LogHead?

    /// Whether no problem was found.
    public var isIntact: Bool { problems.isEmpty }

    /// Creates a result.
    public init(eventsChecked: Int64, problems: [String], head: LogHead? = nil) {
        self.eventsChecked = eventsChecked
        self.problems = problems
        self.head = head
    }
}
