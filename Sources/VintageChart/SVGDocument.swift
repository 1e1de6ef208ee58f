/// A standalone SVG 1.1 document written element by element, with every attribute value and
/// text XML-escaped. Holds nothing that reaches outside the file: no scripts, links or fonts.
struct SVGDocument {
    private(set) var text: String

    /// Starts a document `width` × `height` pixels.
    init(width: Int, height: Int, fontFamily: String) {
        text = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
        text +=
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" font-family=\"\(SVGDocument.escaped(fontFamily))\">\n"
    }

    /// An element without content, e.g. `<line …/>`.
    mutating func element(_ name: String, _ attributes: [(String, String)]) {
        text += "<\(name)\(SVGDocument.attributes(attributes))/>\n"
    }

    /// An element holding text, e.g. `<text …>label</text>`.
    mutating func element(_ name: String, _ attributes: [(String, String)], text content: String) {
        text += "<\(name)\(SVGDocument.attributes(attributes))>\(SVGDocument.escaped(content))</\(name)>\n"
    }

    /// Opens a group or another container element.
    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        text += "<\(name)\(SVGDocument.attributes(attributes))>\n"
    }

    /// Closes the container `name`.
    mutating func close(_ name: String) { text += "</\(name)>\n" }

    /// The finished document.
    mutating func finished() -> String {
        text += "</svg>\n"
        return text
    }

    private static func attributes(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(escaped($0.1))\"" }.joined()
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` escaped and the control characters XML 1.0
    /// forbids replaced by spaces.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += " "
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A coordinate with at most two decimals, e.g. `12.5`.
    static func number(_ value: Double) -> String {
        var text = ValueFormat.fixed(value, decimals: 2)
        while text.hasSuffix("0") && text.contains(".") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}
