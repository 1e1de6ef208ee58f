/// Writes CSV rows: fields quoted only when they hold the separator, a quote or a line break.
struct CSVWriter {
    let sink: OutputSink

    func row(_ fields: [String]) {
        var first = true
        for f in fields {
            if !first { sink.write(CollectionOfOne(UInt8(ascii: ","))) }
            first = false
            if f.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) {
                var quoted: [UInt8] = [UInt8(ascii: "\"")]
                for b in f.utf8 {
                    if b == UInt8(ascii: "\"") { quoted.append(b) }
                    quoted.append(b)
                }
                quoted.append(UInt8(ascii: "\""))
                sink.write(quoted)
            } else {
                sink.write(f)
            }
        }
        sink.write(CollectionOfOne(UInt8(10)))
    }
}
