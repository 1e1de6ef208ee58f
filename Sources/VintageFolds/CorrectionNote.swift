import VintageCore

/// What a vintage shown from a correction's replacement records about the correction: the
/// correction's id and the value the corrected event originally stated for that point.
public struct CorrectionNote: Hashable, Sendable {
    /// The id of the correction event whose replacement states the vintage.
    public var correction: EventID
    /// The value the corrected event originally stated for the same point (same series and
    /// valid time); for a single-figure event moved to another point, its original figure's
    /// value; nil when the original stated nothing comparable (e.g. a release that gained an
    /// entry).
    public var originalValue: Double?

    /// Creates a note.
    public init(correction: EventID, originalValue: Double?) {
        self.correction = correction
        self.originalValue = originalValue
    }
}

/// What a correction note reads of the corrected event: the figures it stated as logged. The
/// note of a figure a correction's replacement states is the original value of the same point
/// (series and valid time: the event's first figure there); for a single-figure event moved
/// to another point, its original figure's value; else none. Both folds and the notes read
/// back from the log take the note from here.
struct CorrectedFigures<Series: Hashable & Sendable>: Sendable {
    private struct Point: Hashable, Sendable {
        var series: Series
        var validTime: Int64
    }

    /// Per point, the value of the event's first figure there.
    private var firstValues: [Point: Double] = [:]
    /// The number of figures and, when there is one, its value.
    private var count = 0
    private var onlyValue: Double?

    /// No figures; room for `capacity` points without growing.
    init(capacity: Int = 0) {
        firstValues.reserveCapacity(capacity)
    }

    /// Adds the event's next figure (in log order).
    mutating func add(series: Series, validTime: Int64, value: Double) {
        let point = Point(series: series, validTime: validTime)
        // One lookup when the point is new (the usual case); the first value stays.
        if let first = firstValues.updateValue(value, forKey: point) { firstValues[point] = first }
        count += 1
        onlyValue = count == 1 ? value : nil
    }

    /// The note of a figure at (`series`, `validTime`) stated by the replacement of the
    /// correction `correction`.
    func note(correction: EventID, series: Series, validTime: Int64) -> CorrectionNote {
        CorrectionNote(
            correction: correction,
            originalValue: firstValues[Point(series: series, validTime: validTime)] ?? onlyValue)
    }
}
