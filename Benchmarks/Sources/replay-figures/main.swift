// Measures a replay (issue 4 asks for >= 1M observations/s from the log into the projection)
// in its parts and end to end, on one store's log:
//   - reading the log alone, and reading + decoding every event (Event(canonicalJSON:));
//   - folding the decoded events (held in memory) into VintageFold, and into ReplayFold
//     (apply, then finish: every series' rows sorted by key), with a check that ReplayFold's
//     rows equal VintageFold's for every series; and ReplayFold fed the stored bodies
//     (apply(canonicalJSON:), which reads observations and releases without Event);
//   - read + decode + ReplayFold end to end on one thread, and read + apply(canonicalJSON:);
//   - on two threads: the log read on a second thread handing batches of undecoded events to
//     the thread that decodes and folds; the read + decode on a second thread handing decoded
//     events to the fold; and the log split in two seq ranges, each read and folded on its
//     own thread with its own connection, the two folds appended (ReplayFold.append) and
//     finished (with decoded events, and with bodies).
// Writing chunks is not measured. Each timing is the best of RUNS runs (default 3), with the
// CPU time (all threads) of the process during that run: on a shared machine the CPU time of
// a one-thread run is the steadier figure.
//
// Run: tools/gen-observations.py 1000000 > /tmp/obs.ndjson   (or: tools/datagen trade > /tmp/trade.ndjson)
//      swift build -c release --product vintage
//      .build/release/vintage --store /tmp/replay-store append /tmp/obs.ndjson
//      swift run -c release --package-path Benchmarks replay-figures /tmp/replay-store [RUNS]
import Dispatch
import Vintage
import VintageFolds
import VintageProjection

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }

/// `s` with three decimals (no Foundation).
func format(_ s: Double) -> String {
    let millis = Int((s * 1000).rounded())
    let fraction = String(millis % 1000)
    return "\(millis / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
}

func rate(_ n: Int, _ s: Double) -> String {
    let perSecond = Int((Double(n) / s).rounded())
    var text = String(perSecond)
    var i = text.count - 3
    while i > 0 {
        text.insert(",", at: text.index(text.startIndex, offsetBy: i))
        i -= 3
    }
    return text
}

/// CPU seconds used by this process so far (all threads, user + system).
func cpuSeconds() -> Double {
    var usage = rusage()
    #if canImport(Glibc)
        getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
        getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
}

/// The best wall time of `runs` runs of `body`, and the CPU time of that run (all threads):
/// on a machine shared with other work the CPU time is the steadier figure for one thread.
func best<T>(_ runs: Int, _ body: () throws -> T) rethrows -> (seconds: Double, cpu: Double, result: T) {
    let clock = ContinuousClock()
    var bestTime = Double.infinity, bestCPU = Double.infinity
    var result: T?
    for _ in 0..<runs {
        var value: T?
        let cpu = cpuSeconds()
        let elapsed = try seconds(clock.measure { value = try body() })
        let used = cpuSeconds() - cpu
        if elapsed < bestTime { bestTime = elapsed }
        bestCPU = min(bestCPU, used)
        result = value
    }
    return (bestTime, bestCPU, result!)
}

/// "wall s, N/s (cpu s, N per cpu-second)".
func timing(_ n: Int, _ what: String, _ t: (seconds: Double, cpu: Double)) -> String {
    "\(format(t.seconds)) s, \(rate(n, t.seconds)) \(what)/s (cpu \(format(t.cpu)) s, \(rate(n, t.cpu)) \(what) per cpu-s)"
}

/// Counts the figures events state (statements of original events; a correction's
/// replacement is not counted, as in the fold).
func figureCount(_ event: Event) -> Int {
    switch event {
    case .observation: 1
    case .release(let r): r.entries.count
    case .announcement(let a): a.step == nil ? 0 : 1
    default: 0
    }
}

