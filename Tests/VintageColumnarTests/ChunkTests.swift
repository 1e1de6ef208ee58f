import PropertyBased
import Testing
import VintageTestSupport

@testable import VintageColumnar

/// A projection-shaped chunk: valid time, release time, seq, value, flags.
struct ProjectionRows {
    var validTime: [Int64]
    var releaseTime: [Int64]
    var seq: [Int64]
    var value: [Double]
    var flags: [UInt8]

    var columns: [Column] { [.int64(validTime), .int64(releaseTime), .int64(seq), .double(value), .uint8(flags)] }

    static func generator(maxCount: Int = 400) -> Generator<ProjectionRows, Shrink.None<ProjectionRows>> {
        Generator { rng in
            let n = Int.random(in: 0...maxCount, using: &rng)
            func fit<T>(_ a: [T], _ pad: T) -> [T] { a.count >= n ? Array(a.prefix(n)) : a + Array(repeating: pad, count: n - a.count) }
            let ints = Columns.int64s(maxCount: maxCount)
            let doubles = Columns.doubles(maxCount: maxCount)
            let bytes = Columns.uint8s(maxCount: maxCount)
            return ProjectionRows(
                validTime: fit(ints.run(using: &rng), 7),
                releaseTime: fit(ints.run(using: &rng), -3),
                seq: fit(ints.run(using: &rng), 1),
                value: fit(doubles.run(using: &rng), -0.0),
                flags: fit(bytes.run(using: &rng), 2))
        }
    }
}

@Suite("Chunks")
struct ChunkTests {
    @Test("a chunk gives back every column bit for bit, in both verification modes")
    func roundTrip() async throws {
        await propertyCheck(count: 150, input: ProjectionRows.generator(), Gen.bool) { (rows, compress) in
            recordingErrors { () throws in
                let encoder = ChunkEncoder(compression: compress ? .whenSmaller : .never)
                let bytes = try encoder.encode(rows.columns, validTimeColumn: 0, valueColumn: 3)
                for mode in [ChunkVerification.wholeChunk, .headerThenColumns] {
                    let reader = try ChunkReader(bytes, verification: mode)
                    #expect(reader.rowCount == rows.validTime.count)
                    #expect(try reader.allColumns() == rows.columns)
                    try reader.verifyContents()
                }
            }
        }
    }

    @Test("the zone map is min/max valid time, min, max, sum, first and last by valid time")
    func zoneMapMatchesReference() async throws {
        await propertyCheck(count: 150, input: ProjectionRows.generator()) { (rows) in
            recordingErrors { () throws in
                let bytes = try ChunkEncoder().encode(rows.columns, validTimeColumn: 0, valueColumn: 3)
                let zone = try ChunkReader(bytes).zoneMap
                #expect(zone.rowCount == rows.value.count)
                guard !rows.value.isEmpty else {
                    #expect(zone.validTime == nil && zone.values == nil)
                    return
                }
                let t = rows.validTime
                #expect(zone.validTime == t.min()!...t.max()!)
                let firstRow = t.firstIndex(of: t.min()!)!
                let lastRow = t.lastIndex(of: t.max()!)!
                let finite = rows.value.filter { !$0.isNaN }
                let summary = try #require(zone.values)
                #expect(summary.first.bitPattern == rows.value[firstRow].bitPattern)
                #expect(summary.last.bitPattern == rows.value[lastRow].bitPattern)
                #expect(summary.sum.bitPattern == rows.value.reduce(0, +).bitPattern || (summary.sum.isNaN && rows.value.reduce(0, +).isNaN))
                if finite.isEmpty {
                    #expect(summary.min.isNaN && summary.max.isNaN)
                } else {
                    #expect(summary.min == finite.min()! && summary.max == finite.max()!)
                }
            }
        }
    }

    @Test("a chunk without zone-map columns has a zone map of its row count only")
    func noZoneMapColumns() throws {
        let bytes = try ChunkEncoder().encode([.int64([3, 1, 2]), .double([1.5, 2.5, 3.5])])
        let reader = try ChunkReader(bytes)
        #expect(reader.zoneMap == ZoneMap(rowCount: 3, validTime: nil, values: nil))
        #expect(try reader.doubles(column: 1) == [1.5, 2.5, 3.5])
    }

