import PropertyBased
import Testing
import VintageTestSupport

@testable import VintageLog

@Suite("VintageMultimap: values by vintage, grouped by release time")
struct VintageMultimapTests {
    /// A vintage from a small code, so that keys repeat often.
    static func key(_ code: Int) -> RuleVintage {
        RuleVintage(series: code % 3, period: Int64(code / 3 % 3), releasedAt: Int64(code / 9))
    }

    @Test("gives every vintage's values in the order added, as a dictionary of arrays would")
    func agreesWithADictionaryOfArrays() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...26).array(of: 0...60)) { codes in
            // Release times scanned, indexed from their first figures on, and indexed midway.
            for indexedAbove in [256, 0, 3] {
                var map = VintageMultimap<Int>(capacity: 4, indexedAbove: indexedAbove)
                var model: [RuleVintage: [Int]] = [:]
                for (i, code) in codes.enumerated() {
                    map.append(i, for: Self.key(code))
                    model[Self.key(code), default: []].append(i)
                }
                for code in 0...26 {
                    var values: [Int] = []
                    map.forEach(of: Self.key(code)) { values.append($0) }
                    #expect(values == model[Self.key(code)] ?? [], "\(code), indexed above \(indexedAbove)")
                }
            }
        }
    }
}
