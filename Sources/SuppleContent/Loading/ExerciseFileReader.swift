import Foundation
import SuppleCore
import Yams

/// Turns one exercise YAML file into an `Exercise`, or into the list of what is wrong with it.
/// The format is documented in FORMAT.md.
enum ExerciseFileReader {
    static let fields: Set<String> = [
        "id", "name", "summary", "regions", "kind", "position", "spine_bias", "movements", "level", "equipment", "dose", "steps",
        "cues", "mistakes", "precautions", "progressions", "regressions", "conditions", "source", "figure", "translations",
    ]
    static let doseFields: Set<String> = ["sets", "reps", "hold_seconds", "hold_seconds_max", "minutes", "per_side"]

    static func read(file: String, yaml: String, expectedID: String) -> (Exercise?, [ContentProblem]) {
        let parsed: Any?
        do {
            parsed = try Yams.load(yaml: yaml)
        } catch {
            return (nil, [ContentProblem(file: file, field: "yaml", message: "is not valid YAML (\(error))")])
        }
        guard let values = parsed as? [String: Any] else {
            return (nil, [ContentProblem(file: file, field: "yaml", message: "must be a mapping of fields")])
        }
        var reader = FieldReader(file: file, values: values)
        reader.rejectUnknownKeys(allowed: fields)

        let id = reader.text("id", maxLength: 60)
        if let id {
            if id.range(of: #"^[a-z0-9]+(-[a-z0-9]+)*$"#, options: .regularExpression) == nil {
                reader.problem("id", "must be kebab-case: lower-case letters, digits and single hyphens (got \"\(id)\")")
            } else if id != expectedID {
                reader.problem("id", "\"\(id)\" must match the file name \"\(expectedID)\"")
            }
        }
        let name = reader.text("name", maxLength: 60)
        let summary = reader.text("summary", maxLength: 120)
        let regions = reader.choices("regions", of: BodyRegion.self)
        let kind = reader.choice("kind", of: ExerciseKind.self)
        let position = reader.choice("position", of: BodyPosition.self)
        let spineBias = reader.choice("spine_bias", of: SpineBias.self)
        let movements = reader.optionalChoices("movements", of: ExerciseMovement.self)
        let level = reader.wholeNumber("level", in: 1...5)
        let equipment = reader.choices("equipment", of: Equipment.self)
        if let equipment, equipment.contains(.noEquipment), equipment.count > 1 {
            reader.problem("equipment", "lists \"none\" together with other equipment")
        }
        let dose: Dose? = reader.nested("dose") { dose in readDose(&dose) }
        let steps = reader.textList("steps", count: 3...7)
        let cues = reader.textList("cues", count: 2...4)
        let mistakes = readMistakes(&reader)
        let precautions = reader.textList("precautions", count: 1...8)
        let progressions = reader.idList("progressions")
        let regressions = reader.idList("regressions")
        let conditions = reader.choices("conditions", of: PainCondition.self)
        let source = reader.text("source", maxLength: 300)
        let figure = FigureReader.read(&reader, position: position, steps: steps, equipment: equipment)
        let figureDescription = reader.values["figure"] == nil ? nil : reader.nested("figure") { $0.text("description", maxLength: 300) }
        let english: ExerciseText? =
            if let name, let summary, let steps, let cues, let mistakes, let precautions, let figureDescription {
                ExerciseText(
                    name: name,
                    summary: summary,
                    steps: steps,
                    cues: cues,
                    mistakes: mistakes,
                    precautions: precautions,
                    figureDescription: figureDescription
                )
            } else {
                nil
            }
        let translations = TranslationReader.read(&reader, english: english, movements: movements, position: position)

        if let precautions, let movements {
            for problem in precautionProblems(movements: Set(movements), position: position, precautions: precautions) {
                reader.problem("precautions", problem)
            }
        }
        guard reader.problems.isEmpty, let id, let name, let summary, let regions, let kind, let position, let spineBias,
            let level, let equipment, let dose, let steps, let cues, let mistakes, let precautions, let progressions,
            let regressions, let conditions, let source, let figure, let movements, let figureDescription, let translations
        else {
            return (nil, reader.problems)
        }
        let exercise = Exercise(
            id: id,
            name: name,
            summary: summary,
            regions: regions,
            kind: kind,
            position: position,
            spineBias: spineBias,
            level: level,
            equipment: equipment,
            dose: dose,
            steps: steps,
            cues: cues,
            mistakes: mistakes,
            precautions: precautions,
            progressions: progressions,
            regressions: regressions,
            conditions: conditions,
            source: source,
            figure: figure,
            movements: movements,
            figureDescription: figureDescription,
            translations: translations
        )
        return (exercise, [])
    }

