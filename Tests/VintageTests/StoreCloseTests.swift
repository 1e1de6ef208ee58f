import Foundation
import Testing
import Vintage

/// `Store.close()` lets a process end without freeing the store: the log's connection is
/// closed as freeing the store would close it (SQLite checkpoints the write-ahead log and
/// removes it), while the store object still exists.
@Suite struct StoreCloseTests {
    @Test func closingTheLogCheckpointsTheWriteAheadLogWhileTheStoreLives() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vintage-close-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(directory: path, create: true)
        _ = try store.append(ndjson: Array(#"{"type":"series","series":"a.b","unit":"USD"}"#.utf8))
        #expect(FileManager.default.fileExists(atPath: path + "/log.sqlite-wal"))
        store.close()
        #expect(!FileManager.default.fileExists(atPath: path + "/log.sqlite-wal"))
        withExtendedLifetime(store) {}
        #expect(try Store(directory: path).series().map(\.series.rawValue) == ["a.b"])
    }
}
