import PostgresNIO
import Vintage
import VintageLog

extension PostgresLog {
    /// The tables of a shared log; created together, in one transaction.
    static let createStatements: [PostgresQuery] = [
        "CREATE TABLE IF NOT EXISTS store_meta(key text PRIMARY KEY, value text NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS batches(
            first_seq bigint PRIMARY KEY,
            last_seq bigint NOT NULL UNIQUE,
            recorded_at bigint NOT NULL,
            digest bytea NOT NULL,
            link bytea NOT NULL,
            body bytea NOT NULL)
        """,
        "CREATE TABLE IF NOT EXISTS log_head(only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row), last_seq bigint NOT NULL, link bytea NOT NULL)"
    ]

    /// Creates the log's tables when the database has none, then checks the format.
    public func createIfMissing() throws(StoreError) {
        do throws(LogError) {
            if try !hasLog() {
                do throws(LogError) {
                    try rows("BEGIN")
                    for statement in Self.createStatements { try rows(statement) }
                    let version = "\(Store.formatVersion)"
                    try rows("INSERT INTO store_meta VALUES ('format_version', \(version)) ON CONFLICT DO NOTHING")
                    let genesis = ByteBuffer(bytes: [UInt8](repeating: 0, count: 32))
                    try rows("INSERT INTO log_head VALUES (true, 0, \(genesis)) ON CONFLICT DO NOTHING")
                    try rows("COMMIT")
                } catch {
                    _ = try? rows("ROLLBACK")
                    // Another host may have created it at the same time.
                    guard try hasLog() else { throw error }
                }
            }
            try checkFormat()
        } catch {
            throw .log(error)
        }
    }

    /// Whether the database holds a shared log.
    func hasLog() throws(LogError) -> Bool {
        try rows("SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = 'log_head'").count == 1
    }

    /// Refuses a database without a log, or a log of a newer format than this program writes.
    public func checkExists() throws(StoreError) {
        let exists: Bool
        do { exists = try hasLog() } catch { throw .log(error) }
        guard exists else { throw SharedLogError.noLog(log: name).storeError }
        do { try checkFormat() } catch { throw .log(error) }
    }

    func checkFormat() throws(LogError) {
        let found = try rows("SELECT value FROM store_meta WHERE key = 'format_version'")
        guard let row = found.first, let text = try? row.decode(String.self), let version = Int(text) else {
            throw .notAStore(path: name, reason: "it has no format version")
        }
        if version > Store.formatVersion { throw .newerFormat(path: name, found: version, supported: Store.formatVersion) }
        // Format 3 (0.14) is format 4 without entropy-coded batches: read, and appended to without them.
        if version < 3 { throw .notAStore(path: name, reason: "its format version \(version) is unknown") }
        formatVersion = version
    }
}
