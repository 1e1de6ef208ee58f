import Testing

@testable import VintageChart

@Suite struct ScaleTests {
    @Test func valuesPrintWithSISuffixesAboveAMillionAndThousandsSeparatorsBelow() {
        #expect(ValueFormat.short(65.8e9) == "65.8B")
        #expect(ValueFormat.short(65.9e9) == "65.9B")
        #expect(ValueFormat.short(25) == "25")
        #expect(ValueFormat.short(1234) == "1,234")
        #expect(ValueFormat.short(-2.5e6) == "-2.5M")
        #expect(ValueFormat.short(0.125) == "0.125")
        #expect(ValueFormat.short(1.5e12) == "1.5T")
        #expect(ValueFormat.fixed(1234567.891, decimals: 2, grouping: true) == "1,234,567.89")
    }

    @Test func ticksFallOnRoundNumbersCoveringTheValues() {
        let scale = ValueScale(covering: 49.14e9, 65.9e9, targetTicks: 5)
        #expect(scale.step == 5e9)
        #expect(scale.lower == 45e9 && scale.upper == 70e9)
        #expect(scale.labels == ["45B", "50B", "55B", "60B", "65B", "70B"])
        let small = ValueScale(covering: 0.12, 0.87, targetTicks: 4)
        #expect(small.labels == ["0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        let thousands = ValueScale(covering: 1_200, 9_800, targetTicks: 5)
        #expect(thousands.labels == ["0", "2,000", "4,000", "6,000", "8,000", "10,000"])
        let flat = ValueScale(covering: 25, 25, targetTicks: 4)
        #expect(flat.lower < 25 && flat.upper > 25)
    }

    @Test func calendarTicksFitTheRange() {
        let year = ChartFixtures.time(2025, 1)..<ChartFixtures.time(2026, 2)
        let months = CalendarStep.choose(from: year.lowerBound, through: year.upperBound) { _ in 8 }
        #expect(months.step == .months(2))
        #expect(months.ticks.map(months.step.label) == ["Jan 2025", "Mar 2025", "May 2025", "Jul 2025", "Sep 2025", "Nov 2025", "Jan 2026"])
        let decades = CalendarStep.choose(from: ChartFixtures.time(1960, 1), through: ChartFixtures.time(2026, 1)) { _ in 8 }
        #expect(decades.step == .years(10))
        #expect(decades.ticks.map(decades.step.label) == ["1960", "1970", "1980", "1990", "2000", "2010", "2020"])
        let days = CalendarStep.choose(from: ChartFixtures.time(2026, 1, 1), through: ChartFixtures.time(2026, 1, 11)) { _ in 6 }
        #expect(days.step == .fixed(2 * 86_400_000_000))
        #expect(days.ticks.map(days.step.label) == ["1 Jan 2026", "3 Jan 2026", "5 Jan 2026", "7 Jan 2026", "9 Jan 2026", "11 Jan 2026"])
        let hours = CalendarStep.choose(from: ChartFixtures.time(2026, 1, 1), through: ChartFixtures.time(2026, 1, 2)) { _ in 5 }
        #expect(hours.ticks.map(hours.step.label) == ["1 Jan 00:00", "1 Jan 06:00", "1 Jan 12:00", "1 Jan 18:00", "2 Jan 00:00"])
        let quarters = CalendarStep.months(3)
        #expect(quarters.firstTick(atOrAfter: ChartFixtures.time(2025, 2, 10)) == ChartFixtures.time(2025, 4))
    }

    @Test func thinningKeepsEachColumnsLeastAndGreatestValue() {
        let count = 100_000
        let times = (0..<count).map { Int64($0) * 1_000_000 }
        var values = (0..<count).map { Double($0 % 100) }
        values[55_555] = 1_000
        values[77_777] = -1_000
        let line = ChartLine(label: "dense", times: times, values: values)
        let thin = line.thinned(columns: 100, start: 0, end: times.last!)
        #expect(thin.count <= 200)
        #expect(thin.values.max() == 1_000 && thin.values.min() == -1_000)
        #expect(thin.times == thin.times.sorted())
        let sparse = ChartLine(label: "sparse", times: [0, 1, 2], values: [1, 2, 3])
        #expect(sparse.thinned(columns: 100, start: 0, end: 2) == sparse)
    }
}
