import Vintage

/// Turns the figures an importer reads into the events it appends: a `series` event before
/// the first figure of each series the store does not know yet, and the figures grouped into
/// `release` events — consecutive figures sharing a release time, at most ``maximumEntries``
/// each, the release's status that of its first figure and any other status on its entry. Handed out in batches, so that an import of any size goes to the
/// store without holding all of its events.
public final class EventAssembler {
    /// The most entries in one `release` event.
    public static let maximumEntries = 10_000

    /// Series the store defines, with their metadata; grows with the series defined here.
    private(set) var known: [SeriesID: SeriesMetadata]
    private let source: String?
    private var pending: [InputEvent] = []
    /// Definitions made while a release is open: they go before it.
    private var definitionsWaiting: [InputEvent] = []
    private var entries: [Release.Entry] = []
    private var releaseLine = 0
    private var releaseTime = Timestamp(microseconds: 0)
    private var releaseStatus: String?

    /// Figures taken so far.
    public private(set) var figures = 0
    /// Series defined (or redefined) so far.
    public private(set) var definitions = 0

    /// Creates an assembler for a store that defines `known`.
    public init(known: [SeriesID: SeriesMetadata], source: String?) {
        self.known = known
        self.source = source
    }

    /// The frequency of a series (nil when unknown or unset).
    func frequency(of series: SeriesID) -> Frequency? { known[series]?.frequency }

    /// Whether the store or this import has defined `series`.
    func isDefined(_ series: SeriesID) -> Bool { known[series] != nil }

    /// Defines `definition.series` when it is new, or when the definition changes a field
    /// the store holds differently.
    func define(_ definition: SeriesDefinition, line: Int) {
        let current = known[definition.series]
        if let current, current.updated(by: definition) == current { return }
        definitionsWaiting.append(InputEvent(line: line, id: nil, event: .series(definition)))
        known[definition.series] = (current ?? SeriesMetadata()).updated(by: definition)
        definitions += 1
    }

    /// Adds one figure.
    @inline(__always)
    func add(series: SeriesID, period: Period, value: Double, releasedAt: Timestamp, status: String?, line: Int) {
        // A figure whose status differs from the release's carries its own; only a figure
        // without a status in a release with one needs a release of its own.
        if !entries.isEmpty
            && (releasedAt != releaseTime || (status == nil && releaseStatus != nil)
                || entries.count >= EventAssembler.maximumEntries)
        {
            flushRelease()
        }
        if entries.isEmpty {
            releaseLine = line
            releaseTime = releasedAt
            releaseStatus = status
            entries.reserveCapacity(256)
        }
        entries.append(Release.Entry(series: series, period: period, value: value, status: status == releaseStatus ? nil : status))
        figures += 1
    }

    /// Adds any other event (e.g. a retraction).
    func add(_ event: Event, line: Int) {
        flushRelease()
        pending.append(InputEvent(line: line, id: nil, event: event))
    }

    /// Events ready to hand to the store (figures assembled so far included when `all`).
    func take(all: Bool) -> [InputEvent] {
        if all { flushRelease() }
        defer { pending.removeAll(keepingCapacity: true) }
        return pending
    }

    /// Events waiting, counting the open release's entries.
    var waiting: Int { pending.count + definitionsWaiting.count + entries.count }

    private func flushRelease() {
        pending.append(contentsOf: definitionsWaiting)
        definitionsWaiting.removeAll()
        guard !entries.isEmpty else { return }
        pending.append(
            InputEvent(
                line: releaseLine, id: nil,
                event: .release(
                    Release(releasedAt: releaseTime, source: source, status: releaseStatus, entries: entries))))
        entries.removeAll(keepingCapacity: true)
    }
}
