@_spi(Testing) import VintageColumnar

/// One fuzz input. The first byte picks what the rest is fed to:
/// 0 — the chunk reader, as is (both verification modes);
/// 1 — the chunk reader after every checksum is recomputed, so mutations reach the structure;
/// 2 — the per-encoding decoders directly (then a byte of encoding id and two of row count);
/// 3 — the encoder: the bytes become Int64, Double and UInt8 columns that must round-trip.
/// Whatever decodes is re-encoded and must decode to the same bits; a mismatch traps.
func fuzzOne(_ input: [UInt8]) {
    guard let mode = input.first else { return }
    let body = Array(input.dropFirst())
    switch mode % 4 {
    case 0:
        readChunk(body)
    case 1:
        readChunk(ChunkFormat.resealing(body))
    case 2:
        decodePayload(body)
    default:
        roundTripValues(body)
    }
}

func readChunk(_ bytes: [UInt8]) {
    for verification in [ChunkVerification.wholeChunk, .headerThenColumns] {
        guard let reader = try? ChunkReader(bytes, verification: verification) else { continue }
        _ = reader.zoneMap
        guard let columns = try? reader.allColumns() else { continue }
        check(columns.allSatisfy { $0.count == reader.rowCount }, "decoded column length differs from the row count")
        _ = try? reader.verifyContents()
        // What decoded must survive a round trip through the encoder.
        let again = try! ChunkEncoder().encode(columns)
        check(try! ChunkReader(again).allColumns() == columns, "re-encoded chunk differs")
    }
}

func decodePayload(_ bytes: [UInt8]) {
    guard bytes.count >= 3, let encoding = Encoding(rawValue: bytes[0] % 10) else { return }
    let count = Int(bytes[1]) | Int(bytes[2] & 0x0F) << 8
    let payload = Array(bytes.dropFirst(3))
    payload.withUnsafeBytes { raw in
        var ints = [Int64](repeating: 0, count: count)
        if (try? ints.withUnsafeMutableBufferPointer({ try Int64Codec.decode(raw, as: encoding, into: $0) })) != nil {
            roundTrip(.int64(ints))
        }
        var doubles = [Double](repeating: 0, count: count)
        if (try? doubles.withUnsafeMutableBufferPointer({ try DoubleCodec.decode(raw, as: encoding, into: $0) })) != nil {
            roundTrip(.double(doubles))
        }
        var flags = [UInt8](repeating: 0, count: count)
        if (try? flags.withUnsafeMutableBufferPointer({ try UInt8Codec.decode(raw, as: encoding, into: $0) })) != nil {
            roundTrip(.uint8(flags))
        }
    }
}

func roundTripValues(_ bytes: [UInt8]) {
    let n = bytes.count / 8
    var ints: [Int64] = []
    var doubles: [Double] = []
    for i in 0..<n {
        var word: UInt64 = 0
        for k in 0..<8 { word |= UInt64(bytes[i * 8 + k]) << UInt64(8 * k) }
        ints.append(Int64(bitPattern: word))
        // Mostly short decimals, with arbitrary bit patterns mixed in as exceptions.
        doubles.append(word & 3 == 0 ? Double(bitPattern: word) : Double(Int64(bitPattern: word) >> 40) / 1000)
    }
    let flags = Array(bytes.prefix(n))
    roundTrip(.int64(ints))
    roundTrip(.double(doubles))
    let columns: [Column] = [.int64(ints), .double(doubles), .uint8(flags)]
    let chunk = try! ChunkEncoder().encode(columns, validTimeColumn: 0, valueColumn: 1)
    let reader = try! ChunkReader(chunk)
    check(try! reader.allColumns() == columns, "chunk round trip differs")
    check((try? reader.verifyContents()) != nil, "zone map of a fresh chunk does not verify")
}

/// Encodes one column alone and checks it decodes to the same bits.
func roundTrip(_ column: Column) {
    let chunk = try! ChunkEncoder().encode([column])
    check(try! ChunkReader(chunk).column(0) == column, "column round trip differs")
}

func check(_ condition: Bool, _ message: String) {
    if !condition { fatalError(message) }
}

/// libFuzzer's per-input entry point, for when libFuzzer's own `main` is the one linked.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzOne(size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
