/// The SQLite schema of the log, and its format version.
///
/// `events` is the log itself; triggers refuse UPDATE and DELETE on it. `series`,
/// `vintages` and `overrides` are indexes maintained in the same transaction as each
/// append, so that rules spanning events (vintage uniqueness, defined series, correction
/// targets) are checked without reading the whole log.
enum LogSchema {
    /// The store format this program writes; stores with a higher version are refused.
    static let formatVersion = 1

    static let create = """
    CREATE TABLE store_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE events(
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        recorded_at INTEGER NOT NULL,
        body TEXT NOT NULL,
        checksum BLOB NOT NULL,
        link BLOB NOT NULL
    );
    CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only: events cannot be updated'); END;
    CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only: events cannot be deleted'); END;
    CREATE TABLE series(
        series_no INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        definitions INTEGER NOT NULL
    );
    CREATE TABLE vintages(
        series_no INTEGER NOT NULL,
        period INTEGER NOT NULL,
        released_at INTEGER NOT NULL,
        value REAL NOT NULL,
        refs INTEGER NOT NULL,
        PRIMARY KEY(series_no, period, released_at)
    ) WITHOUT ROWID;
    CREATE TABLE overrides(
        target_seq INTEGER PRIMARY KEY,
        by_seq INTEGER NOT NULL
    );
    """
}
