/// The colours of a chart's lines, by colour slot (one slot per series), in SVG and in a
/// terminal; the marker and axis colours.
enum Palette {
    /// SVG colours (the Tableau 10 palette, readable on white and for most colour-blind readers).
    static let svg = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"]
    /// ANSI foreground colours: blue, yellow, green, red, magenta, cyan.
    static let ansi = ["34", "33", "32", "31", "35", "36"]

    /// The SVG colour of slot `slot`.
    static func svg(_ slot: Int) -> String { svg[((slot % svg.count) + svg.count) % svg.count] }

    /// The SGR parameters of a line of slot `slot` in `style` (faint lines dim).
    static func ansi(_ slot: Int, _ style: LineStyle) -> String {
        let colour = ansi[((slot % ansi.count) + ansi.count) % ansi.count]
        return style == .faint ? "2;" + colour : colour
    }

    /// The SGR parameters of announcement rules and their numbers (grey).
    static let ansiMarker = "90"
    /// The SVG colour of announcement rules.
    static let svgMarker = "#8a6d00"
    /// The SVG colour of axes and labels.
    static let svgInk = "#333333"
    /// The SVG colour of grid lines.
    static let svgGrid = "#e3e3e3"
}
