/// One record of a CSV file: its fields as text and the line it starts on (1 = the header).
public struct CSVRecord: Sendable, Equatable {
    public var fields: [String]
    public var line: Int
    /// Set when the record is malformed in a way that spoils only this row.
    public var problem: String?

    public init(fields: [String], line: Int, problem: String? = nil) {
        self.fields = fields
        self.line = line
        self.problem = problem
    }
}

/// Why a file cannot be read as CSV text at all. These refuse the whole file.
public enum CSVFileProblem: Error, Equatable, Sendable {
    case notText(line: Int)
    case notUTF8(line: Int)
    case unclosedQuote(line: Int)
    case recordTooLong(line: Int, limit: Int)
}

/// A CSV reader that is fed the file in chunks of any size and returns the records completed by
/// each chunk, so memory holds one chunk and one record, whatever the file's size. RFC 4180:
/// comma-separated, fields optionally in double quotes (with `""` for a quote), which may hold
/// commas and line breaks. Accepts a UTF-8 byte order mark, CRLF or LF line ends, and skips
/// blank lines.
public struct CSVStreamParser: Sendable {
    enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    public let maxRecordBytes: Int
    private var state = State.fieldStart
    private var field: [UInt8] = []
    /// Every byte of `field` ORed together: below 0x80 means plain ASCII, which needs no UTF-8 check.
    private var fieldBits: UInt8 = 0
    private var fields: [String] = []
    private var recordBytes = 0
    private var problem: String?
    private var line = 1
    private var recordLine = 1
    private var afterCR = false
    private var atStart = true
    private var pendingStart: [UInt8] = []

    public init(maxRecordBytes: Int = 64 * 1024) {
        self.maxRecordBytes = maxRecordBytes
        field.reserveCapacity(128)
    }

    /// The line the next record starts on; after `finish`, one past the last line.
    public var currentLine: Int { line }

    public mutating func parse(_ chunk: [UInt8]) throws(CSVFileProblem) -> [CSVRecord] {
        var out: [CSVRecord] = []
        if atStart {
            // The byte order mark may arrive split across chunks: wait for three bytes.
            pendingStart += chunk
            guard pendingStart.count >= 3 else { return out }
            atStart = false
            let bytes = pendingStart
            pendingStart = []
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            try consume(bytes.starts(with: bom) ? Array(bytes.dropFirst(3)) : bytes, into: &out)
            return out
        }
        try consume(chunk, into: &out)
        return out
    }

    /// Ends the file: returns the last record if the file did not end with a line break.
    public mutating func finish() throws(CSVFileProblem) -> [CSVRecord] {
        var out: [CSVRecord] = []
        if atStart {
            atStart = false
            let bytes = pendingStart
            pendingStart = []
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            try consume(bytes == bom ? [] : bytes, into: &out)
        }
        switch state {
        case .quoted: throw .unclosedQuote(line: recordLine)
        case .fieldStart where fields.isEmpty: break
        default: try endRecord(into: &out)
        }
        return out
    }

    private mutating func consume(_ bytes: [UInt8], into out: inout [CSVRecord]) throws(CSVFileProblem) {
        let comma = UInt8(ascii: ",")
        let quote = UInt8(ascii: "\"")
        let cr = UInt8(ascii: "\r")
        let lf = UInt8(ascii: "\n")
        for byte in bytes {
            if byte == 0 { throw .notText(line: line) }
            if afterCR {
                afterCR = false
                if byte == lf { continue }
            }
            recordBytes += 1
            if recordBytes > maxRecordBytes { throw .recordTooLong(line: recordLine, limit: maxRecordBytes) }
            switch state {
            case .fieldStart, .unquoted:
                if byte == comma {
                    try endField()
                    state = .fieldStart
                } else if byte == cr || byte == lf {
                    try endLine(afterCR: byte == cr, into: &out)
                } else if byte == quote && state == .fieldStart {
                    state = .quoted
                } else {
                    field.append(byte)
                    fieldBits |= byte
                    state = .unquoted
                }
            case .quoted:
                if byte == quote {
                    state = .quoteInQuoted
                } else {
                    if byte == lf || (byte == cr) { line += 1 }
                    if byte == cr {
                        afterCR = true
                        field.append(lf)
                        continue
                    }
                    field.append(byte)
                    fieldBits |= byte
                }
            case .quoteInQuoted:
                if byte == quote {
                    field.append(quote)
                    state = .quoted
                } else if byte == comma {
                    try endField()
                    state = .fieldStart
                } else if byte == cr || byte == lf {
                    try endLine(afterCR: byte == cr, into: &out)
                } else {
                    if problem == nil { problem = "a quoted field has text after its closing quote" }
                    field.append(byte)
                    fieldBits |= byte
                    state = .unquoted
                }
            }
        }
    }

    /// A line break outside quotes ends the record; a CR may be followed by the LF of a CRLF.
    private mutating func endLine(afterCR: Bool, into out: inout [CSVRecord]) throws(CSVFileProblem) {
        self.afterCR = afterCR
        try endRecord(into: &out)
        line += 1
        recordLine = line
    }

    private mutating func endField() throws(CSVFileProblem) {
        if fieldBits < 0x80 {
            fields.append(String(decoding: field, as: UTF8.self))
        } else {
            guard let text = String(validating: field, as: UTF8.self) else { throw .notUTF8(line: line) }
            fields.append(text)
        }
        field.removeAll(keepingCapacity: true)
        fieldBits = 0
    }

    private mutating func endRecord(into out: inout [CSVRecord]) throws(CSVFileProblem) {
        let blank = fields.isEmpty && field.isEmpty && state == .fieldStart
        if !blank {
            try endField()
            out.append(CSVRecord(fields: fields, line: recordLine, problem: problem))
        }
        fields.removeAll(keepingCapacity: true)
        field.removeAll(keepingCapacity: true)
        fieldBits = 0
        problem = nil
        recordBytes = 0
        state = .fieldStart
    }
}
