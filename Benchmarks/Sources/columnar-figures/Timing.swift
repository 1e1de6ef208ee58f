/// Times `body` `runs` times (each run repeating it `iterations` times) on the monotonic
/// clock and returns the best and the median seconds per iteration.
func measure(runs: Int = 9, iterations: Int, _ body: () -> Int) -> (best: Double, median: Double) {
    let clock = ContinuousClock()
    var sink = 0
    sink &+= body()  // warm up
    var seconds: [Double] = []
    for _ in 0..<runs {
        let elapsed = clock.measure {
            for _ in 0..<iterations { sink &+= body() }
        }
        let c = elapsed.components
        seconds.append((Double(c.seconds) + Double(c.attoseconds) * 1e-18) / Double(iterations))
    }
    blackHole(sink)
    seconds.sort()
    return (seconds[0], seconds[seconds.count / 2])
}

@inline(never)
func blackHole(_ x: Int) {
    if x == 0x5EED_F00D { print("") }
}

/// A right-aligned cell.
func cell(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
}

func fixed(_ x: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let r = (x * scale).rounded() / scale
    if digits == 0 { return "\(Int(r))" }
    var s = "\(r)"
    if let dot = s.firstIndex(of: ".") {
        let decimals = s.distance(from: dot, to: s.endIndex) - 1
        if decimals < digits { s += String(repeating: "0", count: digits - decimals) }
    } else if digits > 0 {
        s += "." + String(repeating: "0", count: digits)
    }
    return s
}
