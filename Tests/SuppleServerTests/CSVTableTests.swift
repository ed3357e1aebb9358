import Testing

@testable import SuppleServer

@Suite struct CSVTableTests {
    @Test("commas, quotes and line breaks are quoted; formulas stay text in a spreadsheet")
    func escaping() {
        var table = CSVTable(header: ["a", "b"])
        table.append(["plain", "has, comma"])
        table.append(["say \"hi\"", "two\nlines"])
        table.append(["=HYPERLINK(\"x\")", "@SUM(A1)"])
        #expect(table.text == "a,b\r\nplain,\"has, comma\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\r\n\"'=HYPERLINK(\"\"x\"\")\",'@SUM(A1)\r\n")
    }
}
