import Testing

@testable import SelatFormats

@Suite("CSV as RFC 4180 and spreadsheets write it")
struct CSVReaderTests {
    func records(_ text: String) -> [CSVRecord] {
        var r = CSVReader(bytes: Array(text.utf8))
        var out: [CSVRecord] = []
        while let rec = r.next() { out.append(rec) }
        return out
    }

    @Test("quoted fields hold commas, doubled quotes and line breaks; lines are counted")
    func quoting() {
        let recs = records("a,b,c\n1,\"x, y\",\"he said \"\"go\"\"\"\n2,\"two\nlines\",z\n3,q,r\n")
        #expect(
            recs.map(\.fields) == [
                ["a", "b", "c"], ["1", "x, y", "he said \"go\""], ["2", "two\nlines", "z"],
                ["3", "q", "r"],
            ])
        #expect(recs.map(\.line) == [1, 2, 3, 5])
    }

    @Test("CRLF and a byte-order mark are handled; the raw record is kept")
    func crlfAndBOM() {
        let recs = records("\u{FEFF}a,b\r\n1,2\r\n\"3\",4")
        #expect(recs.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(Array(recs[1].raw) == Array("1,2".utf8))
        #expect(Array(recs[2].raw) == Array("\"3\",4".utf8))
    }

    @Test("empty lines are skipped, empty fields are kept")
    func empties() {
        let recs = records("a,b\n\n1,\n\n,2\n")
        #expect(recs.map(\.fields) == [["a", "b"], ["1", ""], ["", "2"]])
    }

    @Test("an unclosed quote is flagged, not swallowed silently")
    func unterminated() {
        let recs = records("a,b\n1,\"never closed\n2,3\n")
        #expect(recs.count == 2)
        #expect(recs[1].unterminatedQuote)
    }

    @Test("bytes that are not UTF-8 mark the field, not the file")
    func invalidUTF8() {
        var bytes = Array("a,b\n1,caf".utf8)
        bytes.append(0xE9)  // Latin-1 é
        bytes += Array("\n2,ok\n".utf8)
        var r = CSVReader(bytes: bytes)
        _ = r.next()
        let bad = r.next()!
        #expect(bad.invalidUTF8Fields == [1])
        #expect(r.next()!.fields == ["2", "ok"])
    }

    @Test("writer quotes only what needs it and reads back")
    func writerRoundTrip() {
        let values = ["plain", "with, comma", "with \"quote\"", "two\nlines", " padded ", ""]
        let line = CSVWriter.record(values)
        #expect(records(line).first?.fields == values)
    }

    @Test(
        "a field with a CRLF line break or a leading byte-order mark is quoted and reads back (found by fuzzing)"
    )
    func writerQuotesCRLFAndBOM() {
        let values = ["id", "two\r\nlines", "\u{FEFF}starts with a BOM"]
        #expect(CSVWriter.field("two\r\nlines") == "\"two\r\nlines\"")
        #expect(
            records("\u{FEFF}" + CSVWriter.record(["\u{FEFF}id"]) + CSVWriter.record(values)).map(
                \.fields)
                == [["\u{FEFF}id"], values])
    }

    @Test(
        "a record of one empty field is written as \"\" so it is not read as an empty line (found by fuzzing)"
    )
    func singleEmptyFieldRecord() {
        #expect(
            records("a\n" + CSVWriter.record([""]) + "b\n").map(\.fields) == [["a"], [""], ["b"]])
    }

    @Test(
        "a carriage return inside quotes at the end of a line is kept; the CR of a CRLF after the quote is not (found by fuzzing)"
    )
    func carriageReturnInsideQuotes() {
        #expect(
            records("a,\"b\r\"\nc,d\r\n\"e\"\r\n").map(\.fields) == [
                ["a", "b\r"], ["c", "d"], ["e"],
            ])
    }

    @Test("a quote followed by a combining mark is still doubled (found by fuzzing)")
    func quoteWithCombiningMark() {
        let value = "*\"3\"\u{073E}11"
        #expect(records(CSVWriter.record([value, "x"])).map(\.fields) == [[value, "x"]])
    }
}
