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
        self.init(derivedFromContentHash: Array(digest.prefix(16)))
    }

    /// The id of an event read back from the log: `given` when it had one, else the id derived
    /// from `canonicalJSON` (see ``init(derivedFromContentHash:)``).
    public init(given: EventID?, canonicalJSON: UnsafeBufferPointer<UInt8>) {
        if let given {
            self = given
            return
        }
        var hasher = SHA256()
        hasher.update(bufferPointer: UnsafeRawBufferPointer(canonicalJSON))
        self.init(derivedFromContentHash: hasher.finalize())
    }

    /// ``init(derivedFromContentHash:)`` for a digest in an array: the generic initializer is
    /// not specialized across modules, and costs ~1 µs per id read back from the log.
    public init(derivedFromContentHash digest: [UInt8]) {
        self.rawValue = String(unsafeUninitializedCapacity: 35) { text in
            text[0] = UInt8(ascii: "e"); text[1] = UInt8(ascii: "v"); text[2] = UInt8(ascii: "-")
            let n = min(16, digest.count)
            for i in 0..<n {
                let byte = digest[i]
                text[3 + 2 * i] = hexDigit(byte >> 4)
                text[4 + 2 * i] = hexDigit(byte & 15)
            }
            return 3 + 2 * n
        }
    }

    /// A stable 64-bit key of the id (FNV-1a over its UTF-8 bytes), by which a log indexes
    /// ids. Keys can collide, so lookups compare the full id. Stored on disk: the function
    /// never changes.
    public var indexKey: Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var text = rawValue
        text.withUTF8 { bytes in
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
        }
        return Int64(bitPattern: hash)
    }

    public static func < (lhs: EventID, rhs: EventID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }
}

/// The SHA-256 of an event's canonical bytes: its checksum in the log, and the source of
/// its derived id.
public func contentHash(of canonicalBytes: [UInt8]) -> [UInt8] {
    // The one-shot buffer entry point: no generic dispatch, no hasher state to copy.
    canonicalBytes.withUnsafeBytes { SHA256.digest(of: $0).bytes }
}
