import VintageCore

extension EventType {
    /// The type's number in a record batch (its position in ``EventType/allCases``: series 0,
    /// observation 1, release 2, announcement 3, correction 4, retraction 5).
    var batchTag: UInt8 { UInt8(index) }
}
