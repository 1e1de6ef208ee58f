/// A position in the log's hash chain: an event's seq and its chain link. Recorded outside
/// the store (as git users record commit hashes), it lets `vintage verify --expect` prove
/// later that the log still holds that very history: rewriting any event up to `seq`, or
/// swapping in another log, changes the link at `seq` or removes it.
public struct LogHead: Hashable, Sendable, CustomStringConvertible {
    /// The event's seq.
    public var seq: Int64
    /// The event's chain link (32 bytes).
    public var link: [UInt8]

    /// Creates a head.
    public init(seq: Int64, link: [UInt8]) {
        self.seq = seq
        self.link = link
    }

    /// Parses `SEQ:HASH` (the hash in 64 hexadecimal digits); nil when malformed.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let seq = Int64(parts[0]), seq >= 1, parts[1].utf8.count == 64 else { return nil }
        var link: [UInt8] = []
        var digits = parts[1].lowercased().makeIterator()
        while let high = digits.next(), let low = digits.next() {
            guard let byte = UInt8(String([high, low]), radix: 16) else { return nil }
            link.append(byte)
        }
        self.init(seq: seq, link: link)
    }

    /// `SEQ:HASH`, the hash in lowercase hexadecimal.
    public var description: String {
        "\(seq):" + link.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
