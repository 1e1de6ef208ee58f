extension Chart {
    /// The chart as a standalone SVG 1.1 document `width` × `height` pixels: a title, a
    /// legend, a plot with a grid, a y axis in the chart's unit and calendar labels on the x
    /// axis, one `<path>` per line drawn (class `line` and its style), announcement rules
    /// labelled above the plot with their titles in footnotes, and the notes. It holds no
    /// script, link or external font, and its text is XML-escaped.
    public func svg(width: Int = 800, height: Int = 450) -> String {
        SVGLayout(self, width: max(200, width), height: max(150, height)).document
    }
}

/// A chart laid out and written as SVG (see ``Chart/svg(width:height:)``).
struct SVGLayout {
    static let margin = 12.0
    static let titleSize = 16.0
    static let textSize = 12.0
    static let smallSize = 11.0
    static let fontFamily = "DejaVu Sans, Verdana, Arial, sans-serif"

    static func textWidth(_ text: String, size: Double) -> Double { TextWidth.of(text, size: size) }

    static func fitted(_ text: String, width: Double, size: Double) -> String { TextWidth.fitted(text, width: width, size: size) }

    private(set) var document: String = ""

    init(_ chart: Chart, width: Int, height: Int) {
        let margin = SVGLayout.margin
        let w = Double(width), h = Double(height)
        let domain = ChartDomain(chart)
        let markers = ChartDomain.visibleMarkers(of: chart, in: domain)
        var svg = SVGDocument(width: width, height: height, fontFamily: SVGLayout.fontFamily)
        if let title = chart.title { svg.element("title", [], text: title) }
        svg.element("rect", [("class", "background"), ("x", "0"), ("y", "0"), ("width", "\(width)"), ("height", "\(height)"), ("fill", "#ffffff")])

        // Top: title, subtitle, legend.
        var cursor = margin
        if let title = chart.title, !title.isEmpty {
            cursor += SVGLayout.titleSize
            svg.element(
                "text",
                [
                    ("class", "title"), ("x", SVGDocument.number(margin)), ("y", SVGDocument.number(cursor)),
                    ("font-size", "16"), ("font-weight", "bold"), ("fill", Palette.svgInk)
                ],
                text: TextWidth.fitted(title, width: w - 2 * margin, size: SVGLayout.titleSize, bold: true))
            cursor += 6
        }
        if let subtitle = chart.subtitle, !subtitle.isEmpty {
            cursor += SVGLayout.textSize
            svg.element(
                "text",
                [
                    ("class", "subtitle"), ("x", SVGDocument.number(margin)), ("y", SVGDocument.number(cursor)),
                    ("font-size", "12"), ("fill", "#555555")
                ],
                text: SVGLayout.fitted(subtitle, width: w - 2 * margin, size: SVGLayout.textSize))
            cursor += 6
        }
        cursor = SVGLayout.legend(chart, into: &svg, top: cursor, width: w)

        // Bottom: notes and footnotes, as many as leave the plot 80 pixels.
        let lineHeight = 15.0
        let fixedBottom = margin + 24
        var notes = chart.notes
        var footnotes = markers.map { number, marker in
            "\(number) · \(TimeText.day(marker.time)) · " + (marker.label.isEmpty ? "" : marker.label + " · ") + marker.title
        }
        let markerRowsGuess = markers.isEmpty ? 0.0 : 20.0
        func plotHeight() -> Double { h - fixedBottom - Double(notes.count + footnotes.count) * lineHeight - cursor - 10 - markerRowsGuess }
        while plotHeight() < 80 && !notes.isEmpty { notes.removeLast() }
        if plotHeight() < 80 && !footnotes.isEmpty {
            let keep = max(0, footnotes.count - Int(((80 - plotHeight()) / lineHeight).rounded(.up)) - 1)
            let dropped = footnotes.count - keep
            footnotes = Array(footnotes.prefix(keep)) + ["… \(dropped) more announcement\(dropped == 1 ? "" : "s")"]
        }
        let plotBottom = h - fixedBottom - Double(notes.count + footnotes.count) * lineHeight

        // The y scale (its labels set the left margin), then the x mapping.
        let scale = ValueScale(covering: domain.low ?? 0, domain.high ?? 1, targetTicks: max(2, Int(plotHeight() / 45)))
        let tickLabels = scale.labels
        let unitWidth = chart.unit == nil ? 0.0 : SVGLayout.textSize + 6
        let left = margin + unitWidth + (tickLabels.map { SVGLayout.textWidth($0, size: SVGLayout.textSize) }.max() ?? 0) + 8
        let right = w - margin - 4
        func x(_ time: Int64) -> Double { left + domain.fraction(of: time) * (right - left) }

        // Marker labels above the plot, in as many rows as keep them apart.
        var labelRows: [[(start: Double, end: Double)]] = []
        var placedLabels: [(text: String, x: Double, row: Int)] = []
        for (number, marker) in markers {
            let date = TimeText.day(marker.time)
            let text = "\(number) · " + (marker.label.isEmpty ? date : "\(marker.label) from \(date)")
            let textWidth = SVGLayout.textWidth(text, size: SVGLayout.smallSize)
            let start = min(max(margin, x(marker.time) - textWidth / 2), w - margin - textWidth)
            let span = (start: start, end: start + textWidth)
            var row = 0
            while row < labelRows.count && labelRows[row].contains(where: { span.start < $0.end + 8 && $0.start < span.end + 8 }) { row += 1 }
            if row == labelRows.count { labelRows.append([]) }
            labelRows[row].append(span)
            placedLabels.append((text, start, row))
        }
        let plotTop = cursor + 10 + Double(labelRows.count) * 16
        func y(_ value: Double) -> Double { plotBottom - scale.fraction(of: value) * (plotBottom - plotTop) }

        // The grid, the plot area (for clipping) and the axes' labels.
        svg.open("defs")
        svg.open("clipPath", [("id", "plot-area")])
        svg.element(
            "rect",
            [
                ("class", "plot-area"), ("x", SVGDocument.number(left)), ("y", SVGDocument.number(plotTop)),
                ("width", SVGDocument.number(right - left)), ("height", SVGDocument.number(plotBottom - plotTop))
            ])
        svg.close("clipPath")
        svg.close("defs")
        let (step, ticks) = CalendarStep.choose(from: domain.start, through: domain.end) {
            Int((right - left) / (SVGLayout.textWidth(String(repeating: "0", count: $0.labelLength), size: SVGLayout.textSize) + 20))
        }
        svg.open("g", [("class", "grid"), ("stroke", Palette.svgGrid), ("stroke-width", "1")])
        for value in scale.ticks {
            svg.element(
                "line",
                [
                    ("x1", SVGDocument.number(left)), ("y1", SVGDocument.number(y(value))),
                    ("x2", SVGDocument.number(right)), ("y2", SVGDocument.number(y(value)))
                ])
        }
        for tick in ticks {
            svg.element(
                "line",
                [
                    ("x1", SVGDocument.number(x(tick))), ("y1", SVGDocument.number(plotTop)),
                    ("x2", SVGDocument.number(x(tick))), ("y2", SVGDocument.number(plotBottom))
                ])
        }
        svg.close("g")

        // Announcement rules.
        if !markers.isEmpty {
            svg.open("g", [("class", "markers"), ("stroke", Palette.svgMarker), ("stroke-width", "1.2"), ("stroke-dasharray", "4 3")])
            for (_, marker) in markers {
                svg.element(
                    "line",
                    [
                        ("x1", SVGDocument.number(x(marker.time))), ("y1", SVGDocument.number(plotTop - 4)),
                        ("x2", SVGDocument.number(x(marker.time))), ("y2", SVGDocument.number(plotBottom))
                    ])
            }
            svg.close("g")
        }

        // The lines, one path each, clipped to the plot; the points of sparse lines as dots.
        svg.open(
            "g",
            [
                ("class", "lines"), ("clip-path", "url(#plot-area)"), ("fill", "none"),
                ("stroke-linejoin", "round"), ("stroke-linecap", "round")
            ])
        var dots: [(x: Double, y: Double, line: ChartLine)] = []
        for (index, line) in chart.drawingOrder.enumerated() {
            let thin = line.thinned(columns: Int(right - left), start: domain.start, end: domain.end)
            var d = ""
            var previous: (x: Double, y: Double)?
            var visible = 0
            for k in 0..<thin.count where thin.values[k].isFinite {
                let point = (x: x(thin.times[k]), y: y(thin.values[k]))
                if let p = previous, thin.interpolation == .steps {
                    d += " L\(SVGDocument.number(point.x)),\(SVGDocument.number(p.y))"
                }
                d += (previous == nil ? "M" : " L") + "\(SVGDocument.number(point.x)),\(SVGDocument.number(point.y))"
                previous = point
                if domain.contains(thin.times[k]) { visible += 1 }
            }
            if thin.interpolation == .steps, let p = previous, p.x < right {
                d += " L\(SVGDocument.number(right)),\(SVGDocument.number(p.y))"
            }
            guard !d.isEmpty else { continue }
            var attributes = [("id", "line-\(index)"), ("class", "line \(line.style.rawValue)"), ("d", d), ("stroke", Palette.svg(line.colorSlot))]
            attributes += SVGLayout.stroke(line.style)
            svg.element("path", attributes)
            if line.style != .faint && visible > 0 && Double(visible) <= (right - left) / 12 {
                for k in 0..<thin.count where thin.values[k].isFinite && domain.contains(thin.times[k]) {
                    dots.append((x(thin.times[k]), y(thin.values[k]), line))
                }
            }
        }
        svg.close("g")
        if !dots.isEmpty {
            svg.open("g", [("class", "points"), ("clip-path", "url(#plot-area)")])
            for dot in dots {
                let colour = Palette.svg(dot.line.colorSlot)
                svg.element(
                    "circle",
                    [
                        ("cx", SVGDocument.number(dot.x)), ("cy", SVGDocument.number(dot.y)),
                        ("r", dot.line.style == .solid ? "3.5" : "3"),
                        ("fill", dot.line.style == .solid ? colour : "#ffffff"), ("stroke", colour), ("stroke-width", "1.5")
                    ])
            }
            svg.close("g")
        }

        // Axes and their labels.
        svg.open("g", [("class", "axes"), ("stroke", Palette.svgInk), ("stroke-width", "1")])
        svg.element(
            "line",
            [
                ("x1", SVGDocument.number(left)), ("y1", SVGDocument.number(plotTop)),
                ("x2", SVGDocument.number(left)), ("y2", SVGDocument.number(plotBottom))
            ])
        svg.element(
            "line",
            [
                ("x1", SVGDocument.number(left)), ("y1", SVGDocument.number(plotBottom)),
                ("x2", SVGDocument.number(right)), ("y2", SVGDocument.number(plotBottom))
            ])
        svg.close("g")
        svg.open("g", [("class", "tick-labels"), ("font-size", "12"), ("fill", Palette.svgInk)])
        for (value, label) in zip(scale.ticks, tickLabels) {
            svg.element(
                "text",
                [
                    ("class", "tick-label y"), ("x", SVGDocument.number(left - 6)), ("y", SVGDocument.number(y(value) + 4)),
                    ("text-anchor", "end")
                ], text: label)
        }
        var labelEnd = -Double.infinity
        for tick in ticks {
            let label = step.label(tick)
            let half = SVGLayout.textWidth(label, size: SVGLayout.textSize) / 2
            let centre = min(max(x(tick), margin + half), w - margin - half)
            guard centre - half > labelEnd + 6 else { continue }
            svg.element(
                "text",
                [
                    ("class", "tick-label x"), ("x", SVGDocument.number(centre)), ("y", SVGDocument.number(plotBottom + 18)),
                    ("text-anchor", "middle")
                ], text: label)
            labelEnd = centre + half
        }
        svg.close("g")
        if let unit = chart.unit {
            let centre = (plotTop + plotBottom) / 2, baseline = margin + SVGLayout.textSize - 2
            svg.element(
                "text",
                [
                    ("class", "unit"), ("x", SVGDocument.number(baseline)), ("y", SVGDocument.number(centre)),
                    ("transform", "rotate(-90 \(SVGDocument.number(baseline)) \(SVGDocument.number(centre)))"),
                    ("text-anchor", "middle"), ("font-size", "12"), ("fill", Palette.svgInk)
                ],
                text: SVGLayout.fitted(unit, width: plotBottom - plotTop, size: SVGLayout.textSize))
        }

        // Marker labels, footnotes and notes.
        if !placedLabels.isEmpty {
            svg.open("g", [("class", "marker-labels"), ("font-size", "11"), ("fill", Palette.svgMarker)])
            for label in placedLabels {
                svg.element(
                    "text",
                    [
                        ("class", "marker-label"), ("x", SVGDocument.number(label.x)),
                        ("y", SVGDocument.number(plotTop - 8 - Double(label.row) * 16))
                    ], text: label.text)
            }
            svg.close("g")
        }
        var baseline = plotBottom + 24
        for (index, text) in footnotes.enumerated() {
            baseline += lineHeight
            svg.element(
                "text",
                [
                    ("class", "footnote"), ("x", SVGDocument.number(margin)), ("y", SVGDocument.number(baseline)),
                    ("font-size", "11"), ("fill", index < markers.count ? Palette.svgMarker : "#555555")
                ],
                text: SVGLayout.fitted(text, width: w - 2 * margin, size: SVGLayout.smallSize))
        }
        for note in notes {
            baseline += lineHeight
            svg.element(
                "text",
                [
                    ("class", "note"), ("x", SVGDocument.number(margin)), ("y", SVGDocument.number(baseline)),
                    ("font-size", "11"), ("fill", "#555555")
                ],
                text: SVGLayout.fitted(note, width: w - 2 * margin, size: SVGLayout.smallSize))
        }
        document = svg.finished()
    }

