/// A grid of terminal cells drawn with Unicode braille characters: each cell holds 2 × 4
/// dots, so a canvas of `columns` × `rows` cells has `2 × columns` × `4 × rows` dots. Each
/// cell remembers the ink of the last dot set in it (one colour per cell, as a terminal has).
struct BrailleCanvas {
    /// The colour and style of a dot.
    struct Ink: Hashable {
        var slot: Int
        var style: LineStyle
    }

    let columns: Int
    let rows: Int
    private(set) var bits: [UInt8]
    private(set) var inks: [Ink?]

    init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
        bits = Array(repeating: 0, count: columns * rows)
        inks = Array(repeating: nil, count: columns * rows)
    }

    var dotWidth: Int { columns * 2 }
    var dotHeight: Int { rows * 4 }

    /// The bit of each dot in a braille character (U+2800 + bits), by [x][y] within the cell.
    private static let dotBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    /// Sets the dot at (`x`, `y`), counted from the top left; dots off the canvas are ignored.
    mutating func set(_ x: Int, _ y: Int, _ ink: Ink) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let cell = (y / 4) * columns + x / 2
        bits[cell] |= BrailleCanvas.dotBits[x % 2][y % 4]
        inks[cell] = ink
    }

    /// Draws the segment from (`x0`, `y0`) to (`x1`, `y1`) in dot coordinates (clipped to
    /// the canvas), skipping dots as `style`'s pattern says; `phase` counts the dots along a
    /// whole line so that dashes continue from one segment to the next.
    mutating func segment(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, _ ink: Ink, phase: inout Int) {
        guard let (a, b) = clip(x0, y0, x1, y1) else { return }
        var x = Int(a.x.rounded()), y = Int(a.y.rounded())
        let xEnd = Int(b.x.rounded()), yEnd = Int(b.y.rounded())
        let dx = abs(xEnd - x), dy = -abs(yEnd - y)
        let sx = x < xEnd ? 1 : -1, sy = y < yEnd ? 1 : -1
        var error = dx + dy
        while true {
            if BrailleCanvas.inked(phase, ink.style) { set(x, y, ink) }
            phase += 1
            if x == xEnd && y == yEnd { break }
            let doubled = 2 * error
            if doubled >= dy { error += dy; x += sx }
            if doubled <= dx { error += dx; y += sy }
        }
    }

    /// Whether the dot `phase` dots along a line of `style` is drawn: every dot of a solid
    /// line, four of every six of a dashed one, one of every three of a faint one.
    static func inked(_ phase: Int, _ style: LineStyle) -> Bool {
        switch style {
        case .solid: true
        case .dashed: phase % 6 < 4
        case .faint: phase % 3 == 0
        }
    }

    /// The part of a segment inside the canvas (Liang–Barsky), or nil when none is.
    private func clip(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> ((x: Double, y: Double), (x: Double, y: Double))? {
        guard x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite else { return nil }
        let xMax = Double(dotWidth - 1), yMax = Double(dotHeight - 1)
        var t0 = 0.0, t1 = 1.0
        let dx = x1 - x0, dy = y1 - y0
        for (p, q) in [(-dx, x0), (dx, xMax - x0), (-dy, y0), (dy, yMax - y0)] {
            if p == 0 {
                if q < 0 { return nil }
                continue
            }
            let r = q / p
            if p < 0 { if r > t1 { return nil }; if r > t0 { t0 = r } } else { if r < t0 { return nil }; if r < t1 { t1 = r } }
        }
        return ((x0 + t0 * dx, y0 + t0 * dy), (x0 + t1 * dx, y0 + t1 * dy))
    }

    /// The braille character of a cell, or nil when none of its dots is set.
    func character(column: Int, row: Int) -> Character? {
        let b = bits[row * columns + column]
        guard b != 0 else { return nil }
        return Character(Unicode.Scalar(0x2800 + UInt32(b))!)
    }

    /// The ink of a cell's last dot.
    func ink(column: Int, row: Int) -> Ink? { inks[row * columns + column] }
}
