import CFuzzer
@_spi(Testing) import VintageColumnar

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a seed corpus of valid inputs for every mode into `directory`.
func writeSeeds(to directory: String) {
    var seeds: [[UInt8]] = []
    let months: [Int64] = (0..<48).map { i in Int64((i * 30 + (i % 12 == 1 ? -2 : 0))) * 86_400_000_000 }
    let chunks: [[UInt8]] = [
        try! ChunkEncoder().encode(
            [.int64(months), .double(months.map { Double($0 % 977) / 100 }), .uint8(months.map { UInt8($0 & 1) })],
            validTimeColumn: 0, valueColumn: 1),
        try! ChunkEncoder().encode([.double((0..<40).map { Double($0 % 3) * 1.5e9 }), .int64(Array(repeating: 5, count: 40))]),
        try! ChunkEncoder().encode([.double((0..<40).map { Double(bitPattern: UInt64($0) &* 0x9E37_79B9_7F4A_7C15) })], valueColumn: 0),
        try! ChunkEncoder().encode([.int64((0..<64).map { Int64($0 % 5) }), .double((0..<64).map { $0 < 30 ? 15 : 25 })]),
        try! ChunkEncoder().encode([.double((0..<200).map { Double($0 % 7) + 0.25 })]),
        try! ChunkEncoder().encode([])
    ]
    for c in chunks {
        seeds.append([0] + c)
        seeds.append([1] + c)
    }
    let outliers: [Int64] = (0..<40).map { $0 % 9 == 4 ? 1_000_000 + Int64($0) : Int64($0 % 5) * 3 }
    for (encoding, values) in [
        (Encoding.frameOfReference, [Int64](0..<20)), (.delta, [5, 7, 9, 20]), (.deltaOfDelta, [1, 2, 4, 8, 16]), (.runLength, [1, 1, 1, 2]),
        (.patched, outliers), (.trailingRun, [3, 1, 4, 1, 5, 5, 5, 5, 5, 5])
    ] {
        var payload: [UInt8] = []
        try! values.withUnsafeBufferPointer { try Int64Codec.encode($0, as: encoding, into: &payload) }
        seeds.append([2, encoding.rawValue, UInt8(values.count), 0] + payload)
    }
    for encoding in [Encoding.decimal, .xor, .runLength] {
        let values: [Double] = [1.25, 1.25, 3.5, -0.0, 7.125, .nan]
        var payload: [UInt8] = []
        try! values.withUnsafeBufferPointer { try DoubleCodec.encode($0, as: encoding, into: &payload) }
        seeds.append([2, encoding.rawValue, UInt8(values.count), 0] + payload)
    }
    seeds.append([3] + (0..<64).map { UInt8($0 * 37 & 0xFF) })
    for (i, seed) in seeds.enumerated() {
        let path = "\(directory)/seed-\(i)"
        guard let file = fopen(path, "wb") else { fatalError("cannot write \(path)") }
        _ = seed.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
    }
    print("wrote \(seeds.count) seeds to \(directory)")
}

if CommandLine.arguments.count == 3 && CommandLine.arguments[1] == "--write-seeds" {
    writeSeeds(to: CommandLine.arguments[2])
    exit(0)
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
    let input = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    fuzzOne(input)
    return 0
}
exit(status)
