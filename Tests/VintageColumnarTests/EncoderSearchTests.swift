import PropertyBased
import Testing
import VintageTestSupport

@testable import VintageColumnar

/// The integer encoder's search for the smallest encoding, made cheaper without changing what
/// it chooses: budgets handed to nested blocks, sizes counted instead of written, statistics
/// known without a pass.
@Suite("Integer encoder search")
struct EncoderSearchTests {
    /// The candidate sets the encoder searches without the entropy encoding (where budgets apply).
    static let candidateSets: [EncodingSet] = [
        Int64Codec.columnCandidates.removing(.entropy),
        Int64Codec.differenceCandidates.removing(.entropy),
        Int64Codec.trailingRunPrefixCandidates.removing(.entropy),
        Int64Codec.runCandidates,
        Int64Codec.patchPositionCandidates,
        DoubleCodec.decimalIntegerCandidates.removing(.entropy)
    ]

    /// The columns of `Columns.int64s`, and the same padded with their last value (as the
    /// projection pads its per-point and per-event columns) and with a few outliers.
    static func shapes(_ values: [Int64]) -> [[Int64]] {
        var padded = values
        if let last = values.last { padded += Array(repeating: last, count: values.count / 2 + 1) }
        var outliers = values
        for i in stride(from: 3, to: outliers.count, by: 17) { outliers[i] = outliers[i] &+ 1 << 40 }
        return [values, padded, outliers]
    }

    static func bytes(_ values: UnsafeBufferPointer<Int64>, _ choice: Int64Codec.Choice) -> [UInt8] {
        var out: [UInt8] = []
        Int64Codec.appendChosen(values, choice, to: &out)
        return out
    }

    @Test("under a budget the choice is the one made without, whenever it is smaller; else it is no smaller than the budget")
    func budgets() async throws {
        await propertyCheck(count: 200, input: Columns.int64s(maxCount: 400)) { (values) in
            for column in Self.shapes(values) where !column.isEmpty {
                column.withUnsafeBufferPointer { p in
                    for candidates in Self.candidateSets {
                        let free = Int64Codec.choose(p, among: candidates)
                        for budget in [0, 1, free.size / 2, free.size - 1, free.size, free.size + 1, 8 * column.count + 20] {
                            let bounded = Int64Codec.choose(p, among: candidates, budget: budget)
                            if free.size < budget {
                                #expect(bounded.encoding == free.encoding && bounded.size == free.size)
                                #expect(Self.bytes(p, bounded) == Self.bytes(p, free))
                            } else {
                                #expect(bounded.size >= budget)
                            }
                        }
                    }
                }
            }
        }
    }

    @Test("a run-length block's counted size is the size written, and decodes")
    func runLengthSizes() async throws {
        await propertyCheck(count: 300, input: Columns.int64s(maxCount: 400)) { (values) in
            recordingErrors { () throws in try Self.checkRunLengthSizes(values) }
        }
    }

    static func checkRunLengthSizes(_ values: [Int64]) throws {
        // Runs of the values, each repeated a few times (lengths all equal, or with a divisor).
        for repeats in [1, 2, 3, 6] {
            var column: [Int64] = []
            for (i, v) in values.enumerated() { column += Array(repeating: v, count: repeats * (1 + (i % 3 == 0 && repeats > 2 ? 1 : 0))) }
            guard !column.isEmpty else { continue }
            var written: [UInt8] = []
            column.withUnsafeBufferPointer { p in
                let stats = Int64Codec.ValueStatistics(p)
                #expect(Int64Codec.append(p, as: .runLength, to: &written))
                guard stats.runs * 2 <= p.count else { return }
                let frame = FrameOfReference(fitting: p)
                let valuesBlock = 1 + (stats.runs == 1 ? varUIntSize(zigzagEncode(p[0])) : frame.blockSize(count: stats.runs))
                let counted = varUIntSize(UInt64(stats.runs)) + valuesBlock + 1 + Int64Codec.runLengthsBlockSize(p, runs: stats.runs)
                #expect(counted == written.count)
                // The encoder's own choice among run-length and a constant predicts its size too.
                let choice = Int64Codec.choose(p, among: EncodingSet(.constant, .runLength))
                #expect(Self.bytes(p, choice).count == choice.size)
            }
            #expect(try CodecRoundTripTests.decodeInt64(written, .runLength, count: column.count) == column)
        }
    }

    @Test("the sample's median is the middle of the sorted sample")
    func sampleMedian() async throws {
        await propertyCheck(count: 300, input: Columns.int64s(maxCount: 300)) { (values) in
            for column in [values, values.map { $0 % 7 }] where !column.isEmpty {
                let n = column.count, m = min(n, 63)
                let sorted = (0..<m).map { column[$0 * n / m] }.sorted()
                #expect(column.withUnsafeBufferPointer { Int64Codec.sampleMedian($0) } == sorted[m / 2])
            }
        }
    }

    @Test("a patched plan given the column's frame is the plan found without it")
    func patchedPlanWithFrame() async throws {
        await propertyCheck(count: 300, input: Columns.int64s(maxCount: 400)) { (values) in
            for column in Self.shapes(values) where !column.isEmpty {
                column.withUnsafeBufferPointer { p in
                    let frame = FrameOfReference(fitting: p)
                    let without = Int64Codec.patchedPlan(p)
                    let with = Int64Codec.patchedPlan(p, frame: frame)
                    #expect(with?.scale == without?.scale && with?.centre == without?.centre)
                    #expect(with?.width == without?.width && with?.size == without?.size && with?.rows == without?.rows)
                    // Under a budget: the same plan when it is smaller, else none.
                    if let without {
                        for budget in [without.size - 1, without.size, without.size + 1] {
                            let bounded = Int64Codec.patchedPlan(p, budget: budget, frame: frame)
                            if without.size < budget {
                                #expect(bounded?.size == without.size && bounded?.rowList == without.rowList)
                            } else {
                                #expect(bounded == nil || bounded!.size >= budget)
                            }
                        }
                    }
                }
            }
        }
    }
}