    @Test("value summary ignores NaN and orders -0.0 below 0.0")
    func summaryEdgeCases() throws {
        let bytes = try ChunkEncoder().encode(
            [.int64([5, 1, 9, 1, 9]), .double([0.0, -0.0, .nan, 7, -2])],
            validTimeColumn: 0, valueColumn: 1)
        let s = try #require(try ChunkReader(bytes).zoneMap.values)
        #expect(s.min == -2 && s.max == 7 && s.sum.isNaN)
        #expect(s.first.bitPattern == (-0.0).bitPattern)  // first row with the minimum time 1
        #expect(s.last == -2)  // last row with the maximum time 9
        let zeros = try ChunkEncoder().encode([.double([0.0, -0.0])], valueColumn: 0)
        let z = try #require(try ChunkReader(zeros).zoneMap.values)
        #expect(z.min.bitPattern == (-0.0).bitPattern && z.max.bitPattern == (0.0).bitPattern)
    }

    @Test("one column decodes into a caller's buffer without touching the others")
    func decodeIntoBuffer() throws {
        let n = 1000
        let rows = ProjectionRows(
            validTime: Columns.calendarMonths(count: n, startYear: 1950),
            releaseTime: (0..<n).map { Int64($0) * 86_400_000_000 + 1_700_000_000_000_000 },
            seq: (0..<n).map { Int64($0) + 1 }, value: (0..<n).map { Double($0 % 97) * 0.5 },
            flags: Array(repeating: 0, count: n))
        var bytes = try ChunkEncoder().encode(rows.columns, validTimeColumn: 0, valueColumn: 3)
        // Damage column 2 (seq): column 3 must still decode when columns are verified one by one.
        let header = try bytes.withUnsafeBytes { try ChunkHeader(parsing: $0) }
        bytes[header.columns[2].offset] ^= 0xFF
        let lazily = try ChunkReader(bytes, verification: .headerThenColumns)
        var out = [Double](repeating: .nan, count: n + 5)
        try out.withUnsafeMutableBufferPointer { try lazily.decode(column: 3, into: $0) }
        #expect(Array(out.prefix(n)) == rows.value)
        #expect(out[n].isNaN)  // untouched beyond the row count
        #expect(throws: ChunkError.checksumMismatch(.column(2))) { try lazily.int64s(column: 2) }
        #expect(throws: ChunkError.checksumMismatch(.chunk)) { try ChunkReader(bytes) }
    }