    /// A movement some members must avoid has to be named in the precautions for those members,
    /// in words they recognise (REVIEW-2026-12 E-4–E-6): spine bending, twisting or jumping for
    /// osteoporosis; the hip's precautions for a hip replacement; lying flat or on the front, breath
    /// holds and hard bracing for pregnancy; kneeling for a knee replacement.
    static func precautionProblems(
        movements: Set<ExerciseMovement>,
        position: BodyPosition?,
        precautions: [String],
        in language: Language = .english
    ) -> [String] {
        let text = precautions.joined(separator: " ").lowercased()
        var needed: [(String, String)] = ExerciseMovement.allCases.filter(movements.contains).map {
            ($0.precautionWord(in: language), "movements lists \($0.rawValue)")
        }
        if let position, [.prone, .supine].contains(position) {
            needed.append((ExerciseMovement.breathHold.precautionWord(in: language), "the position is \(position.rawValue)"))
        }
        var seen = Set<String>()
        return needed.compactMap { word, why in
            guard !text.contains(word), seen.insert(word).inserted else { return nil }
            return
                "must name \"\(word)\" (for example, what to do if you have osteoporosis, a hip or knee replacement, or are pregnant) because \(why)"
        }
    }

    /// Dose limits keep a typo from prescribing something absurd (a 300-second hold, 80 reps).
    static func readDose(_ dose: inout FieldReader) -> Dose? {
        dose.rejectUnknownKeys(allowed: doseFields)
        let sets = dose.wholeNumber("sets", in: 1...6)
        let reps = dose.wholeNumber("reps", in: 1...50, required: false)
        let hold = dose.wholeNumber("hold_seconds", in: 1...120, required: false)
        let holdMax = dose.wholeNumber("hold_seconds_max", in: 2...120, required: false)
        let minutes = dose.wholeNumber("minutes", in: 1...60, required: false)
        let perSide = dose.flag("per_side")
        if dose.values["reps"] == nil, dose.values["hold_seconds"] == nil, dose.values["minutes"] == nil {
            dose.problem("", "needs at least one of reps, hold_seconds or minutes")
        }
        if dose.values["hold_seconds_max"] != nil, dose.values["hold_seconds"] == nil {
            dose.problem("hold_seconds_max", "needs hold_seconds as the low end of the range")
        }
        if let hold, let holdMax, holdMax <= hold {
            dose.problem("hold_seconds_max", "must be more than hold_seconds (\(hold))")
        }
        guard let sets, let perSide else { return nil }
        return Dose(sets: sets, reps: reps, holdSeconds: hold, holdSecondsMax: holdMax, minutes: minutes, perSide: perSide)
    }

    static func readMistakes(_ reader: inout FieldReader) -> [Exercise.Mistake]? {
        guard let raw = reader.values["mistakes"] else {
            reader.problem("mistakes", "is missing")
            return nil
        }
        guard let list = raw as? [Any], (1...3).contains(list.count) else {
            reader.problem("mistakes", "needs 1 to 3 items, each with a mistake and its fix")
            return nil
        }
        var result: [Exercise.Mistake] = []
        for (index, item) in list.enumerated() {
            guard let map = item as? [String: Any],
                let mistake = (map["mistake"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines), !mistake.isEmpty,
                let fix = (map["fix"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines), !fix.isEmpty
            else {
                reader.problem("mistakes[\(index + 1)]", "needs both a mistake and a fix")
                continue
            }
            result.append(.init(mistake: mistake, fix: fix))
        }
        return result.count == list.count ? result : nil
    }
}
