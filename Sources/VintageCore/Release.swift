/// A `release` event: figures published together, sharing release time, source and status.
public struct Release: Hashable, Sendable {
    /// One figure of a release.
    public struct Entry: Hashable, Sendable {
        /// The series the figure belongs to.
        public var series: SeriesID
        /// The valid-time period it describes.
        public var period: Period
        /// The value (always finite).
        public var value: Double
        /// The publisher's status of this figure (SDMX's `OBS_STATUS`), which wins over the
        /// release's ``Release/status``.
        public var status: String?

        /// Creates an entry.
        public init(series: SeriesID, period: Period, value: Double, status: String? = nil) {
            self.series = series
            self.period = period
            self.value = value
            self.status = status
        }
    }

    /// When the publisher made the figures public.
    public var releasedAt: Timestamp
    /// Who published them.
    public var source: String?
    /// The release's title, e.g. "Trade statistics, January 2026".
    public var title: String?
    /// The publisher's status of every figure without a status of its own, e.g. `preliminary`.
    public var status: String?
    /// The figures, in input order (at least one).
    public var entries: [Entry]

    /// Creates a release.
    public init(releasedAt: Timestamp, source: String? = nil, title: String? = nil, status: String? = nil, entries: [Entry]) {
        self.releasedAt = releasedAt
        self.source = source
        self.title = title
        self.status = status
        self.entries = entries
    }
}
