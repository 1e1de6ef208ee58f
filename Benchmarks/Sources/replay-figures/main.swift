// Measures the two halves of a replay (issue 4 asks for >= 1M observations/s from the log
// into the projection): reading and decoding every event of a store's log, and folding the
// events into VintageFold in memory. Writing chunks is not measured yet.
//
// Run: tools/gen-observations.py 1000000 > /tmp/obs.ndjson
//      .build/release/vintage --store /tmp/replay-store append /tmp/obs.ndjson
//      swift run -c release --package-path Benchmarks replay-figures /tmp/replay-store
import Vintage
import VintageProjection

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }

func run(store path: String) throws {
    let store = try Store(directory: path)
    let clock = ContinuousClock()

    var events: [(Event, EventID, Int64)] = []
    let read = try clock.measure {
        try store.forEachEvent { logged in
            events.append((try logged.event(), logged.id, logged.seq))
            return true
        }
    }
    let figures = events.reduce(0) { $0 + $1.0.statedFigures.count }

    var fold = VintageFold()
    let folded = clock.measure {
        for (event, id, seq) in events { fold.apply(event, id: id, seq: seq) }
    }
    let rows = fold.seriesIDs.reduce(0) { $0 + fold.rows(of: $1).count }

    print("log: \(events.count) events, \(figures) figures; fold: \(rows) rows in \(fold.seriesIDs.count) series")
    print("read + decode from the log: \(String(format: "%.2f", seconds(read))) s, \(Int(Double(events.count) / seconds(read))) events/s")
    print("fold into VintageFold:      \(String(format: "%.2f", seconds(folded))) s, \(Int(Double(figures) / seconds(folded))) figures/s")
}

let path = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "vintage-store"
do { try run(store: path) } catch { print("replay-figures: \(error)") }
