import VintageCore

/// One cell of printed output.
enum Cell {
    case text(String)
    case number(Double)
    case integer(Int64)
    case time(Timestamp)
    /// JSON text, embedded as-is in `json` output and as text elsewhere.
    case json([UInt8])
    /// Several texts: a JSON array in `json` output, joined with `;` elsewhere.
    case list([String])
    case empty

    /// A number, or an empty cell when there is none or it is not finite (an overflow).
    static func finite(_ value: Double?) -> Cell {
        guard let value, value.isFinite else { return .empty }
        return .number(value)
    }

    var plain: String {
        switch self {
        case .text(let s): s
        case .number(let v): v.shortestText
        case .integer(let v): String(v)
        case .time(let t): t.iso8601
        case .json(let bytes): String(decoding: bytes, as: UTF8.self)
        case .list(let items): items.joined(separator: ";")
        case .empty: ""
        }
    }

    /// The cell as a CSV field (quoted when it holds a comma, quote or line break).
    func appendCSV(to out: inout [UInt8]) {
        switch self {
        case .integer(let v): Self.appendDigits(v, to: &out)
        case .number(let v):
            if v == v.rounded(.towardZero), abs(v) < 9_007_199_254_740_992, v != 0 || v.sign == .plus {
                Self.appendDigits(Int64(v), to: &out)
            } else {
                out += v.shortestText.utf8
            }
        case .time(let t): t.appendISO8601(to: &out)
        case .empty: break
        case .text, .json, .list:
            // Over the string's contiguous UTF-8 (the generic `UTF8View` scan and appends cost
            // ~500 instructions a cell; issue 11 point 18).
            var text = plain
            text.withUTF8 { bytes in
                guard
                    bytes.contains(where: {
                        $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r")
                    })
                else {
                    out.append(contentsOf: bytes)
                    return
                }
                out.append(UInt8(ascii: "\""))
                for b in bytes {
                    if b == UInt8(ascii: "\"") { out.append(b) }
                    out.append(b)
                }
                out.append(UInt8(ascii: "\""))
            }
        }
    }

    /// The decimal digits of `value`, written backwards into a small buffer and appended at
    /// once (a byte at a time and reversing the slice cost ~950 instructions a number).
    private static func appendDigits(_ value: Int64, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var v = value.magnitude
            var at = 20
            repeat {
                at -= 1
                digits[at] = UInt8(truncatingIfNeeded: 48 &+ v % 10)
                v /= 10
            } while v > 0
            if value < 0 {
                at -= 1
                digits[at] = UInt8(ascii: "-")
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[at..<20]))
        }
    }

    var isNumeric: Bool {
        switch self {
        case .number, .integer: true
        default: false
        }
    }
}

/// Rows with named columns, printed as an aligned table, CSV with a header, or one JSON
/// object per line.
struct RowTable {
    var columns: [String]
    var rows: [[Cell]] = []

    init(columns: [String]) { self.columns = columns }

    mutating func append(_ row: [Cell]) { rows.append(row) }

    func render(_ format: OutputFormat) -> String {
        switch format {
        case .table: renderTable()
        case .csv: renderCSV()
        case .json: renderJSON()
        }
    }

    func print(_ format: OutputFormat) {
        if format == .csv {
            Terminal.writeOut(renderCSVBytes())
            return
        }
        let text = render(format)
        if !text.isEmpty { Swift.print(text, terminator: "") }
    }

    private func renderTable() -> String {
        let widths = Self.columnWidths(columns, rows)
        var out = Self.tableLine(columns, numeric: columns.map { _ in false }, widths: widths)
        for row in rows { out += Self.tableLine(row.map(\.plain), numeric: row.map(\.isNumeric), widths: widths) }
        return out
    }

    /// The width of each column: its widest cell or header.
    static func columnWidths(_ columns: [String], _ rows: [[Cell]]) -> [Int] {
        var widths = columns.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], visible(cell.plain).count) } }
        return widths
    }

    /// One line of a table: numbers right-aligned, text left-aligned, columns two spaces
    /// apart; a cell wider than its column pushes the rest of its line right. Control
    /// characters are shown escaped (see ``visible(_:)``).
    static func tableLine(_ cells: [String], numeric: [Bool], widths: [Int]) -> String {
        var parts: [String] = []
        for (i, cell) in cells.enumerated() {
            let text = visible(cell)
            let pad = String(repeating: " ", count: max(0, widths[i] - text.count))
            parts.append(numeric[i] ? pad + text : (i == cells.count - 1 ? text : text + pad))
        }
        var text = parts.joined(separator: "  ")
        // Empty trailing cells leave only padding.
        while text.last == " " { text.removeLast() }
        return text + "\n"
    }

    /// `text` with control characters (an event's text may hold terminal escapes) shown as
    /// `\u{1b}`-style escapes, so that a table never sends them to the terminal raw.
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) { out += "\\u{" + String(scalar.value, radix: 16) + "}" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    private func renderCSV() -> String { String(decoding: renderCSVBytes(), as: UTF8.self) }

    /// CSV written straight into bytes: a query can print a million rows.
    private func renderCSVBytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 * (rows.count + 1))
        out += columns.joined(separator: ",").utf8
        out.append(UInt8(ascii: "\n"))
        for row in rows { Self.appendCSVLine(row, to: &out) }
        return out
    }

    /// One CSV line: the cells separated by commas, then a line break.
    static func appendCSVLine(_ row: [Cell], to out: inout [UInt8]) {
        for (i, cell) in row.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            cell.appendCSV(to: &out)
        }
        out.append(UInt8(ascii: "\n"))
    }

    private func renderJSON() -> String {
        var out = ""
        for row in rows {
            out += String(decoding: Self.jsonLine(columns, row), as: UTF8.self)
        }
        return out
    }

    /// One JSON object with a key per non-empty cell, then a line break.
    static func jsonLine(_ columns: [String], _ row: [Cell]) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        for (name, cell) in zip(columns, row) {
            switch cell {
            case .empty: continue
            case .text(let s): w.key(text: name); w.string(s)
            // JSON has no infinity: an overflowed figure (a sum beyond ±1.8e308) is null.
            case .number(let v) where !v.isFinite: w.key(text: name); w.null()
            case .number(let v): w.key(text: name); w.number(v)
            case .integer(let v): w.key(text: name); w.integer(v)
            case .time(let t): w.key(text: name); w.timestamp(t)
            case .json(let bytes): w.key(text: name); w.raw(bytes)
            case .list(let items):
                w.key(text: name)
                w.beginArray()
                for item in items { w.string(item) }
                w.endArray()
            }
        }
        w.endObject()
        return w.bytes + [UInt8(ascii: "\n")]
    }
}
