/// The columns of an eligibility file, found by name in its header row (in any order).
public struct RosterColumns: Sendable, Equatable {
    public static let required = ["member_id", "first_name", "last_name", "date_of_birth", "relationship", "coverage_start"]
    public static let optional = ["email", "postal_code", "coverage_end"]
    public static var all: [String] { required + optional }

    /// Where each known column sits in a row.
    public let positions: [String: Int]
    public let count: Int

    /// Reads the header row. A missing required column, an unknown (often misspelled) column or
    /// a column named twice refuses the whole file, naming the column.
    public init(header: [String]) throws(RosterRefusal) {
        var positions: [String: Int] = [:]
        for (index, raw) in header.enumerated() {
            let name = raw.trimmingSpaces.lowercased()
            guard Self.all.contains(name) else {
                let hint = Self.closest(to: name).map { " Did you mean \"\($0)\"?" } ?? ""
                throw RosterRefusal.unknownColumn(name: String(raw.prefix(60)), hint: hint)
            }
            guard positions[name] == nil else { throw RosterRefusal.duplicateColumn(name: name) }
            positions[name] = index
        }
        let missing = Self.required.filter { positions[$0] == nil }
        if !missing.isEmpty { throw RosterRefusal.missingColumns(missing) }
        self.positions = positions
        self.count = header.count
    }

    /// The known column a misspelling most likely meant (within two edits).
    static func closest(to name: String) -> String? {
        all.map { ($0, editDistance($0, name)) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (no Foundation, for speed on big files).
    var trimmingSpaces: String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last,
            first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") || last == UInt8(ascii: " ") || last == UInt8(ascii: "\t")
        else { return self }
        var text = Substring(self)
        while let c = text.first, c == " " || c == "\t" { text.removeFirst() }
        while let c = text.last, c == " " || c == "\t" { text.removeLast() }
        return String(text)
    }
}
