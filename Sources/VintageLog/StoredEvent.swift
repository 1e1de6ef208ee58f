import VintageCore

/// An event as stored, found by seq or by id: enough to decode it and to tell it apart.
public struct StoredEvent: Hashable, Sendable {
    /// Its position in the log.
    public var seq: Int64
    /// Its id (given or derived).
    public var id: EventID
    /// Its type.
    public var type: EventType
    /// Its canonical JSON.
    public var body: [UInt8]
    /// The SHA-256 of `body`.
    public var checksum: [UInt8]

    /// Creates a stored event.
    public init(seq: Int64, id: EventID, type: EventType, body: [UInt8], checksum: [UInt8]) {
        self.seq = seq
        self.id = id
        self.type = type
        self.body = body
        self.checksum = checksum
    }

    /// The event, decoded from its canonical JSON.
    public func event() throws(EventInputError) -> Event { try Event(canonicalJSON: body) }
}
