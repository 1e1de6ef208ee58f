/// How a column's values are laid out in its stored bytes.
///
/// One identifier space serves all column types; ``isDefined(for:)`` says which
/// encodings a type admits. FORMAT.md gives the byte layout of each.
public enum Encoding: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// Every value at its full width, little-endian.
    case plain = 0
    /// One value repeated for every row.
    case constant = 1
    /// Frame of reference: `base + scale × packed[i]`, with `packed` bit-packed at a fixed width.
    case frameOfReference = 2
    /// The first value, then the differences between neighbours as a nested integer block.
    case delta = 3
    /// The first value and first difference, then the differences of differences as a nested block.
    case deltaOfDelta = 4
    /// Runs: the run count, the value of each run and the length of each run.
    case runLength = 5
    /// Decimal doubles in the spirit of ALP: `n × 10^f × 10^-e` with `n` a nested integer block,
    /// plus an exception list of the values that do not round-trip.
    case decimal = 6
    /// XOR with the previous value, leading and trailing zeros elided (Chimp-style bit stream).
    case xor = 7
    /// Patched frame of reference: zigzag offsets from a centre, bit-packed at the width most
    /// values need, the wider values' high bits patched in by row.
    case patched = 8
    /// A prefix of the values as a nested block, the rest repeating its last value: a column
    /// of a few meaningful values padded to the row count.
    case trailingRun = 9
    /// Huffman-coded zigzag offsets from a base: each value costs about as many bits as its
    /// frequency warrants (chunk format version 3).
    case entropy = 10

    /// Whether this encoding is defined for columns of `type`.
    public func isDefined(for type: ColumnType) -> Bool {
        switch (self, type) {
        case (.plain, _), (.constant, _), (.runLength, _): return true
        case (.frameOfReference, .int64), (.frameOfReference, .uint8): return true
        case (.delta, .int64), (.deltaOfDelta, .int64), (.patched, .int64), (.trailingRun, .int64), (.entropy, .int64): return true
        case (.decimal, .double), (.xor, .double): return true
        default: return false
        }
    }

    /// The encoding's name.
    public var description: String {
        switch self {
        case .plain: return "plain"
        case .constant: return "constant"
        case .frameOfReference: return "frame-of-reference"
        case .delta: return "delta"
        case .deltaOfDelta: return "delta-of-delta"
        case .runLength: return "run-length"
        case .decimal: return "decimal"
        case .xor: return "xor"
        case .patched: return "patched"
        case .trailingRun: return "trailing run"
        case .entropy: return "entropy"
        }
    }
}
