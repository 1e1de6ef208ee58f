/// An input event made ready for the log: its canonical bytes, their SHA-256 (the event's
/// checksum), and its id — given, or derived from that hash. Preparing is independent per
/// event, so batches can be prepared in parallel before the log's sequential commit.
public struct PreparedEvent: Sendable {
    /// The 1-based input line the event starts on.
    public var line: Int
    /// The event's id: as given, or ``EventID/init(derivedFromContentHash:)``.
    public var id: EventID
    /// The validated event.
    public var event: Event
    /// The canonical JSON of the event, without its id.
    public var body: [UInt8]
    /// SHA-256 of ``body``.
    public var checksum: [UInt8]
    /// ``EventID/indexKey`` of ``id``.
    public var idKey: Int64
    /// Whether ``id`` was derived from the content (the input gave none).
    public var idIsDerived: Bool

    /// Prepares an input event.
    public init(_ input: InputEvent) {
        self.init(line: input.line, id: input.id, event: input.event)
    }

    /// Prepares the event read on `line` with the id it was given (nil to derive one).
    public init(line: Int, id given: consuming EventID?, event: consuming Event) {
        let body = event.canonicalJSON
        self.init(line: line, id: given, event: event, body: body)
    }

    /// Prepares a release read on `line` whose `observations` array's canonical JSON is the
    /// input text `observationsJSON` put together (see ``Event/canonicalJSON(observationsJSON:)``).
    public init(line: Int, id given: consuming EventID?, event: consuming Event, observationsJSON: [UnsafeBufferPointer<UInt8>]) {
        let body = event.canonicalJSON(observationsJSON: observationsJSON)
        self.init(line: line, id: given, event: event, body: body)
    }

    /// Prepares an event whose canonical JSON is `body` (the caller has made sure it is).
    init(line: Int, id given: consuming EventID?, event: consuming Event, body: [UInt8]) {
        self.line = line
        self.body = body
        self.event = event
        checksum = contentHash(of: body)
        let derived = EventID(derivedFromContentHash: checksum)
        if let given {
            idIsDerived = given == derived
            id = given
        } else {
            idIsDerived = true
            id = derived
        }
        idKey = id.indexKey
    }
}
