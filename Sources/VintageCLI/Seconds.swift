/// Durations as people read them in timings.
enum Seconds {
    /// A duration in seconds as a `Double`.
    static func of(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// `0.000123 s`, `1.234 s`: enough digits for a microsecond.
    static func text(_ d: Duration) -> String {
        let s = of(d)
        if s < 0.001 { return "\(Int((s * 1e6).rounded())) µs" }
        if s < 1 { return "\((s * 1e5).rounded() / 100) ms" }
        return "\((s * 1000).rounded() / 1000) s"
    }
}
