/// A `retraction` event: removes an earlier event's effect from every view.
public struct Retraction: Hashable, Sendable {
    /// The id of the event retracted.
    public var target: EventID
    /// Why, e.g. "duplicate entry".
    public var reason: String?

    /// Creates a retraction.
    public init(target: EventID, reason: String? = nil) {
        self.target = target
        self.reason = reason
    }
}
