import VintageCore

/// The log's hash chain: each event's link is SHA-256 of the previous link, the event's
/// seq, recording time, id and checksum. Editing, deleting or reordering any row breaks
/// every link after it.
enum HashChain {
    /// The link before the first event.
    static let genesis = [UInt8](repeating: 0, count: 32)

    /// The link of an event, given the previous event's link.
    static func link(previous: [UInt8], seq: Int64, recordedAt: Timestamp, id: EventID, checksum: [UInt8]) -> [UInt8] {
        digest(previous: previous, seq: seq, recordedAt: recordedAt, id: id, checksum: checksum).bytes
    }

    /// ``link(previous:seq:recordedAt:id:checksum:)`` inline, for checks that only compare it
    /// with a stored link: the hashed bytes are gathered on the stack and hashed in one shot.
    static func digest(previous: [UInt8], seq: Int64, recordedAt: Timestamp, id: EventID, checksum: [UInt8]) -> SHA256.Digest {
        var idText = id.rawValue
        return idText.withUTF8 { idBytes in
            let count = previous.count + 16 + checksum.count + idBytes.count
            return withUnsafeTemporaryAllocation(byteCount: count, alignment: 8) { buffer in
                var at = buffer.baseAddress!
                func append(_ bytes: UnsafeRawBufferPointer) {
                    guard let base = bytes.baseAddress, bytes.count > 0 else { return }
                    at.copyMemory(from: base, byteCount: bytes.count)
                    at += bytes.count
                }
                previous.withUnsafeBytes(append)
                withUnsafeBytes(of: seq.littleEndian, append)
                withUnsafeBytes(of: recordedAt.microseconds.littleEndian, append)
                checksum.withUnsafeBytes(append)
                append(UnsafeRawBufferPointer(idBytes))
                return SHA256.digest(of: UnsafeRawBufferPointer(buffer))
            }
        }
    }
}
