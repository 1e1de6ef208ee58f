import Foundation
import Vintage

@testable import VintageInterchange

/// A temporary store and working directory, removed by `remove()`.
struct Workspace {
    let directory: String
    let store: Store

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("vintage-interchange-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = try Store(directory: directory + "/store", create: true)
    }

    /// Writes a file in the workspace; returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    /// Writes bytes in the workspace; returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = directory + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Imports a file (or directory) into the workspace's store.
    @discardableResult
    func importFile(_ format: ImportFormat, _ path: String, _ configure: (inout ImportOptions) -> Void = { _ in }) throws -> [ImportedFile] {
        var options = ImportOptions()
        configure(&options)
        return try Importer(store: store, format: format, options: options).run(path)
    }

    /// Every vintage of a point as (released_at, value).
    func history(_ series: String, _ period: String) throws -> [(String, Double)] {
        try store.history(of: SeriesID(series), validTime: Period(period).start.microseconds)
            .map { (Timestamp(microseconds: $0.releasedAt).iso8601, $0.value) }
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

/// The fixtures folder next to this file.
enum Fixture {
    static func path(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(name).path
    }
}

/// Reads every record of a CSV text written to a temporary file.
func records(of bytes: [UInt8], delimiter: UInt8? = nil) throws -> (delimiter: UInt8, rows: [[String]], lines: [Int]) {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let reader = try CSVReader(path: path, delimiter: delimiter)
    var rows: [[String]] = []
    var lines: [Int] = []
    while try reader.next() {
        rows.append(reader.strings)
        lines.append(reader.recordLine)
    }
    return (reader.delimiter, rows, lines)
}
