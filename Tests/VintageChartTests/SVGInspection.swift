import Foundation

@testable import VintageChart

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An SVG document parsed as XML, with what the tests look at: paths, texts and their boxes.
struct SVGInspection {
    let document: XMLDocument
    let width: Double
    let height: Double

    init(_ text: String) throws {
        document = try XMLDocument(xmlString: text, options: [])
        let root = document.rootElement()!
        guard let width = SVGInspection.attribute(root, "width").flatMap(Double.init),
            let height = SVGInspection.attribute(root, "height").flatMap(Double.init)
        else {
            throw Unreadable(description: "no width or height among \((root.attributes ?? []).map { "\($0.name ?? "?")=\($0.stringValue ?? "?")" })")
        }
        (self.width, self.height) = (width, height)
    }

    var root: XMLElement { document.rootElement()! }

    struct Unreadable: Error, CustomStringConvertible { var description: String }

    /// The value of an element's attribute `name` (looked up by name among its attributes).
    static func attribute(_ element: XMLElement, _ name: String) -> String? {
        (element.attributes ?? []).first { $0.name == name || $0.localName == name }?.stringValue
    }

    /// Every element named `name`, in document order.
    func elements(_ name: String) -> [XMLElement] {
        var found: [XMLElement] = []
        func visit(_ element: XMLElement) {
            if element.name == name { found.append(element) }
            for child in element.children ?? [] { if let e = child as? XMLElement { visit(e) } }
        }
        visit(root)
        return found
    }

    /// The `class` attribute's words of an element.
    static func classes(_ element: XMLElement) -> [String] {
        (SVGInspection.attribute(element, "class") ?? "").split(separator: " ").map(String.init)
    }

    static func number(_ element: XMLElement, _ name: String) -> Double? {
        SVGInspection.attribute(element, name).flatMap(Double.init)
    }

    /// The points of a path made of M and L commands.
    static func points(ofPath d: String) -> [(x: Double, y: Double)] {
        d.split(whereSeparator: { $0 == " " }).map { token in
            let pair = token.dropFirst().split(separator: ",")
            return (Double(pair[0])!, Double(pair[1])!)
        }
    }

    /// The plot area: the clip path's rectangle.
    var plotArea: (x: Double, y: Double, width: Double, height: Double) {
        let rect = elements("rect").first { SVGInspection.classes($0).contains("plot-area") }!
        return (
            SVGInspection.number(rect, "x")!, SVGInspection.number(rect, "y")!, SVGInspection.number(rect, "width")!,
            SVGInspection.number(rect, "height")!
        )
    }

    /// A text's box as laid out: its estimated width from its anchor, its height from the
    /// baseline (ascent 0.8 em above, descent 0.25 em below), turned for a rotated text.
    struct Box {
        var text: String
        var left, top, right, bottom: Double
        func overlaps(_ other: Box) -> Bool {
            left < other.right && other.left < right && top < other.bottom && other.top < bottom
        }
    }

    /// The box of every `<text>` in the body (not the `<title>`).
    var textBoxes: [Box] {
        elements("text").map { element in
            let text = element.stringValue ?? ""
            let size = SVGInspection.inheritedNumber(element, "font-size") ?? 12
            let bold = SVGInspection.attribute(element, "font-weight") == "bold"
            let width = TextWidth.of(text, size: size, bold: bold)
            let x = SVGInspection.number(element, "x")!, y = SVGInspection.number(element, "y")!
            let anchor = SVGInspection.attribute(element, "text-anchor") ?? "start"
            let left = anchor == "middle" ? x - width / 2 : anchor == "end" ? x - width : x
            var box = Box(text: text, left: left, top: y - 0.8 * size, right: left + width, bottom: y + 0.25 * size)
            if let transform = SVGInspection.attribute(element, "transform"), transform.hasPrefix("rotate(-90") {
                // Turned a quarter left about (x, y): horizontal extents become vertical.
                box = Box(text: text, left: x - 0.8 * size, top: y - (box.right - x), right: x + 0.25 * size, bottom: y + (x - box.left))
            }
            return box
        }
    }

    private static func inheritedNumber(_ element: XMLElement, _ name: String) -> Double? {
        var current: XMLElement? = element
        while let e = current {
            if let value = number(e, name) { return value }
            current = e.parent as? XMLElement
        }
        return nil
    }
}
