import Foundation
import Testing

@testable import VintageChart

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct SVGChartTests {
    @Test func svgIsXMLWithOnePathPerLineAndNothingExternal() throws {
        let text = ChartFixtures.trade.svg()
        let svg = try SVGInspection(text)
        #expect(svg.root.name == "svg")
        #expect(SVGInspection.attribute(svg.root, "version") == "1.1")
        let paths = svg.elements("path")
        #expect(paths.count == ChartFixtures.trade.lines.count)
        #expect(paths.map { SVGInspection.classes($0).last! }.sorted() == ["dashed", "faint", "solid", "solid"])
        for forbidden in ["<script", "href", "@import", "url(http", "<image", "<foreignObject"] { #expect(!text.contains(forbidden), "\(forbidden)") }
        // Titles are escaped, and come back as written.
        #expect(text.contains("&lt;again&gt; &amp; more"))
        #expect(svg.elements("text").contains { ($0.stringValue ?? "").hasSuffix("<again> & more") })
    }

    @Test func pointsLieWhereTheirTimesAndValuesSay() throws {
        let svg = try SVGInspection(ChartFixtures.straight.svg(width: 600, height: 300))
        let area = svg.plotArea
        let path = try #require(svg.elements("path").first)
        let points = SVGInspection.points(ofPath: SVGInspection.attribute(path, "d")!)
        let expected = [(0.0, 0.0), (0.5, 0.5), (1.0, 1.0)].map { (area.x + $0.0 * area.width, area.y + area.height - $0.1 * area.height) }
        #expect(points.count == 3)
        for (point, want) in zip(points, expected) {
            #expect(abs(point.x - want.0) < 0.01 && abs(point.y - want.1) < 0.01, "\(point) vs \(want)")
        }
    }

    @Test func labelsStayInsideTheCanvasAndApart() throws {
        for (width, height) in [(800, 450), (400, 300), (1200, 600)] {
            let svg = try SVGInspection(ChartFixtures.trade.svg(width: width, height: height))
            let boxes = svg.textBoxes
            #expect(boxes.count > 10)
            for box in boxes {
                #expect(box.left >= 0 && box.top >= 0 && box.right <= svg.width && box.bottom <= svg.height, "\(box) in \(width)x\(height)")
            }
            for (i, a) in boxes.enumerated() {
                for b in boxes[(i + 1)...] { #expect(!a.overlaps(b), "\(a.text) overlaps \(b.text) in \(width)x\(height)") }
            }
        }
    }

    @Test func svgMatchesItsGoldenFileStructurally() throws {
        let actual = ChartFixtures.trade.svg()
        let golden = try ChartFixtures.golden("trade.svg", actual: actual)
        let a = try SVGInspection(actual).root, g = try SVGInspection(golden).root
        try Self.expectSame(a, g, path: "svg")
    }

    /// Compares two elements: names, attributes (numbers within 0.01, other text exactly),
    /// texts and children, recursively.
    static func expectSame(_ a: XMLElement, _ b: XMLElement, path: String) throws {
        #expect(a.name == b.name, "\(path)")
        let attributesA = Dictionary(uniqueKeysWithValues: (a.attributes ?? []).map { ($0.name!, $0.stringValue!) })
        let attributesB = Dictionary(uniqueKeysWithValues: (b.attributes ?? []).map { ($0.name!, $0.stringValue!) })
        #expect(Set(attributesA.keys) == Set(attributesB.keys), "\(path)")
        for (name, valueA) in attributesA {
            guard let valueB = attributesB[name] else { continue }
            let tokensA = tokens(valueA), tokensB = tokens(valueB)
            #expect(tokensA.count == tokensB.count, "\(path)@\(name)")
            for (x, y) in zip(tokensA, tokensB) {
                if let p = Double(x), let q = Double(y) {
                    #expect(abs(p - q) < 0.01, "\(path)@\(name): \(x) vs \(y)")
                } else {
                    #expect(x == y, "\(path)@\(name)")
                }
            }
        }
        let childrenA = (a.children ?? []).compactMap { $0 as? XMLElement }, childrenB = (b.children ?? []).compactMap { $0 as? XMLElement }
        #expect(childrenA.count == childrenB.count, "\(path)")
        if childrenA.isEmpty { #expect(a.stringValue == b.stringValue, "\(path)") }
        for (k, (x, y)) in zip(childrenA, childrenB).enumerated() { try expectSame(x, y, path: "\(path)/\(x.name ?? "?")[\(k)]") }
    }

    /// An attribute's text split into numbers and the rest.
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = [], current = ""
        var numeric = false
        for c in text {
            let isNumeric = c.isNumber || c == "." || (c == "-" && current.isEmpty)
            if isNumeric != numeric && !current.isEmpty { tokens.append(current); current = "" }
            numeric = isNumeric || (c == "-" && current.isEmpty)
            current.append(c)
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }
}
