import PropertyBased
import Testing

@testable import VintageInterchange

@Suite("Number cells")
struct DecimalTextTests {
    func value(_ text: String, comma: Bool = false) -> Double? {
        var copy = text
        return copy.withUTF8 { DecimalText.value($0, decimalComma: comma) }
    }

    @Test("decimal points, signs, exponents and long mantissas")
    func points() {
        #expect(value("22225.350") == 22225.35)
        #expect(value("-0.1") == -0.1)
        #expect(value("+3") == 3)
        #expect(value("65.8e9") == 65.8e9)
        #expect(value("1E-3") == 0.001)
        #expect(value("12345678901234567890.5") == 12345678901234567890.5)
        #expect(value("0.000000000000000000000000001") == 1e-27)
    }

    @Test("a decimal comma, with '.' or ' ' grouping thousands")
    func decimalComma() {
        #expect(value("117,6", comma: true) == 117.6)
        #expect(value("1.234,5", comma: true) == 1234.5)
        #expect(value("1 234,5", comma: true) == 1234.5)
        #expect(value("-0,3", comma: true) == -0.3)
        #expect(value("117,6") == nil)
    }

    @Test("text, markers and non-finite numbers are not values")
    func notNumbers() {
        for text in ["", ".", "NA", "abc", "1.2.3", "1e", "-", "1e999", "nan", "inf", "12a"] {
            #expect(value(text) == nil, "\(text)")
        }
    }

    @Test("the shortest text of any double reads back bit for bit")
    func shortestTextRoundTrip() async {
        let doubles = Gen.uint64(in: 0...UInt64.max).map { Double(bitPattern: $0) }
        await propertyCheck(count: 3000, input: doubles) { (d) in
            guard d.isFinite else { return }
            let back = value(d.shortestText)
            #expect(back?.bitPattern == d.bitPattern, "\(d.shortestText)")
        }
    }

    @Test("short decimals agree with Double(String)")
    func agreesWithSwift() async {
        let texts = zip(Gen.int(in: -999_999...999_999), Gen.int(in: 0...8)).map { (m, places) -> String in
            var digits = String(abs(m))
            while digits.count <= places { digits = "0" + digits }
            let point = digits.count - places
            return (m < 0 ? "-" : "") + digits.prefix(point) + (places > 0 ? "." + digits.dropFirst(point) : "")
        }
        await propertyCheck(count: 3000, input: texts) { (text) in
            #expect(value(text) == Double(text), "\(text)")
        }
    }
}
