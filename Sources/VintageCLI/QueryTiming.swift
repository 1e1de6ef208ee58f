/// The `--timing` line of the query commands: the in-process time of the query itself on
/// stderr, in the shape of `.timer on` in the sqlite3 and DuckDB shells.
enum QueryTiming {
    /// Prints the time of one run, or of several (`--repeat`): first, median and fastest.
    static func report(_ times: [Duration]) {
        guard let first = times.first else { return }
        if times.count == 1 {
            Terminal.writeError("Run Time: \(Seconds.text(first)) (query, in process)")
        } else {
            let sorted = times.sorted()
            Terminal.writeError(
                "Run Time: first \(Seconds.text(first)), median \(Seconds.text(sorted[sorted.count / 2])), fastest \(Seconds.text(sorted[0])) of \(times.count) (query, in process)"
            )
        }
    }

    /// Runs `body` `repetitions` times, returning the last result and every run's time.
    static func measure<T>(repetitions: Int = 1, _ body: () throws -> T) rethrows -> (result: T, times: [Duration]) {
        let clock = ContinuousClock()
        var times: [Duration] = []
        var result: T?
        for _ in 0..<max(1, repetitions) {
            let start = clock.now
            result = try body()
            times.append(clock.now - start)
        }
        return (result!, times)
    }
}
