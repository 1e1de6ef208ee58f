/// What a codec-2 batch holds for one event (the low 3 bits of its shape byte), and the
/// flags above them.
enum ColumnarShape: UInt8 {
    /// The event is the next record of the JSON records.
    case json = 0
    /// An observation: one record row and one figure row.
    case observation = 1
    /// A release: one record row and its entries' figure rows.
    case release = 2
    /// A correction whose replacement is an observation: target (and reason) in the text section.
    case correctedObservation = 3
    /// A correction whose replacement is a release.
    case correctedRelease = 4
    /// An announcement setting a rate: its step (series, effective, value) is one record row
    /// and one figure row; the rest of it is canonical JSON without the step in the extras.
    case announcementStep = 5

    /// Whether the event has exactly one figure (an observation or a step).
    var isSingleFigure: Bool { self == .observation || self == .correctedObservation || self == .announcementStep }
    /// Whether the event is a correction around its replacement.
    var isCorrection: Bool { self == .correctedObservation || self == .correctedRelease }

    /// Set when the event's explicit id is stored in the text section.
    static let explicitIDFlag: UInt8 = 8
    /// Set on a correction that has a reason.
    static let reasonFlag: UInt8 = 16
    /// The bits a shape byte may use.
    static let validBits: UInt8 = 7 | explicitIDFlag | reasonFlag
}
