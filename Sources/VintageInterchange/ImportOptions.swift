import Vintage

/// What an import is told besides the file: how to read it, and what the file itself does
/// not say (release time, series names, metadata).
public struct ImportOptions: Hashable, Sendable {
    /// Separator, decimal mark and missing-value markers.
    public var dialect = CSVDialect()
    /// The release time of every figure (`--released-at`), when the file carries none.
    public var releasedAt: Timestamp?
    /// The column holding each row's release time (`--released-at-column`).
    public var releasedAtColumn: String?
    /// A file-name pattern with `YYYY`, `MM`, `DD` (and `*`) giving each file's release date
    /// (`--released-at-from-filename`).
    public var releasedAtFromFilename: String?
    /// The series id to use (`--series`), for files that do not name their series.
    public var series: String?
    /// A namespace put before every series id (`--prefix`).
    public var prefix: String?
    /// The frequency of new series (`--frequency`); else taken from the store or inferred.
    public var frequency: Frequency?
    /// The unit of new series (`--unit`).
    public var unit: String?
    /// The `source` of every release (`--source`).
    public var source: String?
    /// The status of every figure (`--status`) unless a status column gives one.
    public var status: String?
    /// How dates name periods (`--period-align`).
    public var periodAlignment = PeriodAlignment.exact
    /// Plain CSV: the column naming each row's series (`--series-column`).
    public var seriesColumn: String?
    /// Plain CSV: the column holding each row's period (`--period-column`).
    public var periodColumn: String?
    /// Plain CSV: the column holding each row's value (`--value-column`).
    public var valueColumn: String?
    /// Plain CSV: the column holding each row's status (`--status-column`).
    public var statusColumn: String?
    /// Plain CSV: tags of each row's series from columns (`--tag-column KEY=COL`).
    public var tagColumns: [TagColumn] = []
    /// Plain CSV: one column per series instead of one row per figure (`--wide`).
    public var wide = false
    /// SDMX-CSV: turn `ACTION` `D` rows into retractions instead of refusing them.
    public var allowDelete = false

    /// A `KEY=COLUMN` pair of `--tag-column`.
    public struct TagColumn: Hashable, Sendable {
        /// The tag's name.
        public var key: String
        /// The column's header (or 1-based number).
        public var column: String
        /// Creates a pair.
        public init(key: String, column: String) {
            self.key = key
            self.column = column
        }
    }

    /// Default options.
    public init() {}

    /// The series id for a name found in a file: lower case, with ``prefix`` in front
    /// (joined by `.` unless the prefix ends in a separator).
    func seriesID(_ name: String) -> Result<SeriesID, IdentifierSyntaxError> {
        var id = name.lowercased()
        if let prefix, !prefix.isEmpty {
            let joined = prefix.hasSuffix(".") || prefix.hasSuffix("/") || prefix.hasSuffix(":") || prefix.hasSuffix("_") || prefix.hasSuffix("-")
            id = prefix.lowercased() + (joined ? "" : ".") + id
        }
        do { return .success(try SeriesID(id)) } catch { return .failure(error) }
    }
}
