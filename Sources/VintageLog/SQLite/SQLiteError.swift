/// A failed SQLite call: the result code, SQLite's own message, and what was being done.
public struct SQLiteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The extended result code (e.g. `SQLITE_BUSY` = 5, `SQLITE_CORRUPT` = 11).
    public var code: Int32
    /// SQLite's message.
    public var message: String
    /// What Vintage was doing, e.g. "opening /data/store/log.sqlite".
    public var context: String

    /// Creates an error.
    public init(code: Int32, message: String, context: String) {
        self.code = code
        self.message = message
        self.context = context
    }

    /// The primary result code (the low byte of the extended code).
    public var primaryCode: Int32 { code & 0xFF }

    /// Whether the database was locked by another connection.
    public var isBusy: Bool { primaryCode == 5 || primaryCode == 6 }

    /// Whether SQLite found the file damaged or not a database.
    public var isDamage: Bool { primaryCode == 11 || primaryCode == 26 }

    public var description: String { "\(context): \(message) (SQLite code \(code))" }
}
