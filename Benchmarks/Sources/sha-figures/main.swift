import VintageCore

// Measures VintageCore's SHA-256: MB/s over 1 MB buffers, and hashes per second of 143-byte
// inputs (an event body of `tools/datagen dense`) and 104-byte inputs (a chain link: previous
// link, seq, time, checksum and a 24-character id), through each entry point. Each figure is
// the best of RUNS runs (default 5) of about 0.2 s each.
//
// Run (in the Benchmarks package):
//      swift run -c release --package-path Benchmarks sha-figures [RUNS]
// Or, without resolving the Benchmarks package, against a release build of the main package
// (also against an older build whose VintageCore has no SHA256.digest(of:), with -D BASELINE):
//      tools/measure-sha.sh [BUILD_DIR] [RUNS]
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

let runs = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 5 : 5

/// Runs `body` (which does `count` hashes and returns a byte that depends on them) in batches
/// for about 0.2 s, RUNS times; returns the best rate in operations per second.
func best(_ count: Int, _ body: () -> UInt8) -> Double {
    var sink: UInt8 = 0
    var best = 0.0
    for _ in 0..<runs {
        var done = 0
        let start = now()
        var elapsed = 0.0
        repeat {
            sink &+= body()
            done += count
            elapsed = now() - start
        } while elapsed < 0.2
        best = max(best, Double(done) / elapsed)
    }
    if sink == 0x5A { print("", terminator: "") }
    return best
}

func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return UInt8(truncatingIfNeeded: state >> 33)
    }
}

func line(_ name: String, _ value: Double, _ unit: String) {
    let text = value >= 100 ? String(Int(value.rounded())) : String(Double(Int(value * 10)) / 10)
    print(name + String(repeating: " ", count: max(1, 52 - name.count)) + String(repeating: " ", count: max(0, 12 - text.count)) + text + " " + unit)
}

let megabyte = bytes(1 << 20, seed: 1)
let body = bytes(143, seed: 2)
let chainLink = bytes(104, seed: 3)

print("SHA-256, best of \(runs) runs")
line(
    "1 MB buffer, update + finalize",
    best(1) {
        var hasher = SHA256()
        megabyte.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hasher.finalize()[0]
    } * Double(megabyte.count) / 1e6, "MB/s")
for (name, input) in [("143-byte input", body), ("104-byte input", chainLink)] {
    line(
        "\(name), SHA256.hash (array out)",
        best(1000) {
            var x: UInt8 = 0
            for _ in 0..<1000 { x &+= SHA256.hash(input)[0] }
            return x
        }, "hashes/s")
    line(
        "\(name), contentHash(of:)",
        best(1000) {
            var x: UInt8 = 0
            for _ in 0..<1000 { x &+= contentHash(of: input)[0] }
            return x
        }, "hashes/s")
    line(
        "\(name), update + finalize",
        best(1000) {
            var x: UInt8 = 0
            input.withUnsafeBytes { raw in
                for _ in 0..<1000 {
                    var hasher = SHA256()
                    hasher.update(bufferPointer: raw)
                    x &+= hasher.finalize()[0]
                }
            }
            return x
        }, "hashes/s")
    #if !BASELINE
        line(
            "\(name), SHA256.digest(of:) (inline)",
            best(1000) {
                var x: UInt8 = 0
                input.withUnsafeBytes { raw in
                    for _ in 0..<1000 { x &+= SHA256.digest(of: raw).withUnsafeBytes { $0[0] } }
                }
                return x
            }, "hashes/s")
    #endif
}
