import Foundation
import SuppleCore

/// Reads an exercise's `translations` block and checks each language against the English: every
/// language Supple speaks is present, lists have the same length as the English ones, and each
/// line keeps the English line's numbers (a translated "hold 10 seconds" must not become 15).
enum TranslationReader {
    static let fields: Set<String> = ["name", "summary", "steps", "cues", "mistakes", "precautions", "figure_description"]

    static func read(
        _ reader: inout FieldReader,
        english: ExerciseText?,
        movements: [ExerciseMovement]?,
        position: BodyPosition?
    ) -> [String: ExerciseText]? {
        guard reader.values["translations"] != nil else {
            reader.problem(
                "translations",
                "is missing: every exercise needs its text in \(Language.translations.map(\.ownName).joined(separator: ", ")) (\(Language.translations.map(\.tag).joined(separator: ", ")))"
            )
            return nil
        }
        return reader.nested("translations") { block in
            block.rejectUnknownKeys(allowed: Set(Language.translations.map(\.tag)))
            var result: [String: ExerciseText] = [:]
            for language in Language.translations {
                guard block.values[language.tag] != nil else {
                    block.problem(language.tag, "is missing: the \(language.ownName) text of this exercise")
                    continue
                }
                if let text = block.nested(
                    language.tag,
                    { readLanguage(&$0, language: language, english: english, movements: movements, position: position) }
                ) {
                    result[language.tag] = text
                }
            }
            return result.count == Language.translations.count ? result : nil
        }
    }

    static func readLanguage(
        _ reader: inout FieldReader,
        language: Language,
        english: ExerciseText?,
        movements: [ExerciseMovement]?,
        position: BodyPosition?
    ) -> ExerciseText? {
        reader.rejectUnknownKeys(allowed: fields)
        let name = reader.text("name", maxLength: 60)
        let summary = reader.text("summary", maxLength: 140)
        let steps = reader.textList("steps", count: 1...7)
        let cues = reader.textList("cues", count: 1...4)
        let mistakes = ExerciseFileReader.readMistakes(&reader)
        let precautions = reader.textList("precautions", count: 1...8)
        let figureDescription = reader.text("figure_description", maxLength: 300)
        guard let name, let summary, let steps, let cues, let mistakes, let precautions, let figureDescription else { return nil }
        let text = ExerciseText(
            name: name,
            summary: summary,
            steps: steps,
            cues: cues,
            mistakes: mistakes,
            precautions: precautions,
            figureDescription: figureDescription
        )
        guard let english else { return text }
        let before = reader.problems.count
        compare(&reader, "steps", text.steps, english.steps)
        compare(&reader, "cues", text.cues, english.cues)
        compare(&reader, "mistakes", text.mistakes.map { $0.mistake + " " + $0.fix }, english.mistakes.map { $0.mistake + " " + $0.fix })
        compare(&reader, "precautions", text.precautions, english.precautions)
        compare(&reader, "summary", [text.summary], [english.summary])
        if let movements {
            for problem in ExerciseFileReader.precautionProblems(
                movements: Set(movements),
                position: position,
                precautions: precautions,
                in: language
            ) {
                reader.problem("precautions", problem)
            }
        }
        return reader.problems.count == before ? text : nil
    }

    /// Same number of lines, and each line with the same numbers as its English line.
    static func compare(_ reader: inout FieldReader, _ field: String, _ translated: [String], _ english: [String]) {
        guard translated.count == english.count else {
            reader.problem(field, "has \(translated.count) item\(translated.count == 1 ? "" : "s"); the English has \(english.count)")
            return
        }
        for (index, (line, original)) in zip(translated, english).enumerated() where numbers(in: line) != numbers(in: original) {
            let label = field == "summary" ? field : "\(field)[\(index + 1)]"
            reader.problem(label, "has the numbers \(numbers(in: line)) but the English line has \(numbers(in: original))")
        }
    }

    static func numbers(in text: String) -> [Int] {
        text.split { !$0.isASCII || !$0.isNumber }.compactMap { Int($0) }.sorted()
    }
}
