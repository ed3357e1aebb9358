import Foundation
import SuppleCore

/// Every member-facing sentence Supple says, in every language it speaks. The English text is the
/// key (as in gettext), so templates and code stay readable in English and a missing translation
/// falls back to English rather than to a blank; `supple content check` and the tests refuse a
/// missing one for shipped text.
public struct TextCatalog: Sendable {
    /// Translations by language, keyed by the English text with its white space collapsed.
    let translations: [Language: [String: String]]
    /// The entries with `{name}` placeholders, to recognise sentences the engine filled in.
    let patterns: [Language: [TextPattern]]
    /// Names a filled-in value may carry (exercise names), by language and English name.
    let terms: [Language: [String: String]]

    public init(translations: [Language: [String: String]], terms: [Language: [String: String]] = [:]) {
        self.translations = translations.mapValues { table in
            Dictionary(table.map { (Self.key($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
        }
        self.patterns = self.translations.mapValues { table in
            table.compactMap { TextPattern(english: $0.key, translation: $0.value) }
                .sorted { ($0.literalLength, $0.translation) > ($1.literalLength, $1.translation) }
        }
        self.terms = terms
    }

    /// The same catalog knowing more names (the exercises' names in each language), so a filled-in
    /// sentence naming an exercise names it in the member's language.
    public func addingTerms(_ more: [Language: [String: String]]) -> TextCatalog {
        TextCatalog(translations: translations, terms: terms.merging(more) { old, new in old.merging(new) { _, newer in newer } })
    }

    /// The catalog shipped in `Resources/translations/<tag>.po`, read and checked once per
    /// process (as `ContentLibrary.bundled()` is).
    public static func bundled() throws -> TextCatalog {
        try bundledResult.get()
    }

    private static let bundledResult: Result<TextCatalog, ContentInvalid> = {
        guard let folder = Bundle.module.url(forResource: "Resources", withExtension: nil)?.appendingPathComponent("translations") else {
            return .failure(ContentInvalid(problems: [ContentProblem(file: "translations", field: "folder", message: "is missing from the bundle")]))
        }
        return load(from: folder)
    }()

    public static func load(from folder: URL) -> Result<TextCatalog, ContentInvalid> {
        var problems: [ContentProblem] = []
        var tables: [Language: [String: String]] = [:]
        for language in Language.translations {
            let file = "translations/\(language.tag).po"
            guard let text = try? String(contentsOf: folder.appendingPathComponent("\(language.tag).po"), encoding: .utf8) else {
                problems.append(ContentProblem(file: file, field: "file", message: "is missing or not UTF-8 text"))
                continue
            }
            let parsed = POFile.parse(text)
            problems += parsed.problems.map { ContentProblem(file: file, field: "line \($0.line)", message: $0.message) }
            var table: [String: String] = [:]
            for entry in parsed.entries {
                let key = Self.key(entry.id)
                if table[key] != nil {
                    problems.append(
                        ContentProblem(file: file, field: "line \(entry.line)", message: "translates \"\(entry.id.prefix(60))\" a second time")
                    )
                }
                if entry.translation.trimmingCharacters(in: .whitespaces).isEmpty {
                    problems.append(
                        ContentProblem(file: file, field: "line \(entry.line)", message: "has an empty translation for \"\(entry.id.prefix(60))\"")
                    )
                    continue
                }
                if placeholders(entry.id) != placeholders(entry.translation) {
                    problems.append(
                        ContentProblem(
                            file: file,
                            field: "line \(entry.line)",
                            message:
                                "must keep the placeholders \(placeholders(entry.id).keys.sorted()) of the English (has \(placeholders(entry.translation).keys.sorted()))"
                        )
                    )
                }
                table[key] = entry.translation
            }
            tables[language] = table
        }
        guard problems.isEmpty else { return .failure(ContentInvalid(problems: problems)) }
        return .success(TextCatalog(translations: tables))
    }

    /// `english` in `language`; the English itself when the catalog has no translation.
    public func text(_ english: String, in language: Language) -> String {
        guard language != .english, let table = translations[language] else { return english }
        let key = Self.key(english)
        if let exact = table[key] { return exact }
        if let filled = filledIn(key, in: language) { return filled }
        // Several engine sentences joined into one reason: each is translated on its own.
        let sentences = Self.sentences(key)
        guard sentences.count > 1 else { return english }
        let translated = sentences.map { table[$0] ?? filledIn($0, in: language) }
        guard translated.contains(where: { $0 != nil }) else { return english }
        return zip(sentences, translated).map { $1 ?? $0 }.joined(separator: " ")
    }

    /// A sentence an entry with placeholders produced, translated with the same values.
    func filledIn(_ key: String, in language: Language) -> String? {
        guard let patterns = patterns[language] else { return nil }
        for pattern in patterns {
            if let result = pattern.translate(key, term: { term($0, in: language) }) { return result }
        }
        return nil
    }

    /// A value inside a filled-in sentence: a name, a catalog word (matching its capital), or as is.
    func term(_ value: String, in language: Language) -> String {
        if let name = terms[language]?[value] { return name }
        if let word = translations[language]?[value] { return word }
        if let filled = filledIn(value, in: language) { return filled }
        guard let first = value.first, first.isLowercase else { return value }
        let capitalised = first.uppercased() + value.dropFirst()
        guard let word = translations[language]?[capitalised], let initial = word.first else { return value }
        return initial.lowercased() + word.dropFirst()
    }

    /// Sentences split after ". " where the next one starts with a capital letter.
    static func sentences(_ text: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            current.append(character)
            if character == ".", index + 2 < characters.count, characters[index + 1] == " ", characters[index + 2].isUppercase {
                sentences.append(current)
                current = ""
            } else if character == " ", current == " " {
                current = ""
            }
        }
        if !current.isEmpty { sentences.append(current) }
        return sentences
    }

    /// `english` in `language` with `{name}` placeholders filled in.
    public func text(_ english: String, in language: Language, _ values: [String: String]) -> String {
        values.reduce(text(english, in: language)) { result, pair in result.replacingOccurrences(of: "{\(pair.key)}", with: pair.value) }
    }

    public func has(_ english: String, in language: Language) -> Bool {
        language == .english || translations[language]?[Self.key(english)] != nil
    }

    /// White space is layout, not wording: a sentence wrapped over two template lines is the
    /// same sentence.
    public static func key(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static let placeholderPattern = try! NSRegularExpression(pattern: #"\{\{[^}]*\}\}|\{[a-zA-Z]+\}|<[^>]+>"#)

    /// `{name}` and `{{mustache}}` tags and HTML tags a translation must keep.
    static func placeholders(_ text: String) -> [String: Int] {
        let range = NSRange(text.startIndex..., in: text)
        return placeholderPattern.matches(in: text, range: range).reduce(into: [:]) { counts, match in
            counts[String(text[Range(match.range, in: text)!]), default: 0] += 1
        }
    }
}
