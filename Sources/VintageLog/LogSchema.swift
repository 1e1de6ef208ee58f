/// The SQLite schema of the log, and its format version.
///
/// `events` is the log itself; triggers refuse UPDATE and DELETE on it. Its `id` is NULL
/// when the id is the one derived from the checksum (``EventID/init(derivedFromContentHash:)``),
/// which saves a sixth of each row. `event_ids` finds
/// an event by id through a 64-bit key of the id (``EventID/indexKey``) as its integer
/// primary key, which a batch probes and fills in key order so that a large append does not
/// scatter writes over the index; the rare second id with an already used key goes to
/// `event_id_collisions`. `series`,
/// `vintages` and `overrides` are indexes maintained in the same transaction as each
/// append, so that rules spanning events (vintage uniqueness, defined series, correction
/// targets) are checked without reading the whole log. `series_frequencies` (the frequency
/// rule's index) is made by the first append that needs it: see ``SeriesFrequencies``.
enum LogSchema {
    /// The store format this program writes; stores with a higher version are refused.
    static let formatVersion = 1

    /// Set before the first table is created: larger pages mean fewer WAL frames per commit.
    static let pageSize = "PRAGMA page_size=16384;"

    static let create = """
    CREATE TABLE store_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE events(
        seq INTEGER PRIMARY KEY,
        id TEXT,
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
    CREATE TABLE event_ids(
        id_key INTEGER PRIMARY KEY,
        seq INTEGER NOT NULL
    );
    CREATE TABLE event_id_collisions(
        id_key INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY(id_key, seq)
    ) WITHOUT ROWID;
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
