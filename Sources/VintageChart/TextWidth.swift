/// The estimated width of text in an SVG chart, from the advance widths of DejaVu Sans
/// (Debian's default sans-serif, which browsers and rsvg-convert use for the chart's font
/// list) plus 5 %, so that labels laid apart by it do not touch in the common sans-serif
/// fonts. Characters outside ASCII count as wide as an em.
enum TextWidth {
    /// Advance widths of printable ASCII (from the space), in thousandths of an em.
    private static let ascii: [Int] = [
        318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,  // space ! " # $ % & ' ( ) * + , - . /
        636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,  // 0-9 : ; < = > ?
        1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,  // @ A-O
        603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,  // P-Z [ \ ] ^ _
        500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,  // ` a-o
        635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838  // p-z { | } ~
    ]

    /// The width of `text` at font size `size` (bold text is about 8 % wider).
    static func of(_ text: String, size: Double, bold: Bool = false) -> Double {
        var thousandths = 0
        for scalar in text.unicodeScalars {
            let v = Int(scalar.value)
            if v >= 32 && v < 127 { thousandths += ascii[v - 32] } else if v == 0xB7 { thousandths += 318 } else { thousandths += 1000 }
        }
        return Double(thousandths) / 1000 * size * 1.05 * (bold ? 1.08 : 1)
    }

    /// `text` cut, with an ellipsis, to fit `width` at font size `size`.
    static func fitted(_ text: String, width: Double, size: Double, bold: Bool = false) -> String {
        guard of(text, size: size, bold: bold) > width else { return text }
        var kept = Array(text)
        while !kept.isEmpty && of(String(kept) + "…", size: size, bold: bold) > width { kept.removeLast() }
        return String(kept) + "…"
    }
}
