import Crypto

/// The identity of an event in the log: given by the writer (1–128 printable characters)
/// or derived from the event's canonical content.
public struct EventID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The identifier text.
    public let rawValue: String

    /// The longest identifier accepted.
    public static let maximumLength = 128

    /// Validates and wraps an identifier given in the input.
    public init(_ text: String) throws(IdentifierSyntaxError) {
        guard !text.isEmpty else { throw IdentifierSyntaxError("an event id cannot be empty") }
        var count = 0
        for scalar in text.unicodeScalars {
            count += 1
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                throw IdentifierSyntaxError("an event id is printable characters only")
            }
        }
        guard count <= EventID.maximumLength else {
            throw IdentifierSyntaxError("an event id has at most \(EventID.maximumLength) characters (this one has \(count))")
        }
        self.rawValue = text
    }

    /// Wraps text already known to be a valid id (e.g. read back from the log).
    public init(unchecked text: String) { self.rawValue = text }

    /// The deterministic id of an event without one: `ev-` and the first 128 bits of the
    /// SHA-256 of its canonical encoding, in hex.
    public init(derivedFromContentHash digest: some Sequence<UInt8>) {
        let bytes = Array(digest.prefix(16))
        self.rawValue = String(unsafeUninitializedCapacity: 35) { text in
            text[0] = UInt8(ascii: "e"); text[1] = UInt8(ascii: "v"); text[2] = UInt8(ascii: "-")
            for (i, byte) in bytes.enumerated() {
                text[3 + 2 * i] = hexDigit(byte >> 4)
                text[4 + 2 * i] = hexDigit(byte & 15)
            }
            return 3 + 2 * bytes.count
        }
    }

    public static func < (lhs: EventID, rhs: EventID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }
}

/// The SHA-256 of an event's canonical bytes: its checksum in the log, and the source of
/// its derived id.
public func contentHash(of canonicalBytes: [UInt8]) -> [UInt8] {
    Array(SHA256.hash(data: canonicalBytes))
}
