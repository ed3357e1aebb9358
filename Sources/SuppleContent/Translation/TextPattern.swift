import Foundation

/// A catalog entry with `{name}` placeholders, read backwards: the engine writes its reasons in
/// English with the numbers and names filled in ("Exercises stay at level 2 or below…"), and a
/// page in another language finds the entry they came from, then fills its translation with the
/// same values. Core stays free of languages, and every such sentence is one catalog entry.
struct TextPattern: Sendable {
    let regex: NSRegularExpression
    let names: [String]
    let translation: String
    /// How much fixed wording the entry has: the more, the more specific, so it is tried first.
    let literalLength: Int

    /// nil for an entry without `{name}` placeholders, or one whose placeholders touch (nothing
    /// could tell where one value ends and the next begins).
    init?(english: String, translation: String) {
        let marker = try! NSRegularExpression(pattern: #"\{([a-zA-Z]+)\}"#)
        let matches = marker.matches(in: english, range: NSRange(english.startIndex..., in: english))
        guard !matches.isEmpty else { return nil }
        var pattern = "^"
        var names: [String] = []
        var cursor = english.startIndex
        for match in matches {
            let whole = Range(match.range, in: english)!
            let name = String(english[Range(match.range(at: 1), in: english)!])
            guard whole.lowerBound > cursor || names.isEmpty else { return nil }
            pattern += NSRegularExpression.escapedPattern(for: String(english[cursor..<whole.lowerBound])) + "(.+?)"
            names.append(name)
            cursor = whole.upperBound
        }
        pattern += NSRegularExpression.escapedPattern(for: String(english[cursor...])) + "$"
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        self.regex = regex
        self.names = names
        self.translation = translation
        self.literalLength = marker.stringByReplacingMatches(in: english, range: NSRange(english.startIndex..., in: english), withTemplate: "").count
    }

    /// The translation filled with the values found in `english`, each passed through `term`
    /// (an exercise's or a region's name in the other language); nil when `english` is not this
    /// entry's sentence.
    func translate(_ english: String, term: (String) -> String) -> String? {
        guard let match = regex.firstMatch(in: english, range: NSRange(english.startIndex..., in: english)) else { return nil }
        var result = translation
        for (index, name) in names.enumerated() {
            guard let range = Range(match.range(at: index + 1), in: english) else { return nil }
            result = result.replacingOccurrences(of: "{\(name)}", with: term(String(english[range])))
        }
        return result
    }
}
