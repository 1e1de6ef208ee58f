import VintageCore

/// The hash chain of a format-2 log, one link per record batch.
///
/// A batch's *digest* is SHA-256 over, for each of its events in seq order, the event's
/// checksum (SHA-256 of its canonical JSON), a byte saying whether its id was given, and a
/// given id's length and UTF-8 bytes: it pins the canonical content and the ids whatever the
/// bytes of the batch encoding. Its *link* is SHA-256 of the previous batch's link (32 zero
/// bytes before the first), the batch's first and last seq and recording time (little-endian
/// 64-bit), its digest, and SHA-256 of its stored bytes. Editing a byte, a digest or a
/// recording time, or dropping, duplicating or reordering a batch, breaks every link after it.
enum BatchChain {
    /// The link before the first batch.
    static let genesis = [UInt8](repeating: 0, count: 32)

    /// Accumulates a batch's digest event by event.
    struct Digest {
        private var hasher = SHA256()

        /// Adds the next event: its checksum and, when given, its id.
        mutating func add(checksum: [UInt8], explicitID: EventID?) {
            checksum.withUnsafeBytes { add(checksum: $0, explicitID: explicitID) }
        }

        /// ``add(checksum:explicitID:)`` for a checksum in any buffer.
        mutating func add(checksum: UnsafeRawBufferPointer, explicitID: EventID?) {
            hasher.update(bufferPointer: checksum)
            guard let explicitID else {
                withUnsafeBytes(of: UInt8(0)) { hasher.update(bufferPointer: $0) }
                return
            }
            var text = explicitID.rawValue
            text.withUTF8 { utf8 in
                withUnsafeBytes(of: UInt8(1)) { hasher.update(bufferPointer: $0) }
                withUnsafeBytes(of: UInt16(utf8.count).littleEndian) { hasher.update(bufferPointer: $0) }
                hasher.update(bufferPointer: UnsafeRawBufferPointer(utf8))
            }
        }

        /// The digest of the events added.
        func finalize() -> [UInt8] { hasher.finalize() }
    }

    /// The link of a batch, given the previous batch's link.
    static func link(
        previous: [UInt8], firstSeq: Int64, lastSeq: Int64, recordedAt: Timestamp,
        digest: [UInt8], body: UnsafeRawBufferPointer
    ) -> [UInt8] {
        link(
            previous: previous, firstSeq: firstSeq, lastSeq: lastSeq, recordedAt: recordedAt, digest: digest,
            bodyHash: SHA256.digest(of: body))
    }

    /// ``link(previous:firstSeq:lastSeq:recordedAt:digest:body:)`` given the SHA-256 of the
    /// batch's bytes (worked out beforehand, on any thread).
    static func link(
        previous: [UInt8], firstSeq: Int64, lastSeq: Int64, recordedAt: Timestamp,
        digest: [UInt8], bodyHash: SHA256.Digest
    ) -> [UInt8] {
        var hasher = SHA256()
        previous.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        withUnsafeBytes(of: firstSeq.littleEndian) { hasher.update(bufferPointer: $0) }
        withUnsafeBytes(of: lastSeq.littleEndian) { hasher.update(bufferPointer: $0) }
        withUnsafeBytes(of: recordedAt.microseconds.littleEndian) { hasher.update(bufferPointer: $0) }
        digest.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        bodyHash.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hasher.finalize()
    }
}
