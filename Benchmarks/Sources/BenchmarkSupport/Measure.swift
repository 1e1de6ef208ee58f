/// Times `body` `runs` times (each run repeating it `iterations` times) on the monotonic
/// clock, after one warm-up call, and returns the best and the median seconds per iteration.
public func measure(runs: Int = 9, iterations: Int, _ body: () -> Int) -> (best: Double, median: Double) {
    let clock = ContinuousClock()
    var sink = body()  // warm up
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

/// Keeps a result alive so the optimiser cannot drop the work that made it.
@inline(never)
public func blackHole(_ x: Int) {
    if x == 0x5EED_F00D { print("") }
}
