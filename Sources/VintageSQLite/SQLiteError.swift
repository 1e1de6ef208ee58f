/// A failed SQLite call: the result code, SQLite's own message, and what was being done.
public struct SQLiteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The extended result code (e.g. `SQLITE_BUSY` = 5, `SQLITE_CORRUPT` = 11).
    public var code: Int32
    /// SQLite's message.
    public var message: String
    /// The file, or what Vintage was doing with it, e.g. "opening /data/store/log.sqlite".
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

    /// Whether the disk (or a quota) is full.
    public var isDiskFull: Bool { primaryCode == 13 }

    /// Whether the database cannot be written (a read-only file, directory or mount).
    public var isReadOnly: Bool { primaryCode == 8 }

    /// One line naming the file; never the statement that failed.
    public var description: String {
        if isDiskFull { return "\(context): no space left on device; free some space and run the command again" }
        if isReadOnly { return "\(context): the store is read-only" }
        return "\(context): \(message) (SQLite code \(code))"
    }
}