    @Test("asking for a missing column, the wrong type or too small a buffer throws")
    func misuseThrows() throws {
        let reader = try ChunkReader(try ChunkEncoder().encode([.int64([1, 2, 3]), .uint8([1, 1, 1])]))
        #expect(throws: ChunkError.columnOutOfRange(index: 2, columnCount: 2)) { try reader.int64s(column: 2) }
        #expect(throws: ChunkError.typeMismatch(column: 1, expected: .double, actual: .uint8)) { try reader.doubles(column: 1) }
        var small = [Int64](repeating: 0, count: 2)
        #expect(throws: ChunkError.bufferTooSmall(needed: 3, available: 2)) {
            try small.withUnsafeMutableBufferPointer { try reader.decode(column: 0, into: $0) }
        }
    }

    @Test("the encoder refuses unequal lengths, bad zone-map columns and too many rows")
    func encoderValidatesInput() {
        let encoder = ChunkEncoder()
        #expect(throws: ChunkError.self) { try encoder.encode([.int64([1]), .double([])]) }
        #expect(throws: ChunkError.self) { try encoder.encode([.double([1])], validTimeColumn: 0) }
        #expect(throws: ChunkError.self) { try encoder.encode([.int64([1])], valueColumn: 0) }
        #expect(throws: ChunkError.self) { try encoder.encode([.int64([1])], validTimeColumn: 1) }
        #expect(throws: ChunkError.self) {
            try encoder.encode([.uint8(Array(repeating: 0, count: ChunkFormat.maximumRowCount + 1))])
        }
        #expect(throws: ChunkError.self) { try encoder.encode(Array(repeating: .uint8([]), count: 65)) }
    }

    @Test("an empty chunk, with and without columns, round-trips")
    func emptyChunks() throws {
        for columns: [Column] in [[], [.int64([]), .double([]), .uint8([])]] {
            let reader = try ChunkReader(
                try ChunkEncoder().encode(columns, validTimeColumn: columns.isEmpty ? nil : 0, valueColumn: columns.isEmpty ? nil : 1))
            #expect(reader.rowCount == 0)
            #expect(try reader.allColumns() == columns)
        }
    }

    @Test("regular and calendar-monthly timestamps cost well under a byte")
    func timestampCompression() throws {
        let n = 1000
        let tenSeconds = (0..<n).map { 1_767_225_600_000_000 + Int64($0) * 10_000_000 }
        let daily = (0..<n).map { 1_767_225_600_000_000 + Int64($0) * 86_400_000_000 }
        let monthly = Columns.calendarMonths(count: n, startYear: 1943)
        for (name, values, maxBits) in [("10-second", tenSeconds, 0.2), ("daily", daily, 0.2), ("monthly", monthly, 4.0)] {
            let encoded = EncodedColumn(encoding: .int64(values), compression: .never)
            let bitsPerValue = Double(encoded.bytes.count * 8) / Double(n)
            #expect(bitsPerValue < maxBits, "\(name): \(bitsPerValue) bits per timestamp with \(encoded.encoding)")
            #expect(encoded.encoding == .delta || encoded.encoding == .deltaOfDelta, "\(name)")
        }
    }

    @Test("decimal data is stored as decimal and irregular doubles as XOR or plain")
    func doubleEncodingChoice() throws {
        let prices = (0..<1000).map { Columns.decimal(10_000_000 + Int64($0 % 37) * 13, digits: 5) }
        #expect(EncodedColumn(encoding: .double(prices), compression: .never).encoding == .decimal)
        let trade = (0..<1000).map { Double(400 + $0 % 300) * 1e8 }
        let t = EncodedColumn(encoding: .double(trade), compression: .never)
        #expect(t.encoding == .decimal && t.bytes.count < 1000 * 2)
        let steps = (0..<1000).map { $0 < 600 ? 15.0 : 25.0 }
        let s = EncodedColumn(encoding: .double(steps), compression: .never)
        #expect(s.bytes.count < 40, "a step function costs a few bytes, got \(s.bytes.count) in \(s.encoding)")
        let noise = (0..<1000).map { Double(bitPattern: 0x3FF0_0000_0000_0000 | UInt64($0 &* 2_654_435_761) & 0xF_FFFF_FFFF_FFFF) }
        let x = EncodedColumn(encoding: .double(noise), compression: .never)
        #expect(x.encoding == .xor || x.encoding == .plain)
    }

    @Test("CRC-32C matches the standard check value and continues across pieces")
    func crcCheckValue() {
        let text = Array("123456789".utf8)
        #expect(CRC32C.checksum(text) == 0xE306_9283)
        let long = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let whole = CRC32C.checksum(long)
        let split = long.withUnsafeBytes { raw in
            CRC32C.checksum(
                UnsafeRawBufferPointer(rebasing: raw[333...]),
                seed: CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[..<333])))
        }
        #expect(whole == split)
    }

    @Test("CRC-32C on the CPU's instruction equals the tables, at every length, alignment and seed")
    func crcHardwareMatchesTables() {
        let bytes = (0..<600).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 7) }
        bytes.withUnsafeBytes { raw in
            for start in 0..<9 {
                for end in stride(from: start, through: raw.count, by: 7) {
                    let piece = UnsafeRawBufferPointer(rebasing: raw[start..<end])
                    let seed = UInt32(truncatingIfNeeded: start &* 0x9E37_79B9 &+ end)
                    #expect(
                        CRC32C.checksum(piece, seed: seed) == CRC32C.softwareChecksum(piece, seed: seed),
                        "bytes \(start)..<\(end)")
                }
            }
        }
        #if arch(x86_64)
            #expect(CRC32C.hasHardware, "every x86-64 CPU this runs on has SSE4.2")
        #endif
    }
}

@Suite("Chunk splitting")
struct ChunkSplittingTests {
    @Test("columns split into chunks of at most the configured rows, which concatenate back")
    func splitAndConcatenate() async throws {
        await propertyCheck(count: 40, input: ProjectionRows.generator(maxCount: 300), Gen.int(in: 1...120)) { (rows, perChunk) in
            recordingErrors { () throws in
                let chunks = try ChunkEncoder().encodeChunks(rows.columns, rowsPerChunk: perChunk, validTimeColumn: 0, valueColumn: 3)
                #expect(chunks.count == max(1, (rows.value.count + perChunk - 1) / perChunk))
                var times: [Int64] = [], values: [Double] = []
                for chunk in chunks {
                    let reader = try ChunkReader(chunk)
                    #expect(reader.rowCount <= perChunk)
                    times += try reader.int64s(column: 0)
                    values += try reader.doubles(column: 3)
                }
                #expect(times == rows.validTime && bits(values) == bits(rows.value))
            }
        }
        #expect(throws: ChunkError.self) { try ChunkEncoder().encodeChunks([.int64([1])], rowsPerChunk: 0) }
    }
}
