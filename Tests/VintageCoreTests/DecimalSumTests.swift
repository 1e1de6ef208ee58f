import PropertyBased
import Testing
import VintageTestSupport

@testable import VintageCore

/// Sums, averages, differences and percentages of decimal figures are exact to the figures'
/// own decimals and rounded once, whatever the order of the additions — checked against a
/// reference in integer arithmetic on the figures' text.
@Suite("Decimal sums: exact, rounded once, in any order")
struct DecimalSumTests {
    @Test("the examples of SPEC.md and the issue")
    func examples() {
        #expect(DecimalSum([408515.6, 0.1]).value == 408515.7)
        #expect(408515.6 + 0.1 != 408515.7)  // what a double sum gives
        #expect(DecimalSum.difference(408515.7, 408424).value == 91.7)
        #expect(DecimalSum([0.1, 0.2]).value == 0.3)
        #expect(DecimalSum([0.1, 0.2, -0.3]).isZero)
        #expect(DecimalSum([408515.6, 0.1]).description == "408515.7")
        #expect(DecimalSum([-0.25, 0.05]).description == "-0.20")
        #expect(DecimalSum([1, 2]).quotient(dividingBy: 3) == 1.0)
        #expect(DecimalSum([0.1, 0.2]).quotient(dividingBy: 3) == 0.1)
        #expect(DecimalSum.difference(101.1, 100).percent(of: DecimalSum(100)) == 1.1)
        #expect(DecimalSum.difference(-101.1, -100).percent(of: DecimalSum(-100)) == -1.1)
        #expect(DecimalSum(1).percent(of: DecimalSum()) == nil)
        // Equal values at other scales are equal sums.
        #expect(DecimalSum([0.5, 0.5]) == DecimalSum(1.0))
        #expect(DecimalSum([0.5, 0.5]).hashValue == DecimalSum(1.0).hashValue)
    }

    @Test("units beyond 2^53 round once, through the wide path")
    func wideUnits() {
        // 1e16 + 1 + 1 is 10000000000000002 exactly; a double sum loses both ones.
        #expect(DecimalSum([1e16, 1, 1]).value == 10000000000000002)
        #expect(DecimalSum([1, 1, 1e16]).value == 10000000000000002)
        // Many decimals and large figures together: 2^127 is still far.
        let mixed = DecimalSum([123456789012.5, 1e-12, -123456789012.5])
        #expect(mixed.isExact && mixed.value == 1e-12)
        #expect(DecimalSum([1e20, 3]).value == 100000000000000000003.0)
        #expect(DecimalSum([1e20, 3]).quotient(dividingBy: 7) == Double("14285714285714285714.714285714285714286")!)
        #expect(DecimalSum([1e20, 3]).description == "100000000000000000003")
    }

    @Test("figures without a short decimal form fall back to a double sum, said so")
    func inexactFallback() {
        let s = DecimalSum([1e300, 1e-300])
        #expect(!s.isExact)
        #expect(s.value == 1e300)
        var t = DecimalSum(0.5)
        t.add(.infinity)
        #expect(!t.isExact && t.value == .infinity)
        // Merging with an inexact sum makes an inexact sum.
        var u = DecimalSum(0.1)
        u.add(s)
        #expect(!u.isExact)
    }

    @Test("shortest forms with many digits are still exact")
    func longFigures() {
        // 0.30000000000000004 is a figure too: 17 significant digits.
        #expect(DecimalSum([0.1 + 0.2, -0.3]).description == "0.00000000000000004")
        #expect(DecimalSum([1.0 / 3, 1.0 / 3, 1.0 / 3]).description == "0.9999999999999999")
        #expect(DecimalFigure(1e23) == DecimalFigure(negative: false, digits: 1, exponent: 23))
        #expect(DecimalFigure(5e-324) == DecimalFigure(negative: false, digits: 5, exponent: -324))
        #expect(DecimalFigure(-1.25e-7) == DecimalFigure(negative: true, digits: 125, exponent: -9))
    }

    @Test("sums, averages, differences and percentages equal the integer reference, in any order and grouping")
    func matchesTheReference() async {
        await propertyCheck(count: 400, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var rng = SplitMix64(state: seed)
            let figures = (0..<Int(rng.next() % 40) + 1).map { _ in rng.figure() }
            let values = figures.map(\.value)
            let (units, scale) = DecimalReference.sum(figures)
            let expected = Double(DecimalReference.text(units: units, scale: scale))!

            var shuffled = values
            rng.shuffle(&shuffled)
            let one = DecimalSum(shuffled)
            #expect(one.isExact)
            #expect(
                one.value.bitPattern == expected.bitPattern, "\(figures.map(\.text)): \(one) ≠ \(DecimalReference.text(units: units, scale: scale))")
            // The column loop, and sums of random parts merged.
            var column = DecimalSum()
            shuffled.withUnsafeBufferPointer { column.add(contentsOf: $0) }
            #expect(column == one && column.value.bitPattern == expected.bitPattern)
            var merged = DecimalSum()
            var k = 0
            while k < values.count {
                let n = Int(rng.next() % 5) + 1
                merged.add(DecimalSum(values[k..<min(k + n, values.count)]))
                k += n
            }
            #expect(merged == one)

            let average = Double(DecimalReference.ratioText(units, DecimalReference.power(scale) * Int64(values.count)))!
            #expect(one.quotient(dividingBy: values.count).bitPattern == average.bitPattern, "\(figures.map(\.text)) avg")

            let a = figures[0], b = figures[figures.count - 1]
            let common = max(a.decimals, b.decimals)
            let ua = a.units * DecimalReference.power(common - a.decimals), ub = b.units * DecimalReference.power(common - b.decimals)
            let difference = DecimalSum.difference(a.value, b.value)
            #expect(difference.value.bitPattern == Double(DecimalReference.text(units: ua - ub, scale: common))!.bitPattern, "\(a.text) − \(b.text)")
            let percent = difference.percent(of: DecimalSum(b.value))
            if ub == 0 {
                #expect(percent == nil)
            } else {
                let expected = Double(DecimalReference.ratioText((ua - ub) * 100, abs(ub)))!
                #expect(percent?.bitPattern == expected.bitPattern, "(\(a.text) − \(b.text)) ÷ |\(b.text)| × 100")
            }
        }
    }
}
