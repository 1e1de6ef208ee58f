import PropertyBased
import Testing
import VintageTestSupport

@testable import VintageCore

@Suite("CivilDate: calendar dates and day numbers")
struct CivilDateTests {
    @Test(
        "known dates have known day numbers",
        arguments: [
            (CivilDate(year: 1970, month: 1, day: 1), 0),
            (CivilDate(year: 1970, month: 1, day: 2), 1),
            (CivilDate(year: 1969, month: 12, day: 31), -1),
            (CivilDate(year: 2000, month: 3, day: 1), 11_017),
            (CivilDate(year: 2026, month: 1, day: 1), 20_454),  // 1767225600 s
            (CivilDate(year: 2026, month: 2, day: 1), 20_485),  // 1769904000 s
            (CivilDate(year: 1, month: 1, day: 1), -719_162),
            (CivilDate(year: 9999, month: 12, day: 31), 2_932_896)
        ] as [(CivilDate, Int64)])
    func knownDayNumbers(date: CivilDate, dayNumber: Int64) {
        #expect(date.dayNumber == dayNumber)
        #expect(CivilDate(dayNumber: dayNumber) == date)
    }

    @Test(
        "known weekdays (ISO: Monday 1 … Sunday 7)",
        arguments: [
            (CivilDate(year: 1970, month: 1, day: 1), 4),  // Thursday
            (CivilDate(year: 1969, month: 12, day: 31), 3),  // Wednesday
            (CivilDate(year: 1969, month: 12, day: 28), 7),  // Sunday
            (CivilDate(year: 2000, month: 1, day: 1), 6),  // Saturday
            (CivilDate(year: 2024, month: 2, day: 29), 4),  // Thursday
            (CivilDate(year: 2026, month: 1, day: 26), 1),  // Monday
            (CivilDate(year: 2026, month: 2, day: 1), 7),  // Sunday
            (CivilDate(year: 1, month: 1, day: 1), 1)  // Monday (proleptic Gregorian)
        ] as [(CivilDate, Int)])
    func knownWeekdays(date: CivilDate, weekday: Int) {
        #expect(CivilDate.isoWeekday(dayNumber: date.dayNumber) == weekday)
    }

    @Test("leap years follow the Gregorian rule")
    func leapYears() {
        #expect(CivilDate.isLeapYear(2024))
        #expect(CivilDate.isLeapYear(2000))
        #expect(!CivilDate.isLeapYear(1900))
        #expect(!CivilDate.isLeapYear(2025))
        #expect(CivilDate.daysInMonth(year: 2024, month: 2) == 29)
        #expect(CivilDate.daysInMonth(year: 2025, month: 2) == 28)
        #expect(CivilDate.daysInMonth(year: 2025, month: 4) == 30)
        #expect(CivilDate.daysInMonth(year: 2025, month: 12) == 31)
    }

    @Test("isValid rejects days and months that do not exist")
    func validity() {
        #expect(CivilDate(year: 2024, month: 2, day: 29).isValid)
        #expect(!CivilDate(year: 2025, month: 2, day: 29).isValid)
        #expect(!CivilDate(year: 2025, month: 13, day: 1).isValid)
        #expect(!CivilDate(year: 2025, month: 0, day: 1).isValid)
        #expect(!CivilDate(year: 2025, month: 1, day: 0).isValid)
        #expect(!CivilDate(year: 2025, month: 6, day: 31).isValid)
    }

    @Test(
        "ISO years have 53 weeks exactly when they start or (leap) end on a Thursday",
        arguments: [
            (2015, 53), (2020, 53), (2026, 53), (2032, 53), (2004, 53), (2009, 53),
            (2019, 52), (2021, 52), (2024, 52), (2025, 52), (2027, 52)
        ])
    func isoWeeksInYear(year: Int, weeks: Int) {
        #expect(CivilDate.isoWeeksInYear(year) == weeks)
    }

    @Test(
        "week 1 starts on the Monday of the week holding 4 January",
        arguments: [
            (2026, CivilDate(year: 2025, month: 12, day: 29)),
            (2021, CivilDate(year: 2021, month: 1, day: 4)),
            (2020, CivilDate(year: 2019, month: 12, day: 30)),
            (2027, CivilDate(year: 2027, month: 1, day: 4)),
            (2016, CivilDate(year: 2016, month: 1, day: 4)),
            (2015, CivilDate(year: 2014, month: 12, day: 29))
        ] as [(Int, CivilDate)])
    func isoWeekOne(year: Int, monday: CivilDate) {
        #expect(CivilDate.isoWeekOneMonday(isoYear: year) == monday.dayNumber)
    }

    /// Day numbers of 0001-01-01 … 9999-12-31, and some way beyond.
    static let dayNumbers = Gen.int64(in: -800_000...3_000_000)

    @Test("day number → date → day number is the identity, and the date is valid")
    func dayNumberRoundTrip() async {
        await propertyCheck(count: 2000, input: Self.dayNumbers) { (n) in
            recordingErrors { () throws in
                let date = CivilDate(dayNumber: n)
                #expect(date.isValid, "\(date)")
                #expect(date.dayNumber == n, "\(date)")
            }
        }
    }

    @Test("date → day number → date is the identity for every valid date")
    func dateRoundTrip() async {
        let dates = zip(Gen.int(in: 1...9999), Gen.int(in: 1...12), Gen.int(in: 1...31))
            .map { CivilDate(year: $0, month: $1, day: $2) }
            .filter(\.isValid)
        await propertyCheck(count: 2000, input: dates) { (date) in
            recordingErrors { () throws in
                #expect(CivilDate(dayNumber: date.dayNumber) == date)
            }
        }
    }

    @Test("the day after a date is the next calendar day, one weekday later")
    func consecutiveDays() async {
        await propertyCheck(count: 2000, input: Self.dayNumbers) { (n) in
            recordingErrors { () throws in
                let today = CivilDate(dayNumber: n), tomorrow = CivilDate(dayNumber: n + 1)
                if today.day < CivilDate.daysInMonth(year: today.year, month: today.month) {
                    #expect(tomorrow == CivilDate(year: today.year, month: today.month, day: today.day + 1))
                } else if today.month < 12 {
                    #expect(tomorrow == CivilDate(year: today.year, month: today.month + 1, day: 1))
                } else {
                    #expect(tomorrow == CivilDate(year: today.year + 1, month: 1, day: 1))
                }
                #expect(CivilDate.isoWeekday(dayNumber: n + 1) == CivilDate.isoWeekday(dayNumber: n) % 7 + 1)
            }
        }
    }

    @Test("every ISO year has 52 or 53 weeks, and week 1 starts on a Monday holding 4 January")
    func isoWeekStructure() async {
        await propertyCheck(count: 500, input: Gen.int(in: 1...9998)) { (year) in
            recordingErrors { () throws in
                let monday = CivilDate.isoWeekOneMonday(isoYear: year)
                let jan4 = CivilDate(year: year, month: 1, day: 4).dayNumber
                #expect(CivilDate.isoWeekday(dayNumber: monday) == 1)
                #expect((0...6).contains(jan4 - monday))
                #expect([52, 53].contains(CivilDate.isoWeeksInYear(year)))
            }
        }
    }
}
