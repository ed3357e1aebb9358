import Foundation

/// Reads a gettext PO file (the format translators' tools such as Poedit and Weblate edit):
/// `msgid "English"` / `msgstr "Translation"` pairs, strings continued over several quoted lines,
/// `#` comments, C escapes (\" \\ \n \t). Contexts and plurals are not used by Supple and are
/// refused, so a file that relies on them is not half-read.
enum POFile {
    struct Entry: Equatable {
        let id: String
        let translation: String
        let line: Int
    }

    struct Problem: Error, Equatable {
        let line: Int
        let message: String
    }

    static func parse(_ text: String) -> (entries: [Entry], problems: [Problem]) {
        var entries: [Entry] = []
        var problems: [Problem] = []
        var field: String?
        var id: String?
        var translation: String?
        var entryLine = 0

        func finish() {
            defer {
                id = nil
                translation = nil
                field = nil
            }
            guard let id else {
                if translation != nil { problems.append(Problem(line: entryLine, message: "msgstr without a msgid")) }
                return
            }
            guard let translation else {
                problems.append(Problem(line: entryLine, message: "msgid without a msgstr"))
                return
            }
            // The empty msgid is the file's header (Language, Content-Type); not a translation.
            if !id.isEmpty { entries.append(Entry(id: id, translation: translation, line: entryLine)) }
        }

        for (index, rawLine) in text.components(separatedBy: "\n").enumerated() {
            let number = index + 1
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") {
                if line.isEmpty, translation != nil { finish() }
                continue
            }
            if line.hasPrefix("msgctxt") || line.hasPrefix("msgid_plural") || line.hasPrefix("msgstr[") {
                problems.append(Problem(line: number, message: "contexts and plural forms are not supported"))
                continue
            }
            let keyword: String
            let rest: Substring
            if line.hasPrefix("msgid ") {
                if id != nil || translation != nil { finish() }
                keyword = "msgid"
                rest = line.dropFirst(6)
                entryLine = number
            } else if line.hasPrefix("msgstr ") {
                guard id != nil, translation == nil else {
                    problems.append(Problem(line: number, message: "msgstr must follow one msgid"))
                    continue
                }
                keyword = "msgstr"
                rest = line.dropFirst(7)
            } else if line.hasPrefix("\"") {
                guard let current = field else {
                    problems.append(Problem(line: number, message: "a string outside msgid or msgstr"))
                    continue
                }
                keyword = current
                rest = Substring(line)
            } else {
                problems.append(Problem(line: number, message: "is not a PO line (msgid, msgstr, a quoted string or a # comment)"))
                continue
            }
            guard let value = unquote(rest.trimmingCharacters(in: .whitespaces)) else {
                problems.append(Problem(line: number, message: "has a badly quoted string"))
                continue
            }
            field = keyword
            if keyword == "msgid" { id = (id ?? "") + value } else { translation = (translation ?? "") + value }
        }
        finish()
        return (entries, problems)
    }

    /// `"text with \"escapes\""` → its text, or nil when the quoting is broken.
    static func unquote(_ quoted: String) -> String? {
        guard quoted.count >= 2, quoted.hasPrefix("\""), quoted.hasSuffix("\"") else { return nil }
        var result = ""
        var escaping = false
        for character in quoted.dropFirst().dropLast() {
            if escaping {
                switch character {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "\"", "\\": result.append(character)
                default: return nil
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else if character == "\"" {
                return nil
            } else {
                result.append(character)
            }
        }
        return escaping ? nil : result
    }

    /// The string quoted for a PO file.
    static func quote(_ text: String) -> String {
        "\""
            + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(
                of: "\n",
                with: "\\n"
            ) + "\""
    }
}
