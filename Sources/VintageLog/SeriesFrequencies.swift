import VintageCore
import VintageSQLite

/// The frequency in force per series, for the append rule that a figure's period fits its
/// series' frequency: the log's `series_frequencies` index table holds the frequency of every
/// live series definition that names one, under the seq of its original event (a correction
/// restating a definition keeps its place), so the frequency in force is that of the
/// definition with the highest seq — the same fold as the series catalog's metadata.
///
/// The table is maintained in each append's transaction, like the other index tables. Logs
/// written before the rule lack it, and a build without the rule would append without
/// maintaining it, so `store_meta` records the seq it is maintained through; when that is not
/// the log's last seq, the table is rebuilt from the log's series events (once).
/// The rule applies at append only: replay folds whatever the log holds.
struct SeriesFrequencies {
    static let createTable = """
        CREATE TABLE IF NOT EXISTS series_frequencies(
            series TEXT NOT NULL,
            owner INTEGER NOT NULL,
            frequency TEXT NOT NULL,
            PRIMARY KEY(series, owner)
        ) WITHOUT ROWID;
        """

    /// The `store_meta` key of the seq the table is maintained through.
    static let throughKey = "frequencies_through"

    private let log: SQLiteEventLog
    private let insert: SQLiteStatement
    private let delete: SQLiteStatement
    private let lookup: SQLiteStatement
    /// Whether this transaction changed the table (so the marker must move).
    private(set) var changed = false

    /// Opens the table inside an append transaction on a log whose last seq is `lastSeq`,
    /// creating or rebuilding it when it is missing or stale.
    init(log: SQLiteEventLog, lastSeq: Int64) throws {
        self.log = log
        let db = log.db
        try db.execute(Self.createTable)
        insert = try db.prepare("INSERT OR REPLACE INTO series_frequencies(series, owner, frequency) VALUES(?, ?, ?)", persistent: false)
        delete = try db.prepare("DELETE FROM series_frequencies WHERE series = ? AND owner = ?", persistent: false)
        lookup = try db.prepare("SELECT frequency FROM series_frequencies WHERE series = ? ORDER BY owner DESC LIMIT 1", persistent: false)
        let through = try db.scalarText("SELECT value FROM store_meta WHERE key = '\(Self.throughKey)'").flatMap { Int64($0) }
        if through != lastSeq { try rebuild() }
    }

    /// The frequency in force for a series, nil when no live definition names one.
    func frequency(of series: String) throws -> Frequency? {
        defer { lookup.reset() }
        try lookup.bind(1, series)
        return try lookup.step() ? Frequency(rawValue: lookup.string(0)) : nil
    }

    /// The frequency in force of every series whose live definitions name one.
    func inForce() throws -> [String: Frequency] {
        let rows = try log.db.prepare("SELECT series, frequency FROM series_frequencies ORDER BY series, owner", persistent: false)
        defer { rows.reset() }
        var result: [String: Frequency] = [:]
        while try rows.step() { result[rows.string(0)] = Frequency(rawValue: rows.string(1)) }
        return result
    }

    /// Records a live definition stated by the original event at `owner`.
    mutating func record(_ definition: SeriesDefinition, owner: Int64) throws {
        guard let frequency = definition.frequency else { return }
        defer { insert.reset() }
        try insert.bind(1, definition.series.rawValue)
        try insert.bind(2, owner)
        try insert.bind(3, frequency.rawValue)
        try insert.step()
        changed = true
    }

    /// Forgets the definition stated by the original event at `owner` (corrected or retracted).
    mutating func forget(_ definition: SeriesDefinition, owner: Int64) throws {
        guard definition.frequency != nil else { return }
        defer { delete.reset() }
        try delete.bind(1, definition.series.rawValue)
        try delete.bind(2, owner)
        try delete.step()
        changed = true
    }

    /// Records in `store_meta` that the table is maintained through `seq`.
    func markMaintained(through seq: Int64) throws {
        try log.db.execute("INSERT OR REPLACE INTO store_meta(key, value) VALUES('\(Self.throughKey)', '\(seq)')")
    }

    /// Refills the table from the live content of every series event in the log.
    private mutating func rebuild() throws {
        try log.db.execute("DELETE FROM series_frequencies")
        var overrides: [Int64: Int64] = [:]
        let rows = try log.db.prepare("SELECT target_seq, by_seq FROM overrides", persistent: false)
        while try rows.step() { overrides[rows.int64(0)] = rows.int64(1) }
        var definitions: [(owner: Int64, event: Event)] = []
        try log.forEachStoredEvent(fromSeq: 1) { e in
            if e.type == .series { definitions.append((e.seq, try e.event())) }
        }
        for (owner, original) in definitions {
            var content: Event? = original
            if let by = overrides[owner] {
                // The latest correction's replacement, or nothing after a retraction.
                content = nil
                if case .correction(let c)? = try log.storedEvent(at: by)?.event() { content = c.replacement }
            }
            if case .series(let d)? = content { try record(d, owner: owner) }
        }
        changed = true
    }
}
