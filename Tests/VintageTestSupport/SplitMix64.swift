/// A small deterministic random number generator (SplitMix64), so that one seed describes a
/// whole scenario: test data, a spelling, a benchmark's dataset.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Shuffles `array` in place (Fisher–Yates, one draw per position).
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) { array.swapAt(i, Int(next() % UInt64(i + 1))) }
    }
}

extension SplitMix64 {
    /// A number in `0..<n`.
    public mutating func pick(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// A coin toss.
    public mutating func flip() -> Bool { pick(2) == 0 }

    /// One of `options` (not empty).
    public mutating func element<T>(_ options: [T]) -> T { options[pick(options.count)] }
}
