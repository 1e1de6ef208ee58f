import VintageColumnar

/// Builds the little-endian, LEB128-based byte layout of the projection's small files
/// (the manifest, a snapshot's description).
package struct ManifestByteWriter {
    /// The bytes written so far.
    package private(set) var bytes: [UInt8] = []

    /// An empty writer.
    package init() {}

    package mutating func u8(_ value: UInt8) { bytes.append(value) }

    mutating func u32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    package mutating func i64(_ value: Int64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// An unsigned LEB128 integer.
    package mutating func varUInt(_ value: UInt64) { bytes.appendVarUInt(value) }

    /// A zigzag-encoded signed LEB128 integer.
    package mutating func varInt(_ value: Int64) { bytes.appendVarInt(value) }

    /// Bytes as they are.
    mutating func raw(_ value: ArraySlice<UInt8>) { bytes.append(contentsOf: value) }

    /// A length-prefixed byte string.
    mutating func blob(_ value: [UInt8]) {
        varUInt(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// A length-prefixed UTF-8 string.
    package mutating func string(_ value: String) {
        varUInt(UInt64(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }

    /// A presence byte (0 or 1), then the string when present.
    package mutating func optionalString(_ value: String?) {
        if let value {
            u8(1)
            string(value)
        } else {
            u8(0)
        }
    }
}
