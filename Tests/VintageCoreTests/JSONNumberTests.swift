import PropertyBased
import Testing
import VintageTestSupport

@testable import VintageCore

@Suite("JSON numbers: shortest text and correctly rounded scanning")
struct JSONNumberTests {
    @Test(
        "shortest text of common values",
        arguments: [
            (65.8e9, "65800000000"), (0.1, "0.1"), (25, "25"), (-1.5, "-1.5"), (0, "0"), (-0.0, "-0"),
            (1e16, "1e+16"), (1.5e-7, "1.5e-07"), (5e-324, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"),
            (9_007_199_254_740_992, "9007199254740992"), (123_456.789, "123456.789")
        ] as [(Double, String)])
    func shortestText(value: Double, text: String) throws {
        #expect(value.shortestText == text)
        #expect(try scanNumber(text).bitPattern == value.bitPattern)
    }

    @Test(
        "JSON number syntax is scanned exactly",
        arguments: [
            ("0", 0.0), ("-0", -0.0), ("1", 1), ("-1", -1), ("65.8e9", 65.8e9), ("6.0e9", 6e9), ("1E3", 1000), ("1e+3", 1000),
            ("1e-3", 0.001), ("0.5", 0.5), ("-0.0", -0.0), ("0e0", 0), ("123.456e-2", 1.23456), ("1e22", 1e22), ("1e23", 1e23),
            ("0.000001", 1e-6), ("1e-400", 0), ("-1e-400", -0.0)
        ] as [(String, Double)])
    func scansSyntax(text: String, value: Double) throws {
        #expect(try scanNumber(text).bitPattern == value.bitPattern)
    }

    @Test(
        "text that is not a JSON number is refused",
        arguments: [
            "", "-", "+1", ".5", "01", "-01", "1.", "1.e5", "1e", "1e+", "--1", "- 1"
        ])
    func refusesNonNumbers(text: String) {
        #expect(throws: JSONScanner.SyntaxError.self) { try scanNumber(text) }
    }

    @Test("a number ends where JSON number syntax ends", arguments: [("0x10", 1), ("1e5e5", 3), ("12abc", 2), ("1.5.5", 3)])
    func numberEnds(text: String, length: Int) throws {
        var bytes = Array(text.utf8)
        try bytes.withUnsafeMutableBufferPointer { buffer in
            var scanner = JSONScanner(UnsafeBufferPointer(buffer))
            _ = try scanner.readNumber()
            #expect(scanner.position == length)
        }
    }

    @Test("overflow scans as infinity, for the decoder to reject")
    func overflowIsInfinite() throws {
        #expect(try scanNumber("1e400") == .infinity)
        #expect(try scanNumber("-1e400") == -.infinity)
        #expect(try scanNumber("1e999999999999") == .infinity)
        #expect(try scanNumber("0.0000001e999999999999") == .infinity)
        #expect(try scanNumber("1e-999999999999") == 0)
        #expect(try scanNumber(String(repeating: "9", count: 400)) == .infinity)
    }

    @Test("integers up to 2^53 are exact, and beyond it round to nearest even")
    func integers() async throws {
        #expect(try scanNumber("9007199254740992") == 9_007_199_254_740_992)
        #expect(try scanNumber("9007199254740993") == 9_007_199_254_740_992)  // a tie: rounds to even
        #expect(try scanNumber("9007199254740995") == 9_007_199_254_740_996)
        #expect(try scanNumber("-9007199254740991") == -9_007_199_254_740_991)
        await propertyCheck(count: 1000, input: Gen.int64(in: -(1 << 53)...(1 << 53))) { (n) in
            recordingErrors { () throws in
                #expect(try scanNumber(String(n)) == Double(n))
                #expect(Double(n).shortestText == String(n))
            }
        }
    }

    @Test(
        "values needing the slow path agree with Swift's Double(String)",
        arguments: [
            "12345678901234567890",  // 20 significant digits
            "1234567890123456789012345678901234567890",
            "0.12345678901234567890123",
            "3.141592653589793238462643383279502884197",
            "9007199254740993.0000000000000000001",  // just above a tie: rounds up
            "2.2250738585072011e-308",  // the PHP/Java hang number, near the subnormal boundary
            "2.2250738585072012e-308",
            "4.9406564584124654e-324", "2.4703282292062328e-324", "2.4703282292062327e-324",
            "1.7976931348623158e308", "1.7976931348623157e308",
            "1e23", "8.98846567431158e307", "1e-23", "123456e-30", "1e300", "1e-300", "7e22", "4e-23",
            "100000000000000000000000", "0.000000000000000000000000000001",
            "1.00000000000000011102230246251565404236316680908203125",  // exactly half an ulp above 1
            "1.00000000000000011102230246251565404236316680908203124",
            "1.00000000000000011102230246251565404236316680908203126"
        ])
    func slowPath(text: String) throws {
        let expected = try #require(Double(text))
        #expect(try scanNumber(text).bitPattern == expected.bitPattern)
        #expect(try scanNumber("-" + text).bitPattern == (-expected).bitPattern)
    }

    /// Finite doubles of every magnitude: random bit patterns (NaNs and infinities dropped),
    /// and decimal-looking values such as figures are written.
    static let finiteDoubles: Generator<Double, Shrink.None<Double>> = Generator { rng in
        switch Int.random(in: 0...3, using: &rng) {
        case 0:
            while true {
                let v = Double(bitPattern: UInt64.random(in: .min ... .max, using: &rng))
                if v.isFinite { return v }
            }
        case 1:  // decimals with 0-9 fraction digits
            let units = Int64.random(in: -10_000_000_000...10_000_000_000, using: &rng)
            return Double("\(units)e-\(Int.random(in: 0...9, using: &rng))")!
        case 2:  // trade-like figures: a few significant digits times a power of ten
            return Double("\(Int.random(in: 1...9999, using: &rng))e\(Int.random(in: -30...30, using: &rng))")!
        default:  // subnormals, zeros and the edges
            let pool: [Double] = [
                0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude,
                .greatestFiniteMagnitude, -.greatestFiniteMagnitude, Double(bitPattern: 0x000F_FFFF_FFFF_FFFF)
            ]
            return Bool.random(using: &rng)
                ? pool.randomElement(using: &rng)!
                : Double(bitPattern: UInt64.random(in: 0...0x000F_FFFF_FFFF_FFFF, using: &rng))
        }
    }

    @Test("shortest text scanned back gives the bit-identical double, -0 included")
    func shortestTextRoundTrip() async throws {
        await propertyCheck(count: 5000, input: Self.finiteDoubles) { (value) in
            recordingErrors { () throws in
                let text = value.shortestText
                let back = try scanNumber(text)
                #expect(back.bitPattern == value.bitPattern, "\(text)")
                #expect(!text.hasSuffix(".0"), "\(text)")
            }
        }
    }

    @Test("any decimal text of a double scans to what Swift's Double(String) gives")
    func agreesWithSwift() async throws {
        let mantissas = Gen.uint64(in: 0...UInt64.max)
        let exponents = Gen.int(in: -340...320)
        await propertyCheck(count: 3000, input: mantissas, exponents, Gen.int(in: 0...20)) { (m, e, point) in
            recordingErrors { () throws in
                var digits = String(m)
                if point > 0, point < digits.count { digits.insert(".", at: digits.index(digits.startIndex, offsetBy: point)) }
                let text = "\(digits)e\(e)"
                let expected = try #require(Double(text))
                #expect(try scanNumber(text).bitPattern == expected.bitPattern, "\(text)")
            }
        }
    }

    @Test("a value decoded from an event keeps every bit of its shortest text")
    func valueFieldRoundTrip() async throws {
        await propertyCheck(count: 1000, input: Self.finiteDoubles) { (value) in
            recordingErrors { () throws in
                let input = observation("value", value.shortestText)
                guard case .observation(let o) = try decodeEvent(input) else { Issue.record("not an observation"); return }
                #expect(o.value.bitPattern == value.bitPattern, "\(value.shortestText)")
            }
        }
    }
}
