import ArgumentParser
import Vintage
import VintageStoreChart

#if canImport(Glibc)
    import Glibc
#endif

/// `vintage chart`: series drawn in the terminal, or written as an SVG or PNG file, with
/// their revision fans and the announcements that moved them.
struct ChartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chart",
        abstract: "Draw series as a chart in the terminal, or as an SVG or PNG file, with revision fans and announcement markers.",
        discussion: """
            In the terminal the chart is drawn with braille characters, sized to the terminal \
            (--width/--height, else $COLUMNS/$LINES, else the window, else 80x24), in colour \
            only on a terminal and without $NO_COLOR. A series with many more points than the \
            chart has columns is drawn as the least and greatest value per column.
            --vintages all draws the revision fan: the series as it stood after each release \
            (faint), the first releases (dashed) and the latest vintages (solid).
            --announcements marks each announcement in the range with a vertical rule at the day \
            it took effect, numbered, with its title in a footnote.
            Examples:
              vintage chart kr.exports.total kr.exports.semiconductors --from 2025
              vintage chart kr.exports.total --vintages all --announcements --svg total.svg
              vintage chart kr.exports.total --transform yoy --as-of 2026-02-10
              vintage chart us.tariff.kr --png tariff.png --width 1200 --height 600
            """
    )

    @ParentCommand var root: VintageCommand

    @Argument(help: ArgumentHelp("Series ids, one colour each.", valueName: "series"))
    var series: [SeriesID] = []

    @OptionGroup var view: ViewOptions

    @OptionGroup var analytics: AnalyticOptions

    @Option(help: ArgumentHelp("Which vintages to draw: latest, all (the revision fan) or first+latest.", valueName: "latest|all|first+latest"))
    var vintages: VintageSelection = .latest

    @Flag(help: "Mark the announcements in the range: a rule at each effective day, its title in a footnote.")
    var announcements = false

    @Option(help: ArgumentHelp("Write the chart as a standalone SVG file instead of drawing it in the terminal.", valueName: "file"))
    var svg: String?

    @Option(help: ArgumentHelp("Write the chart as a PNG file (converted from SVG by rsvg-convert, Debian's librsvg2-bin).", valueName: "file"))
    var png: String?

    @Option(help: ArgumentHelp("Width: columns in the terminal (default: the terminal's), pixels for --svg/--png (default 800).", valueName: "n"))
    var width: Int?

    @Option(help: ArgumentHelp("Height: lines in the terminal (default: the terminal's), pixels for --svg/--png (default 450).", valueName: "n"))
    var height: Int?

    @Option(help: ArgumentHelp("The chart's title (default: the series' name, or the ids).", valueName: "text"))
    var title: String?

    @OptionGroup var timing: TimingOptions

    /// Whether the chart goes to a file rather than the terminal.
    private var toFile: Bool { svg != nil || png != nil }

    func validate() throws {
        if series.isEmpty { throw ValidationError("name at least one series to chart, e.g. vintage chart kr.exports.total") }
        if svg != nil && png != nil { throw ValidationError("--svg and --png: give one of them") }
        let (least, most) = toFile ? (200, 10_000) : (24, 1_000)
        if let width, width < least || width > most {
            throw ValidationError("--width must be from \(least) to \(most)\(toFile ? " pixels" : " columns")")
        }
        let (fewest, tallest) = toFile ? (150, 10_000) : (8, 1_000)
        if let height, height < fewest || height > tallest {
            throw ValidationError("--height must be from \(fewest) to \(tallest)\(toFile ? " pixels" : " lines")")
        }
        _ = try request(columns: 100)
    }

    /// The chart the options describe, drawn `columns` columns wide; an impossible
    /// combination is a usage error.
    func request(columns: Int) throws -> ChartRequest {
        var points = view.pointQuery
        points.firstRelease = analytics.firstRelease
        do {
            return try ChartRequest(
                series: series, view: points, aggregate: analytics.aggregate, bucket: analytics.bucket,
                transform: analytics.transform,
                vintages: vintages, announcements: announcements, title: title, columns: columns)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let store = try root.openStore()
        let clock = ContinuousClock()
        let started = clock.now
        if toFile {
            let (w, h) = (width ?? 800, height ?? 450)
            let chart = try store.chart(try request(columns: w - 100))
            let document = Array(chart.svg(width: w, height: h).utf8)
            let elapsed = clock.now - started
            if let svg {
                try OutputFile.write(document, to: svg, option: "--svg")
                print("wrote \(svg) (\(w)×\(h) SVG)")
            } else if let png {
                try PNGConversion.convert(svg: document, to: png)
                print("wrote \(png) (\(w)×\(h) PNG)")
            }
            if timing.isOn { Terminal.writeError("Run Time: \(Seconds.text(elapsed)) (chart read and drawn as SVG, in process)") }
        } else {
            let size = TerminalSize.resolve(width: width, height: height)
            let chart = try store.chart(try request(columns: 2 * max(10, size.columns - 10)))
            let text = chart.terminalText(width: size.columns, height: size.lines, colors: TerminalSize.usesColor)
            let elapsed = clock.now - started
            Terminal.writeOut(Array(text.utf8))
            if timing.isOn { Terminal.writeError("Run Time: \(Seconds.text(elapsed)) (chart read and drawn, in process)") }
        }
    }
}

extension VintageSelection: ExpressibleByArgument {}
