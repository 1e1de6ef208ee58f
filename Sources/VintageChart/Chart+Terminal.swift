extension Chart {
    /// The chart as text for a terminal `width` columns wide and `height` lines high: a
    /// title, a braille plot with a y axis (in the chart's unit) and calendar labels under it,
    /// a legend, announcement rules numbered at the top of the plot with their titles in
    /// footnotes, and the notes. It takes at most `height − 1` lines (leaving one for the
    /// prompt), no line is wider than `width`, and it holds escape sequences (one colour per
    /// colour slot, faint vintages dim) only when `colors` is on.
    public func terminalText(width: Int = 80, height: Int = 24, colors: Bool = false) -> String {
        TerminalLayout(self, width: width, height: height).lines.map { $0.rendered(colors: colors) + "\n" }.joined()
    }
}

/// The lines of a chart drawn for a terminal (see ``Chart/terminalText(width:height:colors:)``).
struct TerminalLayout {
    private(set) var lines: [StyledLine] = []

    /// The fewest plot rows drawn, even when the terminal is too small for everything else.
    static let minimumPlotRows = 4

    init(_ chart: Chart, width requestedWidth: Int, height requestedHeight: Int) {
        let width = max(24, requestedWidth), height = max(8, requestedHeight)
        let domain = ChartDomain(chart)
        let markers = ChartDomain.visibleMarkers(of: chart, in: domain)

        let header = TerminalLayout.header(chart, width: width)
        var legend = TerminalLayout.legend(chart, width: width)
        var footnotes = markers.map { number, marker in
            let label = marker.label.isEmpty ? "" : marker.label + "  "
            return StyledLine("\(number)", style: Palette.ansiMarker) + StyledLine(" \(TimeText.day(marker.time))  \(label)\(marker.title)")
        }
        var notes = chart.notes.map { StyledLine($0) }
        var plotRows = height - 1 - header.count - legend.count - 2 - footnotes.count - notes.count
        if plotRows < TerminalLayout.minimumPlotRows && !footnotes.isEmpty {
            let keep = max(0, footnotes.count - (TerminalLayout.minimumPlotRows - plotRows) - 1)
            let dropped = footnotes.count - keep
            footnotes =
                Array(footnotes.prefix(keep)) + [
                    StyledLine("… \(dropped) more announcement\(dropped == 1 ? "" : "s") (a taller terminal shows them)")
                ]
            plotRows = height - 1 - header.count - legend.count - 2 - footnotes.count - notes.count
        }
        while plotRows < TerminalLayout.minimumPlotRows && !notes.isEmpty {
            notes.removeLast()
            plotRows += 1
        }
        if plotRows < TerminalLayout.minimumPlotRows && legend.count > 1 {
            // A short terminal: the legend on one line, cut at its width.
            plotRows += legend.count - 1
            legend = [legend.dropFirst().reduce(legend[0]) { $0 + StyledLine("   ") + $1 }]
        }
        plotRows = max(TerminalLayout.minimumPlotRows, plotRows)

        let scale = ValueScale(covering: domain.low ?? 0, domain.high ?? 1, targetTicks: max(2, plotRows / 3))
        let tickLabels = scale.labels
        let labelWidth = tickLabels.map(\.count).max() ?? 1
        let left = labelWidth + 2
        let plotColumns = max(8, width - left - 1)
        var canvas = BrailleCanvas(columns: plotColumns, rows: plotRows)
        let xMax = Double(canvas.dotWidth - 1), yMax = Double(canvas.dotHeight - 1)
        func x(_ time: Int64) -> Double { domain.fraction(of: time) * xMax }
        func y(_ value: Double) -> Double { (1 - scale.fraction(of: value)) * yMax }

        for line in chart.drawingOrder {
            TerminalLayout.draw(line.thinned(columns: canvas.dotWidth, start: domain.start, end: domain.end), on: &canvas, x: x, y: y, right: xMax)
        }

        // The y axis with its labels, the plot, and the announcement rules.
        var tickRows: [Int: String] = [:]
        for (value, label) in zip(scale.ticks, tickLabels) {
            let row = Int(y(value).rounded()) / 4
            if tickRows[row] == nil { tickRows[row] = label }
        }
        var markerColumns: [Int: Int] = [:]
        for (number, marker) in markers {
            let column = min(plotColumns - 1, Int(x(marker.time).rounded()) / 2)
            if markerColumns[column] == nil { markerColumns[column] = number }
        }
        var plot: [StyledLine] = []
        for row in 0..<plotRows {
            var line = StyledLine(spaces: labelWidth - (tickRows[row]?.count ?? 0))
            line.append(tickRows[row] ?? "")
            line.append(tickRows[row] == nil ? " │" : " ┤")
            for column in 0..<plotColumns {
                if let dot = canvas.character(column: column, row: row) {
                    let ink = canvas.ink(column: column, row: row)!
                    line.append(String(dot), style: Palette.ansi(ink.slot, ink.style))
                } else if markerColumns[column] != nil {
                    line.append("┊", style: Palette.ansiMarker)
                } else {
                    line.append(" ")
                }
            }
            plot.append(line)
        }
        var taken = -2
        for (column, number) in markerColumns.sorted(by: { $0.key < $1.key }) {
            let text = String(number)
            let at = min(column, plotColumns - text.count)
            guard at > taken + 1 else { continue }
            plot[0].put(text, at: left + at, style: Palette.ansiMarker)
            taken = at + text.count - 1
        }

        // The x axis: ticks on calendar boundaries, labels centred under them where they fit.
        let (step, ticks) = CalendarStep.choose(from: domain.start, through: domain.end) { plotColumns / ($0.labelLength + 2) }
        var axis = StyledLine(spaces: labelWidth + 1)
        axis.append("└" + String(repeating: "─", count: plotColumns))
        var labels = StyledLine(spaces: width)
        var labelEnd = -1
        for tick in ticks {
            let column = left + min(plotColumns - 1, Int(x(tick).rounded()) / 2)
            axis.put("┬", at: column)
            let text = step.label(tick)
            let start = min(max(0, column - text.count / 2), width - text.count)
            guard start > labelEnd + 1 else { continue }
            labels.put(text, at: start)
            labelEnd = start + text.count - 1
        }

        lines = (header + plot + [axis, labels] + legend + footnotes + notes).map { $0.truncated(to: width) }
    }

