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

        /// Creates an entry.
        public init(series: SeriesID, period: Period, value: Double) {
            self.series = series
            self.period = period
            self.value = value
        }
    }

    /// When the publisher made the figures public.
    public var releasedAt: Timestamp
    /// Who published them.
    public var source: String?
    /// The release's title, e.g. "Trade statistics, January 2026".
    public var title: String?
    /// The publisher's status of every figure, e.g. `preliminary`.
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
