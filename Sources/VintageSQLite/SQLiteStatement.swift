import CSQLite

/// A prepared SQLite statement, prepared once and reused: bind, step, read columns, reset.
package final class SQLiteStatement {
    private let handle: OpaquePointer
    private unowned let connection: SQLiteConnection
    package let sql: String

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    package init(connection: SQLiteConnection, sql: String, persistent: Bool) throws(SQLiteError) {
        var statement: OpaquePointer?
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let rc = sqlite3_prepare_v3(connection.handle, sql, -1, flags, &statement, nil)
        guard rc == SQLITE_OK, let statement else { throw connection.lastError(connection.path) }
        self.handle = statement
        self.connection = connection
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    // MARK: Binding (1-based parameter indexes)

    package func bind(_ index: Int32, _ value: Int64) throws(SQLiteError) {
        try check(sqlite3_bind_int64(handle, index, value), "binding")
    }

    package func bind(_ index: Int32, _ value: Double) throws(SQLiteError) {
        try check(sqlite3_bind_double(handle, index, value), "binding")
    }

    package func bind(_ index: Int32, _ value: String) throws(SQLiteError) {
        var text = value
        let rc = text.withUTF8 { buffer in
            sqlite3_bind_text(
                handle, index, SQLiteStatement.cText(buffer.baseAddress),
                Int32(buffer.count), SQLiteStatement.transient)
        }
        try check(rc, "binding")
    }

    package func bindText(_ index: Int32, _ bytes: [UInt8]) throws(SQLiteError) {
        let rc = bytes.withUnsafeBufferPointer { buffer in
            sqlite3_bind_text(
                handle, index, SQLiteStatement.cText(buffer.baseAddress),
                Int32(buffer.count), SQLiteStatement.transient)
        }
        try check(rc, "binding")
    }

    package func bindBlob(_ index: Int32, _ bytes: [UInt8]) throws(SQLiteError) {
        let rc = bytes.withUnsafeBytes { buffer in
            sqlite3_bind_blob(handle, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, Int32(buffer.count), SQLiteStatement.transient)
        }
        try check(rc, "binding")
    }

    /// Binds constant text without copying it.
    package func bindStatic(_ index: Int32, _ text: StaticString) throws(SQLiteError) {
        try check(sqlite3_bind_text(handle, index, SQLiteStatement.cText(text.utf8Start), Int32(text.utf8CodeUnitCount), nil), "binding")
    }

    /// Binds text without copying it: the caller keeps `bytes` alive and unchanged until
    /// the statement has been stepped and reset.
    package func bindBorrowedText(_ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>) throws(SQLiteError) {
        try check(sqlite3_bind_text(handle, index, SQLiteStatement.cText(bytes.baseAddress), Int32(bytes.count), nil), "binding")
    }

    /// Binds a blob without copying it; see ``bindBorrowedText(_:_:)``.
    package func bindBorrowedBlob(_ index: Int32, _ bytes: UnsafeRawBufferPointer) throws(SQLiteError) {
        try check(sqlite3_bind_blob(handle, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, Int32(bytes.count), nil), "binding")
    }

    package func bindNull(_ index: Int32) throws(SQLiteError) {
        try check(sqlite3_bind_null(handle, index), "binding")
    }

    // MARK: Stepping

    /// Steps once: true when a row is available, false when done.
    @discardableResult
    package func step() throws(SQLiteError) -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        let error = connection.lastError(connection.path)
        sqlite3_reset(handle)
        throw error
    }

    /// Resets the statement for reuse. Bindings stay: every use binds all its parameters,
    /// and borrowed bindings are cleared by ``clearBindings()`` before their bytes go away.
    package func reset() {
        sqlite3_reset(handle)
    }

    /// Forgets every binding (after borrowed ones, whose bytes are about to go away).
    package func clearBindings() {
        sqlite3_clear_bindings(handle)
    }

    // MARK: Columns (0-based)

    package func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    package func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
    package func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    package func string(_ column: Int32) -> String {
        guard let text = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// `body` with the column's text bytes, valid only during the call (no copy).
    package func withText<R>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard let text = sqlite3_column_text(handle, column) else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column))))
    }

    /// `body` with the column's blob bytes, valid only during the call (no copy).
    package func withBlob<R>(_ column: Int32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let blob = sqlite3_column_blob(handle, column) else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeRawBufferPointer(start: blob, count: count))
    }

    package func bytes(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let blob = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: blob, count: count))
    }

    /// A C string pointer for text bytes (SQLite reads exactly the given length).
    private static func cText(_ base: UnsafePointer<UInt8>?) -> UnsafePointer<CChar> {
        let bytes = base ?? ("" as StaticString).utf8Start
        return UnsafeRawPointer(bytes).assumingMemoryBound(to: CChar.self)
    }

    private func check(_ rc: Int32, _ what: String) throws(SQLiteError) {
        guard rc == SQLITE_OK else { throw connection.lastError(connection.path) }
    }
}
