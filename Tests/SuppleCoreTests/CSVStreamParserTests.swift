import SuppleCore
import Testing

@Suite struct CSVStreamParserTests {
    /// Parses the text fed in chunks of `size` bytes.
    static func parse(_ bytes: [UInt8], chunk size: Int = 4096) throws(CSVFileProblem) -> [CSVRecord] {
        var parser = CSVStreamParser()
        var records: [CSVRecord] = []
        var start = 0
        while start < bytes.count {
            records += try parser.parse(Array(bytes[start..<min(bytes.count, start + size)]))
            start += size
        }
        return records + (try parser.finish())
    }

    static func parse(_ text: String, chunk size: Int = 4096) throws(CSVFileProblem) -> [CSVRecord] {
        try parse(Array(text.utf8), chunk: size)
    }

    @Test("quoted fields keep commas, quotes and line breaks; line numbers are where each row starts")
    func quoted() throws {
        let text = "a,b,c\r\n1,\"Smith, Jr.\",\"said \"\"hi\"\"\"\r\n2,\"two\nlines\",x\r\n3,,\r\n"
        for size in [1, 2, 3, 7, 4096] {
            let records = try Self.parse(text, chunk: size)
            #expect(
                records.map(\.fields) == [["a", "b", "c"], ["1", "Smith, Jr.", "said \"hi\""], ["2", "two\nlines", "x"], ["3", "", ""]],
                "chunk \(size)"
            )
            #expect(records.map(\.line) == [1, 2, 3, 5], "chunk \(size)")
        }
    }

    @Test("a byte order mark, LF line ends, blank lines and a missing final line break are all fine")
    func bomAndLineEnds() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("member_id,x\n\nA1,é\n\r\nA2,y".utf8)
        for size in [1, 2, 4096] {
            let records = try Self.parse(bytes, chunk: size)
            #expect(records.map(\.fields) == [["member_id", "x"], ["A1", "é"], ["A2", "y"]])
            #expect(records.map(\.line) == [1, 3, 5])
        }
    }

    @Test("a quote that never closes refuses the file, naming the line it opened on")
    func unclosed() {
        #expect(throws: CSVFileProblem.unclosedQuote(line: 2)) { try Self.parse("a,b\n1,\"oops\n2,3\n") }
    }

    @Test("NUL bytes mean the file is not text; bad UTF-8 is named by line")
    func notText() {
        #expect(throws: CSVFileProblem.notText(line: 2)) { try Self.parse([97, 10, 0, 1, 2]) }
        #expect(throws: CSVFileProblem.notUTF8(line: 2)) {
            try Self.parse(Array("a,b\n".utf8) + [0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72, 0x2C, 0x78, 0x0A])
        }
    }

    @Test("text after a closing quote spoils only that row")
    func strayText() throws {
        let records = try Self.parse("a,b\n\"x\"y,1\n2,3\n")
        #expect(records[1].problem != nil)
        #expect(records[2].problem == nil)
    }

    @Test("a record longer than the limit refuses the file")
    func tooLong() {
        var parser = CSVStreamParser(maxRecordBytes: 100)
        #expect(throws: CSVFileProblem.recordTooLong(line: 1, limit: 100)) { _ = try parser.parse(Array(repeating: UInt8(ascii: "x"), count: 500)) }
    }
}
