/// One line of terminal output as characters, each with the SGR parameters (e.g. `34` for
/// blue, `2;34` for dim blue) it is drawn with when colours are on.
struct StyledLine {
    private(set) var characters: [Character] = []
    private(set) var styles: [String?] = []

    init() {}

    init(_ text: String, style: String? = nil) { append(text, style: style) }

    /// A line of `count` spaces.
    init(spaces count: Int) {
        characters = Array(repeating: " ", count: max(0, count))
        styles = Array(repeating: nil, count: max(0, count))
    }

    var count: Int { characters.count }

    mutating func append(_ text: String, style: String? = nil) {
        for c in text {
            characters.append(c)
            styles.append(style)
        }
    }

    /// Writes `text` over the line from column `at` on (the line must be long enough).
    mutating func put(_ text: String, at column: Int, style: String? = nil) {
        for (k, c) in text.enumerated() where column + k < characters.count {
            characters[column + k] = c
            styles[column + k] = style
        }
    }

    /// The line cut to `width` characters, its last one an ellipsis when something was cut.
    func truncated(to width: Int) -> StyledLine {
        guard count > width else { return self }
        var cut = self
        cut.characters = Array(characters.prefix(max(0, width - 1))) + (width > 0 ? ["…"] : [])
        cut.styles = Array(styles.prefix(max(0, width - 1))) + (width > 0 ? [styles[width - 1]] : [])
        return cut
    }

    /// The text, with SGR escape sequences around styled runs when `colors` is on, trailing
    /// spaces removed.
    func rendered(colors: Bool) -> String {
        var end = characters.count
        while end > 0 && characters[end - 1] == " " { end -= 1 }
        var text = ""
        var current: String?
        for k in 0..<end {
            if colors && styles[k] != current {
                if current != nil { text += "\u{1B}[0m" }
                if let style = styles[k] { text += "\u{1B}[\(style)m" }
                current = styles[k]
            }
            text.append(characters[k])
        }
        if colors && current != nil { text += "\u{1B}[0m" }
        return text
    }
}
