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