func run(store path: String, runs: Int) throws {
    let store = try Store(directory: path)
    let clock = ContinuousClock()

    // The log read alone: every row stepped and copied into a LoggedEvent, nothing decoded.
    let readOnly = try best(runs) { () throws -> Int in
        var bytes = 0
        try store.forEachEvent { logged in
            bytes &+= logged.body.count
            return true
        }
        return bytes
    }

    // Read + decode into memory.
    let readDecode = try best(runs) { () throws -> [(Event, EventID, Int64)] in
        var events: [(Event, EventID, Int64)] = []
        try store.forEachEvent { logged in
            events.append((try logged.event(), logged.id, logged.seq))
            return true
        }
        return events
    }
    let events = readDecode.result
    let figures = events.reduce(0) { $0 + figureCount($1.0) }
    print("store \(path): \(events.count) events, \(figures) figures, \(readOnly.result) bytes of event bodies")
    print("read the log (no decode):            \(timing(events.count, "events", (readOnly.seconds, readOnly.cpu)))")
    print(
        "read + decode the log:               \(timing(figures, "figures", (readDecode.seconds, readDecode.cpu))), \(rate(events.count, readDecode.seconds)) events/s"
    )

    // VintageFold, from memory.
    let vintage = best(runs) { () -> VintageFold in
        var fold = VintageFold()
        for (event, id, seq) in events { fold.apply(event, id: id, seq: seq) }
        return fold
    }
    print("fold into VintageFold:               \(timing(figures, "figures", (vintage.seconds, vintage.cpu)))")

    // ReplayFold, from memory: apply, then finish.
    var applyTime = Double.infinity, finishTime = Double.infinity, totalTime = Double.infinity, totalCPU = Double.infinity
    var replayed: [SeriesID: [VintageRow]] = [:]
    for _ in 0..<runs {
        let cpu = cpuSeconds()
        let start = clock.now
        var fold = ReplayFold()
        for (event, id, seq) in events { fold.apply(event, id: id, seq: seq) }
        let applied = clock.now
        replayed = fold.finish()
        let finished = clock.now
        applyTime = min(applyTime, seconds(applied - start))
        finishTime = min(finishTime, seconds(finished - applied))
        totalTime = min(totalTime, seconds(finished - start))
        totalCPU = min(totalCPU, cpuSeconds() - cpu)
    }
    print(
        "fold into ReplayFold (apply+finish): \(timing(figures, "figures", (totalTime, totalCPU))); "
            + "apply \(format(applyTime)) s, finish \(format(finishTime)) s")

    // The check: the same rows per series.
    let fold = vintage.result
    var rows = 0, mismatched: [SeriesID] = []
    for series in Set(fold.seriesIDs).union(replayed.keys) {
        let expected = fold.rows(of: series).sorted { $0.key < $1.key }
        rows += expected.count
        if (replayed[series] ?? []) != expected { mismatched.append(series) }
    }
    let noted = replayed.values.reduce(0) { $0 + $1.count { $0.correction != nil } }
    let ended = replayed.values.reduce(0) { $0 + $1.count { !$0.isCurrent } }
    print(
        "check: \(rows) rows (\(noted) from corrections, \(ended) ended) in \(replayed.count) series; "
            + (mismatched.isEmpty
                ? "ReplayFold's rows equal VintageFold's in every series"
                : "MISMATCH in \(mismatched.count) series, e.g. \(mismatched.sorted().prefix(3))"))

    // ReplayFold from the bodies as the log stores them (canonical JSON), in memory.
    let bodies = try store.events()
    let fromBodies = try best(runs) { () throws -> Int in
        var fold = ReplayFold()
        for logged in bodies { try fold.apply(canonicalJSON: logged.body, id: logged.id, seq: logged.seq) }
        return fold.finish().count
    }
    print("ReplayFold from canonical bodies:     \(timing(figures, "figures", (fromBodies.seconds, fromBodies.cpu))) (decode included)")

    // End to end on one thread: read, decode and fold each event in turn.
    let oneThread = try best(runs) { () throws -> Int in
        var fold = ReplayFold()
        try store.forEachEvent { logged in
            fold.apply(try logged.event(), id: logged.id, seq: logged.seq)
            return true
        }
        return fold.finish().count
    }
    print("read + decode + ReplayFold, 1 thread: \(timing(figures, "figures", (oneThread.seconds, oneThread.cpu)))")

    // End to end on one thread, the bodies read straight into ReplayFold.
    let oneThreadBodies = try best(runs) { () throws -> Int in
        var fold = ReplayFold()
        try store.forEachEvent { logged in
            try fold.apply(canonicalJSON: logged.body, id: logged.id, seq: logged.seq)
            return true
        }
        return fold.finish().count
    }
    print("read + ReplayFold(canonicalJSON:), 1 thread: \(timing(figures, "figures", (oneThreadBodies.seconds, oneThreadBodies.cpu)))")

    // Two threads: the log read on a second thread, batches of undecoded events to this one,
    // which decodes and folds.
    let readAhead = try best(runs) { () throws -> Int in
        let channel = Channel<[LoggedEvent]>(capacity: 8)
        let reader = Reader { () throws in
            var batch: [LoggedEvent] = []
            batch.reserveCapacity(1024)
            try store.forEachEvent { logged in
                batch.append(logged)
                if batch.count == 1024 {
                    channel.send(batch)
                    batch.removeAll(keepingCapacity: true)
                }
                return true
            }
            if !batch.isEmpty { channel.send(batch) }
        } done: {
            channel.close()
        }
        var fold = ReplayFold()
        while let batch = channel.receive() {
            for logged in batch { fold.apply(try logged.event(), id: logged.id, seq: logged.seq) }
        }
        try reader.wait()
        return fold.finish().count
    }
    print("read ‖ decode + ReplayFold, 2 threads: \(timing(figures, "figures", (readAhead.seconds, readAhead.cpu)))")

    // Two threads: read + decode on a second thread, decoded batches to this one, which folds.
    let decodeAhead = try best(runs) { () throws -> Int in
        let channel = Channel<[(Event, EventID, Int64)]>(capacity: 8)
        let reader = Reader { () throws in
            var batch: [(Event, EventID, Int64)] = []
            batch.reserveCapacity(1024)
            try store.forEachEvent { logged in
                batch.append((try logged.event(), logged.id, logged.seq))
                if batch.count == 1024 {
                    channel.send(batch)
                    batch.removeAll(keepingCapacity: true)
                }
                return true
            }
            if !batch.isEmpty { channel.send(batch) }
        } done: {
            channel.close()
        }
        var fold = ReplayFold()
        while let batch = channel.receive() {
            for (event, id, seq) in batch { fold.apply(event, id: id, seq: seq) }
        }
        try reader.wait()
        return fold.finish().count
    }
    print("read + decode ‖ ReplayFold, 2 threads: \(timing(figures, "figures", (decodeAhead.seconds, decodeAhead.cpu)))")

    // Two threads over two halves of the log, each with its own connection: read + decode +
    // apply its seq range into its own ReplayFold; then the second fold appended to the first,
    // and finish.
    let last = try store.lastSeq()
    let middle = last / 2
    let halves = try best(runs) { () throws -> Int in
        let second = Worker { () throws -> ReplayFold in
            let store = try Store(directory: path)
            var fold = ReplayFold()
            try store.forEachEvent(fromSeq: middle + 1) { logged in
                fold.apply(try logged.event(), id: logged.id, seq: logged.seq)
                return true
            }
            return fold
        }
        var fold = ReplayFold()
        try store.forEachEvent { logged in
            guard logged.seq <= middle else { return false }
            fold.apply(try logged.event(), id: logged.id, seq: logged.seq)
            return true
        }
        fold.append(try second.value())
        return fold.finish().count
    }
    print("2 seq ranges ‖ (read + decode + apply), append, finish: \(timing(figures, "figures", (halves.seconds, halves.cpu)))")
    let halvesBodies = try best(runs) { () throws -> Int in
        let second = Worker { () throws -> ReplayFold in
            let store = try Store(directory: path)
            var fold = ReplayFold()
            try store.forEachEvent(fromSeq: middle + 1) { logged in
                try fold.apply(canonicalJSON: logged.body, id: logged.id, seq: logged.seq)
                return true
            }
            return fold
        }
        var fold = ReplayFold()
        try store.forEachEvent { logged in
            guard logged.seq <= middle else { return false }
            try fold.apply(canonicalJSON: logged.body, id: logged.id, seq: logged.seq)
            return true
        }
        fold.append(try second.value())
        return fold.finish().count
    }
    print("2 seq ranges ‖ (read + apply(canonicalJSON:)), append, finish: \(timing(figures, "figures", (halvesBodies.seconds, halvesBodies.cpu)))")
}

let arguments = CommandLine.arguments
let path = arguments.count > 1 ? arguments[1] : "vintage-store"
let runs = arguments.count > 2 ? max(1, Int(arguments[2]) ?? 3) : 3
do { try run(store: path, runs: runs) } catch { print("replay-figures: \(error)") }
