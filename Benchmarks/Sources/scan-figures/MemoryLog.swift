#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VintageCore
import VintageProjection
import VintageFolds

/// An NDJSON file's events as a log in memory (seq 1, 2, …), for building a projection
/// directly with ``Projection/rebuild(log:progress:)`` — no SQLite log, no `vintage` binary.
struct MemoryLog: ProjectionLogReader {
    let events: [PreparedEvent]
    let seqs: [EventID: Int64]

    /// Reads and prepares the events of the NDJSON file at `path`.
    init(ndjson path: String) throws {
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
        events = inputs.map(PreparedEvent.init)
        var seqs: [EventID: Int64] = [:]
        for (k, e) in events.enumerated() { seqs[e.id] = Int64(k + 1) }
        self.seqs = seqs
    }

    func forEachEvent(after seq: Int64, _ body: (SequencedEvent) throws -> Void) throws {
        for k in Int(seq)..<events.count { try body(SequencedEvent(event: events[k].event, id: events[k].id, seq: Int64(k + 1))) }
    }

    func forEachCanonicalEvent(after seq: Int64, _ body: (UnsafeBufferPointer<UInt8>, EventType, EventID, Int64) throws -> Void) throws {
        for k in Int(seq)..<events.count {
            try events[k].body.withUnsafeBufferPointer { try body($0, events[k].event.type, events[k].id, Int64(k + 1)) }
        }
    }

    func lastSeq() throws -> Int64 { Int64(events.count) }

    func event(at seq: Int64) throws -> SequencedEvent? {
        guard seq >= 1 && seq <= Int64(events.count) else { return nil }
        let e = events[Int(seq) - 1]
        return SequencedEvent(event: e.event, id: e.id, seq: seq)
    }

    func seq(of id: EventID) throws -> Int64? { seqs[id] }
}

/// Removes `path` and everything below it (nothing when it does not exist).
func removeDirectory(_ path: String) {
    if let dir = opendir(path) {
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        closedir(dir)
        for name in names { removeDirectory(path + "/" + name) }
        rmdir(path)
    } else {
        unlink(path)
    }
}
