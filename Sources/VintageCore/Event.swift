#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One immutable fact entering the log. Its kind is one of the six event types of SPEC.md.
public enum Event: Hashable, Sendable {
    /// Defines a series or updates the metadata fields it names.
    case series(SeriesDefinition)
    /// One published figure.
    case observation(Observation)
    /// A batch of figures published together.
    case release(Release)
    /// A trade announcement, which may also set a rate series' value from a date.
    case announcement(Announcement)
    /// Replaces an earlier event in every view: our record had been wrong.
    case correction(Correction)
    /// Removes an earlier event's effect from every view.
    case retraction(Retraction)

    /// The event's `type` field.
    public var type: EventType {
        switch self {
        case .series: .series
        case .observation: .observation
        case .release: .release
        case .announcement: .announcement
        case .correction: .correction
        case .retraction: .retraction
        }
    }

    /// Calls `body` with each figure this event states (see ``statedFigures``) and its
    /// index, without building an array.
    public func forEachFigure(_ body: (Int, Figure) throws -> Void) rethrows {
        switch self {
        case .observation(let o):
            try body(0, Figure(series: o.series, period: o.period, value: o.value, releasedAt: o.releasedAt, status: o.status))
        case .release(let r):
            for (i, e) in r.entries.enumerated() {
                try body(i, Figure(series: e.series, period: e.period, value: e.value, releasedAt: r.releasedAt, status: e.status ?? r.status))
            }
        case .announcement(let a):
            guard let step = a.step else { return }
            try body(0, Figure(series: step.series, period: step.effective, value: step.value, releasedAt: a.releasedAt, status: nil))
        case .series, .correction, .retraction:
            return
        }
    }

    /// ``forEachFigure(_:)`` without making a ``Figure`` of each: `body` gets each figure's
    /// index, series, period start, value and release time, a release's entries read in
    /// place. For the loops over every figure of an append, where making a `Figure` retains
    /// and releases its strings (its period: ``statedFigures`` at that index).
    @inlinable public func forEachFigureKey(
        _ body: (_ index: Int, _ series: SeriesID, _ periodStart: Timestamp, _ value: Double, _ releasedAt: Timestamp) throws -> Void
    ) rethrows {
        switch self {
        case .observation(let o):
            try body(0, o.series, o.period.start, o.value, o.releasedAt)
        case .release(let r):
            try r.entries.withUnsafeBufferPointer { entries in
                for i in entries.indices { try body(i, entries[i].series, entries[i].period.start, entries[i].value, r.releasedAt) }
            }
        case .announcement(let a):
            guard let step = a.step else { return }
            try body(0, step.series, step.effective.start, step.value, a.releasedAt)
        case .series, .correction, .retraction:
            return
        }
    }

    /// The figures this event states, in input order: one for an observation, one per entry
    /// of a release, one for an announcement with `series`, `effective` and `value`, none
    /// otherwise. Corrections and retractions state nothing themselves.
    public var statedFigures: [Figure] {
        var figures: [Figure] = []
        forEachFigure { figures.append($1) }
        return figures
    }
}

/// The `type` field of an event.
public enum EventType: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case series, observation, release, announcement, correction, retraction

    /// The type named by UTF-8 bytes, without making a `String` (a `String` switch over
    /// raw values goes through a dictionary).
    public init?(utf8 name: UnsafeBufferPointer<UInt8>) {
        guard let base = name.baseAddress else { return nil }
        for type in EventType.allCases where type.utf8Name.count == name.count {
            if type.utf8Name.withUnsafeBufferPointer({ memcmp($0.baseAddress!, base, name.count) == 0 }) {
                self = type
                return
            }
        }
        return nil
    }

    private static let utf8Names: [[UInt8]] = allCases.map { Array($0.rawValue.utf8) }

    private var utf8Name: [UInt8] { EventType.utf8Names[index] }

    /// The position of the type in ``allCases`` (also its number in a record batch).
    package var index: Int {
        switch self {
        case .series: 0
        case .observation: 1
        case .release: 2
        case .announcement: 3
        case .correction: 4
        case .retraction: 5
        }
    }

    public var description: String { rawValue }
}

/// One stated figure: a value of a series for a period, as released at a time. The unit
/// that vintage uniqueness and the projection work on.
public struct Figure: Hashable, Sendable {
    /// The series the figure belongs to.
    public var series: SeriesID
    /// The valid-time period it describes.
    public var period: Period
    /// The value.
    public var value: Double
    /// When the publisher made it public.
    public var releasedAt: Timestamp
    /// The publisher's status, e.g. `preliminary`.
    public var status: String?

    /// Creates a figure.
    public init(series: SeriesID, period: Period, value: Double, releasedAt: Timestamp, status: String?) {
        self.series = series
        self.period = period
        self.value = value
        self.releasedAt = releasedAt
        self.status = status
    }
}
