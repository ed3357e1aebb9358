/// Why a roster file was refused as a whole. Nothing from a refused file is written; the message
/// says what to fix.
public enum RosterRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case noRows
    case notCSV(kind: String)
    case notUTF8(line: Int)
    case unclosedQuote(line: Int)
    case recordTooLong(line: Int)
    case tooLarge(limitBytes: Int)
    case missingColumns([String])
    case unknownColumn(name: String, hint: String)
    case duplicateColumn(name: String)
    case tooManyRejected(rejected: Int, read: Int, limitShare: Double)

    public var description: String {
        switch self {
        case .empty:
            return "The file is empty. Choose the roster file (CSV with a header row) and try again."
        case .noRows:
            return "The file has a header row but no people in it. Nothing was changed."
        case .notCSV(let kind):
            return "This file is not a CSV text file (it looks like \(kind)). Save the roster as \"CSV UTF-8\" and upload that."
        case .notUTF8(let line):
            return "Line \(line) is not UTF-8 text. Save the roster as \"CSV UTF-8\" and upload that."
        case .unclosedQuote(let line):
            return "A quoted field that starts on line \(line) is never closed, so the rest of the file can't be read. Check the quotes on that line."
        case .recordTooLong(let line):
            return "Line \(line) is far longer than any roster row. Is this the right file? It should be CSV with one person per line."
        case .tooLarge(let limit):
            return "The file is larger than the limit of \(Self.size(limit)). Split it, or ask the operator to raise SUPPLE_ROSTER_MAX_BYTES."
        case .missingColumns(let names):
            return
                "The header row has no column named \(names.map { "\"\($0)\"" }.joined(separator: ", ")). Required columns: \(RosterColumns.required.joined(separator: ", "))."
        case .unknownColumn(let name, let hint):
            return "The header row has a column \"\(name)\" that Supple doesn't know.\(hint) Columns: \(RosterColumns.all.joined(separator: ", "))."
        case .duplicateColumn(let name):
            return "The header row names the column \"\(name)\" twice."
        case .tooManyRejected(let rejected, let read, let share):
            let percent = read == 0 ? 0 : Double(rejected) * 100 / Double(read)
            return
                "\(rejected) of \(read) rows (\(Self.percent(percent))) have problems, more than the \(Self.percent(share * 100)) allowed, so nothing was changed. Fix the rows listed and upload the file again."
        }
    }

    public static func size(_ bytes: Int) -> String {
        bytes >= 1_048_576 ? "\(bytes / 1_048_576) MB" : "\(max(1, bytes / 1024)) KB"
    }

    public static func percent(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? "\(Int(rounded))%" : "\(rounded)%"
    }

    /// The refusal for a file whose first bytes show it is something other than text.
    public static func sniff(_ start: [UInt8]) -> RosterRefusal? {
        if start.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .notCSV(kind: "a spreadsheet or a zip archive") }
        if start.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { return .notCSV(kind: "an old-style Excel workbook") }
        if start.starts(with: Array("%PDF".utf8)) { return .notCSV(kind: "a PDF") }
        if start.starts(with: [0xFF, 0xFE]) || start.starts(with: [0xFE, 0xFF]) { return .notCSV(kind: "UTF-16 text") }
        if start.prefix(512).contains(0) { return .notCSV(kind: "a binary file") }
        return nil
    }

    public init(_ problem: CSVFileProblem) {
        switch problem {
        case .notText: self = .notCSV(kind: "a binary file")
        case .notUTF8(let line): self = .notUTF8(line: line)
        case .unclosedQuote(let line): self = .unclosedQuote(line: line)
        case .recordTooLong(let line, _): self = .recordTooLong(line: line)
        }
    }
}
