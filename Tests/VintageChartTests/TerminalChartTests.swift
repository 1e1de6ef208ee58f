import Testing

@testable import VintageChart

@Suite struct TerminalChartTests {
    @Test(arguments: [(80, 24), (120, 40)])
    func terminalChartMatchesItsGoldenFileAndFitsTheTerminal(width: Int, height: Int) throws {
        let text = ChartFixtures.trade.terminalText(width: width, height: height, colors: false)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count <= height - 1)
        for line in lines { #expect(line.count <= width, "\(line)") }
        #expect(!text.contains("\u{1B}"))
        #expect(text == (try ChartFixtures.golden("terminal-\(width)x\(height).txt", actual: text)))
    }

    @Test func colorsAreEscapeSequencesThatLeaveTheTextTheSame() {
        let plain = ChartFixtures.trade.terminalText(width: 80, height: 24, colors: false)
        let colored = ChartFixtures.trade.terminalText(width: 80, height: 24, colors: true)
        #expect(colored.contains("\u{1B}[34m") && colored.contains("\u{1B}[33m") && colored.contains("\u{1B}[90m"))
        var stripped = ""
        var inEscape = false
        for c in colored {
            if c == "\u{1B}" { inEscape = true } else if inEscape { if c == "m" { inEscape = false } } else { stripped.append(c) }
        }
        #expect(stripped == plain)
    }

    @Test func theChartShowsTheLegendMarkersAndCalendarLabels() {
        let text = ChartFixtures.trade.terminalText(width: 80, height: 24)
        #expect(text.hasPrefix("South Korea exports (USD) — as known on 15 Feb 2026\n"))
        #expect(text.contains("── total latest"))
        #expect(text.contains("╌╌ total first release"))
        #expect(text.contains("1 1 Nov 2025  15%  US cuts tariffs"))
        #expect(text.contains("Jan 2025"))
        #expect(text.contains("60B"))
    }

    @Test func aSmallTerminalKeepsThePlotAndDropsFootnotes() {
        let text = ChartFixtures.trade.terminalText(width: 40, height: 12)
        let lines = text.split(separator: "\n")
        #expect(lines.count <= 11)
        for line in lines { #expect(line.count <= 40) }
        #expect(text.contains("more announcement"))
    }
}
