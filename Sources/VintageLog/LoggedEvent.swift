import VintageCore

/// One event as stored in the log, with its position and integrity fields.
public struct LoggedEvent: Hashable, Sendable {
    /// The log position: 1, 2, 3, … without gaps.
    public var seq: Int64
    /// The event's id.
    public var id: EventID
    /// The event's type.
    public var type: EventType
    /// When this store recorded it (one instant per append).
    public var recordedAt: Timestamp
    /// The event's canonical JSON, without its id.
    public var body: [UInt8]
    /// SHA-256 of ``body``.
    public var checksum: [UInt8]
    /// The hash-chain link of the record batch holding the event (of the event itself, in a
    /// format-1 log).
    public var link: [UInt8]

    /// Decodes the stored event.
    public func event() throws(EventInputError) -> Event {
        try Event(canonicalJSON: body)
    }
}
