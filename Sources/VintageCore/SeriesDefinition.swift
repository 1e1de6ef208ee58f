/// A `series` event: defines a series, or updates the fields it names.
public struct SeriesDefinition: Hashable, Sendable {
    /// The series defined.
    public var series: SeriesID
    /// A human-readable name.
    public var name: String?
    /// The unit of the values, e.g. `USD`.
    public var unit: String?
    /// How often the series is published.
    public var frequency: Frequency?
    /// Tags for selection with `--where`; when given, they replace earlier tags.
    public var tags: [String: String]?

    /// Creates a definition.
    public init(series: SeriesID, name: String? = nil, unit: String? = nil, frequency: Frequency? = nil, tags: [String: String]? = nil) {
        self.series = series
        self.name = name
        self.unit = unit
        self.frequency = frequency
        self.tags = tags
    }
}
