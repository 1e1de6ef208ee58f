import VintageColumnar

/// Appends the little-endian integers, varints and byte strings of a record batch.
struct BatchWriter {
    /// The bytes written so far.
    var bytes: [UInt8] = []

    mutating func u8(_ v: UInt8) { bytes.append(v) }

    mutating func u32(_ v: UInt32) {
        for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(i)))) }
    }

    /// Unsigned LEB128.
    mutating func varUInt(_ v: UInt64) { bytes.appendVarUInt(v) }

    /// A varuint length followed by the bytes.
    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            varUInt(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// A varuint length followed by the bytes.
    mutating func lengthPrefixed(_ b: [UInt8]) {
        varUInt(UInt64(b.count))
        bytes.append(contentsOf: b)
    }
}
