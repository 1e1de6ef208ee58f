import VintageCore

/// A record batch as a log stores it — seq range, recording time, bytes, digest and
/// link — copied between a shared log and its replicas unchanged (see ``LogUpstream``).
public struct ReplicatedBatch: Hashable, Sendable {
    /// The seq of its first event.
    public var firstSeq: Int64
    /// The seq of its last event.
    public var lastSeq: Int64
    /// When the append that wrote it was recorded.
    public var recordedAt: Timestamp
    /// The record batch's bytes.
    public var body: [UInt8]
    /// SHA-256 over its events' checksums and given ids (see docs/log.md).
    public var digest: [UInt8]
    /// Its hash-chain link.
    public var link: [UInt8]

    public init(firstSeq: Int64, lastSeq: Int64, recordedAt: Timestamp, body: [UInt8], digest: [UInt8], link: [UInt8]) {
        self.firstSeq = firstSeq
        self.lastSeq = lastSeq
        self.recordedAt = recordedAt
        self.body = body
        self.digest = digest
        self.link = link
    }

    /// The chain position after this batch.
    public var head: LogHead { LogHead(seq: lastSeq, link: link) }
}
