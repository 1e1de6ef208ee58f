import Testing
import Vintage

@testable import VintageInterchange

@Suite("Dates to periods")
struct PeriodAlignmentTests {
    func align(_ text: String, _ frequency: Frequency?, _ mode: PeriodAlignment) -> String {
        var copy = text
        return copy.withUTF8 { bytes in
            guard case .success(let spelled) = Period.parseStart(bytes) else { return "unparsed" }
            switch mode.period(spelled, text: bytes, frequency: frequency) {
            case .success(let p): return "\(p.text) \(p.start.iso8601)"
            case .failure: return "refused"
            }
        }
    }

    @Test("exact: a period's start in any spelling, in the canonical spelling of the frequency")
    func exact() {
        #expect(align("2024-04-01", .quarterly, .exact) == "2024-Q2 2024-04-01T00:00:00Z")
        #expect(align("2024-04", .quarterly, .exact) == "2024-Q2 2024-04-01T00:00:00Z")
        #expect(align("2024-M04", .quarterly, .exact) == "2024-Q2 2024-04-01T00:00:00Z")
        #expect(align("2024-05", .quarterly, .exact) == "refused")
        #expect(align("2024-01-01", .annual, .exact) == "2024 2024-01-01T00:00:00Z")
        #expect(align("2024-01-15", .monthly, .exact) == "refused")
        #expect(align("2024-01-29", .weekly, .exact) == "2024-01-29 2024-01-29T00:00:00Z")
        #expect(align("2024-02-02", .weekly, .exact) == "refused")
        #expect(align("2024-01-15", nil, .exact) == "2024-01-15 2024-01-15T00:00:00Z")
        #expect(align("2024-01-15T10:00:00Z", .irregular, .exact) == "2024-01-15T10:00:00Z 2024-01-15T10:00:00Z")
    }

    @Test("start: any date inside the period names it")
    func start() {
        #expect(align("2024-05-17", .quarterly, .start) == "2024-Q2 2024-04-01T00:00:00Z")
        #expect(align("2024-06", .quarterly, .start) == "2024-Q2 2024-04-01T00:00:00Z")
        #expect(align("2024-02-02", .weekly, .start) == "2024-01-29 2024-01-29T00:00:00Z")
        #expect(align("2024-12-31", .annual, .start) == "2024 2024-01-01T00:00:00Z")
    }

    @Test("end: the period's last day or last month names it; other dates are refused")
    func end() {
        #expect(align("2024-06-30", .quarterly, .end) == "2024-Q2 2024-04-01T00:00:00Z")
        #expect(align("2024-06", .quarterly, .end) == "2024-Q2 2024-04-01T00:00:00Z")
        #expect(align("2024-05", .quarterly, .end) == "refused")
        #expect(align("2024-02-29", .monthly, .end) == "2024-02 2024-02-01T00:00:00Z")
        #expect(align("2024-02-28", .monthly, .end) == "refused")
        #expect(align("2024-02-04", .weekly, .end) == "2024-01-29 2024-01-29T00:00:00Z")
        #expect(align("2024-12-31", .annual, .end) == "2024 2024-01-01T00:00:00Z")
    }
}
