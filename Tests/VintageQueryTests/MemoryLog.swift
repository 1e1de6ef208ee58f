#if canImport(Glibc)
import Glibc
#endif
import VintageCore
import VintageProjection
import VintageFolds

/// A log held in memory, for building a real projection in a test: events prepared from
/// NDJSON lines, at seq 1, 2, 3, …
struct MemoryLog: ProjectionLogReader {
    var events: [PreparedEvent] = []

    /// Appends the events of NDJSON text.
    mutating func append(_ text: String) throws {
        let bytes = Array(text.utf8)
        let inputs: Result<[InputEvent], EventInputError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(EventInputError) { return .success(try NDJSONReader.events(in: buffer)) } catch { return .failure(error) }
        }
        events += try inputs.get().map(PreparedEvent.init)
    }

    func forEachEvent(after seq: Int64, _ body: (SequencedEvent) throws -> Void) throws {
        for n in Int(seq)..<events.count { try body(SequencedEvent(event: events[n].event, id: events[n].id, seq: Int64(n + 1))) }
    }

    func forEachCanonicalEvent(after seq: Int64, _ body: (UnsafeBufferPointer<UInt8>, EventType, EventID, Int64) throws -> Void) throws {
        for n in Int(seq)..<events.count {
            try events[n].body.withUnsafeBufferPointer { try body($0, events[n].event.type, events[n].id, Int64(n + 1)) }
        }
    }

    func lastSeq() throws -> Int64 { Int64(events.count) }

    func event(at seq: Int64) throws -> SequencedEvent? {
        guard seq >= 1 && seq <= Int64(events.count) else { return nil }
        let e = events[Int(seq - 1)]
        return SequencedEvent(event: e.event, id: e.id, seq: seq)
    }

    func seq(of id: EventID) throws -> Int64? {
        events.firstIndex { $0.id == id }.map { Int64($0 + 1) }
    }
}

/// A fresh directory under /tmp, removed with everything in it after `body`.
func withScratchDirectory(_ body: (String) throws -> Void) throws {
    var template = Array("/tmp/vintage-query-test-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { fatalError("mkdtemp failed") }
    let path = String(cString: made)
    defer { removeScratch(path) }
    try body(path)
}

/// Removes `path` and everything below it.
func removeScratch(_ path: String) {
    if let dir = opendir(path) {
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        closedir(dir)
        for name in names { removeScratch(path + "/" + name) }
        rmdir(path)
    } else {
        unlink(path)
    }
}
