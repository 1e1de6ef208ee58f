/// An `observation` event: one published figure.
public struct Observation: Hashable, Sendable {
    /// The series the figure belongs to.
    public var series: SeriesID
    /// The valid-time period it describes.
    public var period: Period
    /// The value (always finite).
    public var value: Double
    /// When the publisher made it public.
    public var releasedAt: Timestamp
    /// Who published it.
    public var source: String?
    /// The publisher's status, e.g. `preliminary`.
    public var status: String?

    /// Creates an observation.
    public init(series: SeriesID, period: Period, value: Double, releasedAt: Timestamp, source: String? = nil, status: String? = nil) {
        self.series = series
        self.period = period
        self.value = value
        self.releasedAt = releasedAt
        self.source = source
        self.status = status
    }
}