    /// The title (with the unit) and the subtitle: one line when both fit, else two.
    private static func header(_ chart: Chart, width: Int) -> [StyledLine] {
        let heading = [chart.title, chart.unit.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
        guard let subtitle = chart.subtitle, !subtitle.isEmpty else { return heading.isEmpty ? [] : [StyledLine(heading)] }
        if heading.isEmpty { return [StyledLine(subtitle)] }
        if heading.count + 3 + subtitle.count <= width { return [StyledLine(heading + " — " + subtitle)] }
        return [StyledLine(heading), StyledLine(subtitle)]
    }

    /// The legend: each entry's line style in its colour and its label, wrapped to the width.
    private static func legend(_ chart: Chart, width: Int) -> [StyledLine] {
        var lines: [StyledLine] = []
        var current = StyledLine()
        for line in chart.legendEntries {
            let glyph = line.style == .solid ? "──" : line.style == .dashed ? "╌╌" : "┄┄"
            let entry = StyledLine(glyph, style: Palette.ansi(line.colorSlot, line.style)) + StyledLine(" " + line.label)
            if current.count > 0 && current.count + 3 + entry.count > width {
                lines.append(current)
                current = StyledLine()
            }
            if current.count > 0 { current.append("   ") }
            current = current + entry
        }
        if current.count > 0 { lines.append(current) }
        return lines
    }

    /// Draws one line on the canvas: straight segments, or steps held to the right edge.
    private static func draw(_ line: ChartLine, on canvas: inout BrailleCanvas, x: (Int64) -> Double, y: (Double) -> Double, right: Double) {
        let ink = BrailleCanvas.Ink(slot: line.colorSlot, style: line.style)
        var phase = 0
        var previous: (x: Double, y: Double)?
        for k in 0..<line.count where line.values[k].isFinite {
            let point = (x: x(line.times[k]), y: y(line.values[k]))
            if let p = previous {
                if line.interpolation == .steps {
                    canvas.segment(p.x, p.y, point.x, p.y, ink, phase: &phase)
                    canvas.segment(point.x, p.y, point.x, point.y, ink, phase: &phase)
                } else {
                    canvas.segment(p.x, p.y, point.x, point.y, ink, phase: &phase)
                }
            } else {
                canvas.segment(point.x, point.y, point.x, point.y, ink, phase: &phase)
            }
            previous = point
        }
        if line.interpolation == .steps, let p = previous, p.x < right {
            canvas.segment(p.x, p.y, right, p.y, ink, phase: &phase)
        }
        // The points of a sparse line as small crosses, so that a lone point shows.
        if line.style != .faint && 12 * line.count <= canvas.columns {
            for k in 0..<line.count where line.values[k].isFinite {
                let (px, py) = (x(line.times[k]).rounded(), y(line.values[k]).rounded())
                for (dx, dy) in [(-1.0, 0.0), (1, 0), (0, -1), (0, 1)] {
                    var solid = 0
                    canvas.segment(px + dx, py + dy, px + dx, py + dy, BrailleCanvas.Ink(slot: line.colorSlot, style: .solid), phase: &solid)
                }
            }
        }
    }
}

extension StyledLine {
    /// Two lines one after the other.
    static func + (lhs: StyledLine, rhs: StyledLine) -> StyledLine {
        var joined = lhs
        for k in 0..<rhs.count { joined.append(String(rhs.characters[k]), style: rhs.styles[k]) }
        return joined
    }
}
