/// The SQLite schema of the log, and its format versions.
///
/// Format 3 (written by this version): `batches` is the log itself — one row per record batch
/// (``RecordBatch`` bytes, see docs/log.md; last, so that reading the other columns does not
/// walk its overflow pages), holding the events `first_seq...last_seq` of one
/// append, with the batch's digest over its events' canonical bytes and ids and its hash-chain
/// link; triggers refuse UPDATE and DELETE on it. The other tables are small indexes kept in
/// the same transaction as each append, so that the rules spanning events are checked without
/// reading the whole log: `event_ids` finds the events that cannot be found through their
/// figures (explicit ids, events without figures, and the targets of corrections and
/// retractions) by a 64-bit key of their id; `series` counts each series' live definitions and
/// figures and remembers its latest release time; `series_batch_lists` says which batches hold
/// a series' figures and their release-time range (how a vintage is found), up to 64 batches a
/// row packed into one blob (``SeriesBatchList``);
/// `overrides` holds the latest correction or retraction of each target;
/// `series_frequencies` the frequency of every live definition (see ``SeriesFrequencies``).
///
/// Format 4 is format 3 whose batches may hold columns in chunk format version 3 (entropy-coded
/// integers). A format-3 store (0.13, 0.14) is read and appended to as it is — its new batches
/// without entropy coding, so those versions keep reading it — and `vintage upgrade` marks it
/// format 4 (nothing is rewritten).
///
/// Format 2 (0.12) is format 3 with one `series_batches` row per (series, batch) —
/// `series_no, first_seq, min_released, max_released` — instead of the packed lists; it is
/// read and appended to as it is, and `vintage upgrade` packs its index (``LogUpgrade``).
///
/// Format 1 stored one row per event (canonical JSON, checksum and per-event link) with an
/// index row per event and per vintage; it is read (queries, `log`, `verify`, `upgrade`) but
/// not written.
package enum LogSchema {
    /// The store format this program writes; stores with a higher version are refused.
    package static let formatVersion = 4

    /// The format before entropy-coded batches, still read and written (without them).
    package static let formatThree = 3

    /// The format with one `series_batches` row per (series, batch), still read and written.
    package static let formatTwo = 2

    /// Format 2's `series_batches` table, still created by tests that build a format-2 log.
    static let seriesBatchesTable = """
        CREATE TABLE series_batches(
            series_no INTEGER NOT NULL,
            first_seq INTEGER NOT NULL,
            min_released INTEGER NOT NULL,
            max_released INTEGER NOT NULL,
            PRIMARY KEY(series_no, first_seq)
        ) WITHOUT ROWID;
        """

    /// The index of batches by series (format 3; see ``SeriesBatchList``), also created by
    /// the upgrade from format 2.
    package static let seriesBatchListsTable = """
        CREATE TABLE series_batch_lists(
            series_no INTEGER NOT NULL,
            first_seq INTEGER NOT NULL,
            min_released INTEGER NOT NULL,
            max_released INTEGER NOT NULL,
            entries BLOB NOT NULL,
            PRIMARY KEY(series_no, first_seq)
        ) WITHOUT ROWID;
        """

    /// The format before record batches, still read.
    package static let formatOne = 1

    /// Set before the first table is created. 4 KiB (SQLite's default): a batch is a BLOB that
    /// spans pages whatever their size, and the small tables (ids, series) waste less of their
    /// last page than at 16 KiB (trade: 2.92 MB of log at 16 KiB, 2.79 MB at 4 KiB).
    static let pageSize = "PRAGMA page_size=4096;"

    static let create = """
        CREATE TABLE store_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE batches(
            first_seq INTEGER PRIMARY KEY,
            last_seq INTEGER NOT NULL,
            recorded_at INTEGER NOT NULL,
            digest BLOB NOT NULL,
            link BLOB NOT NULL,
            body BLOB NOT NULL
        );
        CREATE TRIGGER batches_are_append_only_update BEFORE UPDATE ON batches
            BEGIN SELECT RAISE(ABORT, 'the event log is append-only: batches cannot be updated'); END;
        CREATE TRIGGER batches_are_append_only_delete BEFORE DELETE ON batches
            BEGIN SELECT RAISE(ABORT, 'the event log is append-only: batches cannot be deleted'); END;
        CREATE TABLE event_ids(
            id_key INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY(id_key, seq)
        ) WITHOUT ROWID;
        CREATE TABLE series(
            series_no INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            definitions INTEGER NOT NULL,
            figures INTEGER NOT NULL,
            last_released INTEGER
        );
        \(seriesBatchListsTable)
        CREATE TABLE overrides(
            target_seq INTEGER PRIMARY KEY,
            by_seq INTEGER NOT NULL
        );
        """ + SeriesFrequencies.createTable
}
