// batch-figures: sizes and speeds of the log's record batches (VintageBatch) on NDJSON files.
//
//   swift run -c release --package-path Benchmarks batch-figures FILE.ndjson [MAX_EVENTS [MAX_FIGURES]]
//
// Parses the file into prepared events, cuts them into batches (at most MAX_EVENTS events,
// default 4096, and about MAX_FIGURES figures, default 65,536), and prints bytes per
// observation for codec 2 (columns) and codec 1 (canonical JSON + LZ4), encode speed, decode
// speed (RecordBatch(decoding:) + forEachEvent) and canonical-JSON speed (RecordBatch(decoding:) +
// forEachCanonicalEvent), best of 3 passes, one core, in CPU time of the thread
// (CLOCK_THREAD_CPUTIME_ID: on a machine shared with other builds wall time measures them). Every decoded batch is checked against
// the input (same canonical JSON) once before timing.
import Foundation
import VintageBatch
import VintageCore

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write("usage: batch-figures FILE.ndjson [MAX_EVENTS [MAX_FIGURES]]\n".data(using: .utf8)!)
    exit(2)
}
let maxEvents = arguments.count > 2 ? Int(arguments[2])! : 4096
let maxFigures = arguments.count > 3 ? Int(arguments[3])! : 65_536

func figures(_ event: Event) -> Int {
    switch event {
    case .observation: 1
    case .release(let r): r.entries.count
    case .announcement(let a): a.step == nil ? 0 : 1
    case .correction(let c): figures(c.replacement)
    case .series, .retraction: 0
    }
}

let data = try Data(contentsOf: URL(fileURLWithPath: arguments[1]))
let inputs: [InputEvent] = try data.withUnsafeBytes { raw in
    try NDJSONReader.events(in: raw.bindMemory(to: UInt8.self))
}
let prepared = inputs.map(PreparedEvent.init)
var batches: [ArraySlice<PreparedEvent>] = []
var start = 0, figuresInBatch = 0, observations = 0
for (i, e) in prepared.enumerated() {
    let n = figures(e.event)
    observations += n
    if i > start, i - start >= maxEvents || figuresInBatch + n > maxFigures {
        batches.append(prepared[start..<i])
        start = i
        figuresInBatch = 0
    }
    figuresInBatch += n
}
if start < prepared.count { batches.append(prepared[start...]) }
print("\(arguments[1]): \(prepared.count) events, \(observations) observations, \(batches.count) batches")

/// CPU time of this thread: on a shared, loaded machine wall time measures the neighbours.
func threadSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func best(_ passes: Int = 3, _ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<passes {
        let t0 = threadSeconds()
        try body()
        best = min(best, threadSeconds() - t0)
    }
    return best
}

var encoded: [[UInt8]] = []
let encodeSeconds = best {
    encoded = batches.map { RecordBatchEncoder.encode($0) }
}
let bytes = encoded.reduce(0) { $0 + $1.count }
let codec1 = batches.reduce(0) { $0 + RecordBatchEncoder.encodeCanonicalJSON($1).count }
let jsonBytes = prepared.reduce(0) { $0 + $1.body.count }

// Check once: every batch gives back its events' canonical JSON.
for (b, bytesOfBatch) in encoded.enumerated() {
    let batch = try bytesOfBatch.withUnsafeBytes { try RecordBatch(decoding: $0) }
    let events = batches[b]
    try batch.forEachCanonicalEvent { i, _, _, json in
        precondition(Array(json) == events[events.startIndex + i].body, "batch \(b) event \(i) differs")
    }
}

var sink = 0
let decodeSeconds = try best {
    for bytesOfBatch in encoded {
        let batch = try bytesOfBatch.withUnsafeBytes { try RecordBatch(decoding: $0) }
        try batch.forEachEvent { i, _, _ in sink &+= i }
    }
}
let jsonSeconds = try best {
    for bytesOfBatch in encoded {
        let batch = try bytesOfBatch.withUnsafeBytes { try RecordBatch(decoding: $0) }
        try batch.forEachCanonicalEvent { _, _, _, json in sink &+= json.count }
    }
}
let obs = Double(observations)
func rate(_ s: Double) -> String { String(format: "%.2f M obs/s (%.3f s)", obs / s / 1e6, s) }
print(
    String(
        format: "codec 2: %d bytes = %.3f bytes/observation (canonical JSON %d bytes = %.1f/observation; codec 1 %d bytes = %.2f/observation)",
        bytes, Double(bytes) / obs, jsonBytes, Double(jsonBytes) / obs, codec1, Double(codec1) / obs))
print("encode:         \(rate(encodeSeconds))")
print("decode events:  \(rate(decodeSeconds))")
print("canonical JSON: \(rate(jsonSeconds))")
if sink == 42 { print("") }
