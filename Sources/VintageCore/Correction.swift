/// A `correction` event: our record of an earlier event was wrong; `replacement` takes its
/// place in every view (only `--at-seq` views older than the correction show the original).
public struct Correction: Hashable, Sendable {
    /// The id of the event corrected.
    public var target: EventID
    /// Why, e.g. "typo: 60e9 entered for 6.0e9".
    public var reason: String?
    /// The complete event that replaces the target: same type, no id, never itself a
    /// correction or retraction. Held indirectly because ``Event`` contains corrections.
    public var replacement: Event { _replacement.event }

    private let _replacement: Box

    /// Creates a correction.
    public init(target: EventID, reason: String? = nil, replacement: Event) {
        self.target = target
        self.reason = reason
        self._replacement = Box(replacement)
    }

    private final class Box: Hashable, Sendable {
        let event: Event
        init(_ event: Event) { self.event = event }
        static func == (lhs: Box, rhs: Box) -> Bool { lhs.event == rhs.event }
        func hash(into hasher: inout Hasher) { hasher.combine(event) }
    }
}
