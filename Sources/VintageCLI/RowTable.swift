import VintageCore

/// One cell of printed output.
enum Cell {
    case text(String)
    case number(Double)
    case integer(Int64)
    case time(Timestamp)
    /// JSON text, embedded as-is in `json` output and as text elsewhere.
    case json([UInt8])
    case empty

    var plain: String {
        switch self {
        case .text(let s): s
        case .number(let v): v.shortestText
        case .integer(let v): String(v)
        case .time(let t): t.iso8601
        case .json(let bytes): String(decoding: bytes, as: UTF8.self)
        case .empty: ""
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
        let text = render(format)
        if !text.isEmpty { Swift.print(text, terminator: "") }
    }

    private func renderTable() -> String {
        var widths = columns.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.plain.count) } }
        func line(_ cells: [String], numeric: [Bool]) -> String {
            var parts: [String] = []
            for (i, text) in cells.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - text.count)
                parts.append(numeric[i] ? pad + text : (i == cells.count - 1 ? text : text + pad))
            }
            return parts.joined(separator: "  ") + "\n"
        }
        var out = line(columns, numeric: columns.map { _ in false })
        for row in rows { out += line(row.map(\.plain), numeric: row.map(\.isNumeric)) }
        return out
    }

    private func renderCSV() -> String {
        func quote(_ s: String) -> String {
            guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var out = columns.joined(separator: ",") + "\n"
        for row in rows { out += row.map { quote($0.plain) }.joined(separator: ",") + "\n" }
        return out
    }

    private func renderJSON() -> String {
        var out = ""
        for row in rows {
            var w = JSONWriter()
            w.beginObject()
            for (name, cell) in zip(columns, row) {
                switch cell {
                case .empty: continue
                case .text(let s): w.key(text: name); w.string(s)
                case .number(let v): w.key(text: name); w.number(v)
                case .integer(let v): w.key(text: name); w.integer(v)
                case .time(let t): w.key(text: name); w.timestamp(t)
                case .json(let bytes): w.key(text: name); w.raw(bytes)
                }
            }
            w.endObject()
            out += String(decoding: w.bytes, as: UTF8.self) + "\n"
        }
        return out
    }
}

private extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
