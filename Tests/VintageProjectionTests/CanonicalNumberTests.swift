import Testing

@testable import VintageFolds

/// The replay's reader of canonical JSON reads numbers with the decoder's reader
/// (VintageCore's JSONNumber): the same values, and nil for what is not a finite number.
@Suite struct CanonicalNumberTests {
    @Test func theReplaysCanonicalReaderReadsNumbersAsTheDecoderDoes() {
        for (text, value) in [
            ("6.0e9", 6e9), ("-0", -0.0), ("65.8e9", 65.8e9), ("1e22", 1e22), ("0.1", 0.1),
            ("123456789012345678901234", 123456789012345678901234.0)
        ] as [(String, Double)] {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { b in
                var cursor = CanonicalCursor(b)
                #expect(cursor.finiteNumber()?.bitPattern == value.bitPattern, "\(text)")
                #expect(cursor.atEnd)
            }
        }
        for text in ["1e400", "01", "1.", "-", "1e"] {
            Array(text.utf8).withUnsafeBufferPointer { b in
                var cursor = CanonicalCursor(b)
                #expect(cursor.finiteNumber() == nil, "\(text)")
            }
        }
    }
}
