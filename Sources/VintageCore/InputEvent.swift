/// An event as read from the input: where it came from, the id it was given (if any), and
/// the validated event.
public struct InputEvent: Hashable, Sendable {
    /// The 1-based input line the event starts on.
    public var line: Int
    /// The id given in the input, or nil to derive one from the content.
    public var id: EventID?
    /// The validated event.
    public var event: Event

    /// Creates an input event.
    public init(line: Int, id: EventID?, event: Event) {
        self.line = line
        self.id = id
        self.event = event
    }
}
