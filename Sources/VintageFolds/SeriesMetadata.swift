import VintageCore

/// A series' metadata: the fold, in log order of the defining events, of its live `series`
/// definitions. A definition updates the fields it names; `tags`, when named, replace the
/// earlier tags as a whole.
public struct SeriesMetadata: Hashable, Sendable {
    /// The human-readable name.
    public var name: String?
    /// The unit of the values, e.g. `USD`.
    public var unit: String?
    /// How often the series is published.
    public var frequency: Frequency?
    /// Tags for selection with `--where` (empty when none were given).
    public var tags: [String: String]

    /// Creates metadata.
    public init(name: String? = nil, unit: String? = nil, frequency: Frequency? = nil, tags: [String: String] = [:]) {
        self.name = name
        self.unit = unit
        self.frequency = frequency
        self.tags = tags
    }

    /// The metadata after `definition` updates the fields it names.
    public func updated(by definition: SeriesDefinition) -> SeriesMetadata {
        var next = self
        if let name = definition.name { next.name = name }
        if let unit = definition.unit { next.unit = unit }
        if let frequency = definition.frequency { next.frequency = frequency }
        if let tags = definition.tags { next.tags = tags }
        return next
    }
}
