import Foundation

/// RFC 4180 CSV for downloads that people open in spreadsheets. Fields with a comma, quote or
/// line break are quoted, and a field that a spreadsheet would run as a formula (starting with
/// =, +, -, @, tab or carriage return) is prefixed with an apostrophe so it stays text.
struct CSVTable {
    let header: [String]
    var rows: [[String]] = []

    init(header: [String]) { self.header = header }

    mutating func append(_ row: [String]) { rows.append(row) }

    var text: String {
        ([header] + rows).map { $0.map(Self.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func field(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