    /// The stroke attributes of a line style: solid 2.2 px, dashed 1.6 px, faint 1 px pale.
    static func stroke(_ style: LineStyle) -> [(String, String)] {
        switch style {
        case .solid: [("stroke-width", "2.2")]
        case .dashed: [("stroke-width", "1.6"), ("stroke-dasharray", "6 4")]
        case .faint: [("stroke-width", "1"), ("stroke-opacity", "0.4")]
        }
    }

    /// Draws the legend from `top` down (entries wrapped to the width) and returns where it ends.
    private static func legend(_ chart: Chart, into svg: inout SVGDocument, top: Double, width: Double) -> Double {
        let entries = chart.legendEntries
        guard !entries.isEmpty else { return top }
        var x = margin, baseline = top + 14
        svg.open("g", [("class", "legend"), ("font-size", "12"), ("fill", Palette.svgInk)])
        for line in entries {
            let label = fitted(line.label, width: width - 2 * margin - 28, size: textSize)
            let entryWidth = 28 + textWidth(label, size: textSize)
            if x > margin && x + entryWidth > width - margin {
                x = margin
                baseline += 18
            }
            var attributes = [
                ("x1", SVGDocument.number(x)), ("y1", SVGDocument.number(baseline - 4)),
                ("x2", SVGDocument.number(x + 22)), ("y2", SVGDocument.number(baseline - 4)),
                ("stroke", Palette.svg(line.colorSlot))
            ]
            attributes += stroke(line.style)
            svg.element("line", attributes)
            svg.element("text", [("class", "legend-label"), ("x", SVGDocument.number(x + 28)), ("y", SVGDocument.number(baseline))], text: label)
            x += entryWidth + 18
        }
        svg.close("g")
        return baseline + 6
    }
}
