import VintageCore

/// The log's hash chain: each event's link is SHA-256 of the previous link, the event's
/// seq, recording time, id and checksum. Editing, deleting or reordering any row breaks
/// every link after it.
enum HashChain {
    /// The link before the first event.
    static let genesis = [UInt8](repeating: 0, count: 32)

    /// The link of an event, given the previous event's link.
    static func link(previous: [UInt8], seq: Int64, recordedAt: Timestamp, id: EventID, checksum: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        previous.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        withUnsafeBytes(of: seq.littleEndian) { hasher.update(bufferPointer: $0) }
        withUnsafeBytes(of: recordedAt.microseconds.littleEndian) { hasher.update(bufferPointer: $0) }
        checksum.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        var idText = id.rawValue
        idText.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        return hasher.finalize()
    }
}
