import VintageCore
import VintageFolds
import VintageProjection

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A log held in memory, for building a real projection without SQLite: prepared events at
/// seq 1, 2, 3, …
public struct MemoryLog: ProjectionLogReader, Sendable {
    public private(set) var events: [PreparedEvent] = []
    /// The seq of each id (its first event's).
    private var seqs: [EventID: Int64] = [:]

    /// An empty log.
    public init() {}

    /// A log of `events`, in order.
    public init(_ events: [PreparedEvent]) { append(events) }

    /// A log of the events of the NDJSON file at `path`.
    public init(ndjson path: String) throws(EventInputError) {
        guard let file = fopen(path, "rb") else { fatalError("cannot open \(path)") }
        defer { fclose(file) }
        var text: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n <= 0 { break }
            text.append(contentsOf: buffer[0..<n])
        }
        let inputs = try text.withUnsafeBufferPointer { t throws(EventInputError) in try NDJSONReader.events(in: t) }
        append(inputs.map(PreparedEvent.init))
    }

    /// Appends the events of NDJSON text.
    public mutating func append(_ text: String) throws(EventInputError) { append(try prepared(text)) }

    /// Appends `events`, in order.
    public mutating func append(_ events: [PreparedEvent]) {
        for e in events {
            self.events.append(e)
            if seqs[e.id] == nil { seqs[e.id] = Int64(self.events.count) }
        }
    }

    public func forEachEvent(after seq: Int64, _ body: (SequencedEvent) throws -> Void) throws {
        for n in Int(seq)..<events.count { try body(SequencedEvent(event: events[n].event, id: events[n].id, seq: Int64(n + 1))) }
    }

    public func forEachCanonicalEvent(after seq: Int64, _ body: (UnsafeBufferPointer<UInt8>, EventType, EventID, Int64) throws -> Void) throws {
        for n in Int(seq)..<events.count {
            try events[n].body.withUnsafeBufferPointer { try body($0, events[n].event.type, events[n].id, Int64(n + 1)) }
        }
    }

    public func lastSeq() throws -> Int64 { Int64(events.count) }

    public func event(at seq: Int64) throws -> SequencedEvent? {
        guard seq >= 1 && seq <= Int64(events.count) else { return nil }
        let e = events[Int(seq - 1)]
        return SequencedEvent(event: e.event, id: e.id, seq: seq)
    }

    public func seq(of id: EventID) throws -> Int64? { seqs[id] }
}
