import CSQLite
import Foundation
import VintageCore
import VintageTestSupport

@testable import VintageLog

/// A fresh log in a temporary directory, and helpers to append NDJSON text to it.
final class LogFixture {
    let directory: URL
    let path: String
    let log: SQLiteEventLog

    init(busyTimeoutMilliseconds: Int32 = 10_000) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("vintage-log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("log.sqlite").path
        log = try SQLiteEventLog(path: path, create: true, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Parses NDJSON and appends it as one batch.
    @discardableResult
    func append(_ ndjson: String, at time: Int64 = 1_000_000) throws -> AppendOutcome {
        try log.append(prepared(ndjson), recordedAt: Timestamp(microseconds: time))
    }

    /// The input error of an append that must be rejected.
    func rejection(_ ndjson: String) throws -> EventInputError? {
        do {
            try append(ndjson)
            return nil
        } catch LogError.rejected(let e) {
            return e
        }
    }

    /// Every stored event, in seq order.
    func events() throws -> [LoggedEvent] {
        var all: [LoggedEvent] = []
        try log.forEachEvent(fromSeq: 1, type: nil) {
            all.append($0); return true
        }
        return all
    }

    /// Runs SQL on a separate raw connection (to tamper with the file as an outsider would).
    func tamper(_ sql: String) throws {
        var db: OpaquePointer?
        guard sqlite3_open(path, &db) == SQLITE_OK else { throw TamperError(message: "open failed") }
        defer { sqlite3_close(db) }
        var message: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(db, sql, nil, nil, &message) != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? "?"
            sqlite3_free(message)
            throw TamperError(message: text)
        }
    }

    /// One integer from a query on a raw connection.
    func count(_ sql: String) throws -> Int64 {
        var db: OpaquePointer?
        guard sqlite3_open(path, &db) == SQLITE_OK else { throw TamperError(message: "open failed") }
        defer { sqlite3_close(db) }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK else { throw TamperError(message: String(cString: sqlite3_errmsg(db))) }
        defer { sqlite3_finalize(statement) }
        guard sqlite3_step(statement) == SQLITE_ROW else { throw TamperError(message: "no row") }
        return sqlite3_column_int64(statement, 0)
    }

    /// Rewrites the stored bytes of the batch starting at `firstSeq` (and, if given, its
    /// digest), as an outsider editing the file would (the append-only trigger dropped first).
    func editBatch(startingAt firstSeq: Int64, digest: [UInt8]? = nil, _ edit: (inout [UInt8]) -> Void) throws {
        var db: OpaquePointer?
        guard sqlite3_open(path, &db) == SQLITE_OK else { throw TamperError(message: "open failed") }
        defer { sqlite3_close(db) }
        sqlite3_exec(db, "DROP TRIGGER IF EXISTS batches_are_append_only_update", nil, nil, nil)
        var read: OpaquePointer?
        sqlite3_prepare_v2(db, "SELECT body FROM batches WHERE first_seq = ?", -1, &read, nil)
        sqlite3_bind_int64(read, 1, firstSeq)
        guard sqlite3_step(read) == SQLITE_ROW else { sqlite3_finalize(read); throw TamperError(message: "no batch at \(firstSeq)") }
        var body = Array(UnsafeRawBufferPointer(start: sqlite3_column_blob(read, 0), count: Int(sqlite3_column_bytes(read, 0))))
        sqlite3_finalize(read)
        edit(&body)
        var write: OpaquePointer?
        sqlite3_prepare_v2(db, "UPDATE batches SET body = ?, digest = coalesce(?, digest) WHERE first_seq = ?", -1, &write, nil)
        defer { sqlite3_finalize(write) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        sqlite3_bind_blob(write, 1, body, Int32(body.count), transient)
        if let digest { sqlite3_bind_blob(write, 2, digest, Int32(digest.count), transient) } else { sqlite3_bind_null(write, 2) }
        sqlite3_bind_int64(write, 3, firstSeq)
        guard sqlite3_step(write) == SQLITE_DONE else { throw TamperError(message: String(cString: sqlite3_errmsg(db))) }
    }

    struct TamperError: Error { var message: String }
}

/// The sample lines the log tests build on.
enum Lines {
    static let defineTotal = #"{"type":"series","series":"kr.exports.total","unit":"USD","frequency":"monthly","tags":{"country":"KR"}}"#
    static let defineAutos = #"{"type":"series","series":"kr.exports.autos","unit":"USD","frequency":"monthly"}"#
    static let defineTariff = #"{"type":"series","series":"us.tariff.kr","unit":"percent"}"#

    static func observation(
        _ series: String = "kr.exports.total", period: String = "2026-01", value: String = "65.8e9",
        releasedAt: String = "2026-02-01T00:00:00Z", id: String? = nil
    ) -> String {
        let idField = id.map { #""id":"\#($0)","# } ?? ""
        return #"{"type":"observation",\#(idField)"series":"\#(series)","period":"\#(period)","value":\#(value),"released_at":"\#(releasedAt)"}"#
    }
}
