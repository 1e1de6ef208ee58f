/// Rows printed as they come, in constant memory: CSV and JSON lines are written row by
/// row; a table holds back its first ``lookAhead`` rows to choose the column widths, then
/// prints every later row at once (a later cell wider than its column pushes the rest of
/// its line right).
///
/// For output that can be longer than memory (`vintage log`). When the reader of standard
/// output goes away (`vintage log | head -1`), the process stops at once and quietly; see
/// ``StandardOutput``.
struct RowStream {
    /// How many rows a table reads before it fixes its column widths.
    static let lookAhead = 1_000

    let columns: [String]
    let format: OutputFormat
    private var out = StandardOutput()
    /// The rows a table holds back until it knows its column widths.
    private var held: [[Cell]] = []
    /// The table's column widths, once chosen.
    private var widths: [Int]?

    /// Starts the output: CSV's header now, a table's with its first rows.
    init(columns: [String], format: OutputFormat) {
        self.columns = columns
        self.format = format
        if format == .csv {
            out.write(Array(columns.joined(separator: ",").utf8) + [UInt8(ascii: "\n")])
        }
    }

    /// Prints one row (a table may hold it back until it knows its column widths).
    mutating func append(_ row: [Cell]) {
        switch format {
        case .csv:
            out.withBuffer { RowTable.appendCSVLine(row, to: &$0) }
        case .json:
            out.write(RowTable.jsonLine(columns, row))
        case .table:
            if let widths {
                out.write(Array(RowTable.tableLine(row.map(\.plain), numeric: row.map(\.isNumeric), widths: widths).utf8))
            } else {
                held.append(row)
                if held.count == Self.lookAhead { releaseHeldRows() }
            }
        }
    }

    /// Lets `body` append a line of output itself (JSON lines only: nothing is held back).
    mutating func withBuffer(_ body: (inout [UInt8]) -> Void) {
        precondition(format == .json, "only JSON lines are written by the caller")
        out.withBuffer(body)
    }

    /// Prints what is held back and flushes standard output.
    mutating func finish() {
        if format == .table && widths == nil { releaseHeldRows() }
        out.flush()
    }

    /// Fixes the table's widths from the rows held back and prints the header and them.
    private mutating func releaseHeldRows() {
        let widths = RowTable.columnWidths(columns, held)
        self.widths = widths
        out.write(Array(RowTable.tableLine(columns, numeric: columns.map { _ in false }, widths: widths).utf8))
        for row in held {
            out.write(Array(RowTable.tableLine(row.map(\.plain), numeric: row.map(\.isNumeric), widths: widths).utf8))
        }
        held = []
    }
}
