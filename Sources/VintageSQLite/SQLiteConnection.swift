import CSQLite

/// One open SQLite database connection: the single place Vintage calls SQLite's C API for
/// connections. Not thread-safe by itself; its owner serialises access.
package final class SQLiteConnection {
    package let handle: OpaquePointer
    package let path: String

    /// Process-wide SQLite settings, applied once before the first connection.
    private static let configured: Bool = vintage_sqlite3_disable_memstatus() == SQLITE_OK

    /// Opens (or, with `create`, creates) the database at `path`. `immutable` (read-only
    /// only) promises that no one changes the file meanwhile: SQLite then takes no locks and
    /// needs no `-shm` file, so a database in a directory one cannot write can be read.
    package init(path: String, create: Bool, readOnly: Bool = false, immutable: Bool = false) throws(SQLiteError) {
        _ = SQLiteConnection.configured
        var db: OpaquePointer?
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        flags |= readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create && !readOnly { flags |= SQLITE_OPEN_CREATE }
        var name = path
        if readOnly && immutable {
            flags |= SQLITE_OPEN_URI
            name = "file:" + Self.uriEscaped(path) + "?immutable=1"
        }
        let rc = sqlite3_open_v2(name, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(code: rc, message: message, context: "opening \(path)")
        }
        handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
    }

    /// Whether ``close()`` has run.
    private var closed = false

    deinit { close() }

    /// Closes the connection (SQLite checkpoints a writer's write-ahead log when the last
    /// connection closes). Every statement must be finalised first; nothing may use the
    /// connection afterwards. Closing twice does nothing.
    package func close() {
        guard !closed else { return }
        closed = true
        sqlite3_close_v2(handle)
    }

    /// `path` with the characters a URI filename gives a meaning (`%`, `?`, `#`) escaped.
    private static func uriEscaped(_ path: String) -> String {
        var escaped = ""
        for c in path {
            switch c {
            case "%": escaped += "%25"
            case "?": escaped += "%3f"
            case "#": escaped += "%23"
            default: escaped.append(c)
            }
        }
        return escaped
    }

    /// Waits up to `milliseconds` for another connection's lock before failing with busy.
    package func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }

    /// Runs SQL without results (schema, pragmas, transaction control).
    package func execute(_ sql: String) throws(SQLiteError) {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw SQLiteError(code: sqlite3_extended_errcode(handle), message: text, context: path)
        }
    }

    /// Prepares a statement for repeated use.
    package func prepare(_ sql: String, persistent: Bool = true) throws(SQLiteError) -> SQLiteStatement {
        try SQLiteStatement(connection: self, sql: sql, persistent: persistent)
    }

    /// The first column of the first row of a query as text (nil without a row or for
    /// NULL), with the statement finished before returning.
    package func scalarText(_ sql: String) throws(SQLiteError) -> String? {
        let statement = try prepare(sql, persistent: false)
        defer { statement.reset() }
        guard try statement.step(), !statement.isNull(0) else { return nil }
        return statement.string(0)
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    package var changes: Int { Int(sqlite3_changes(handle)) }

    /// The error for the connection's latest failed call.
    package func lastError(_ context: String) -> SQLiteError {
        SQLiteError(code: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)), context: context)
    }
}
