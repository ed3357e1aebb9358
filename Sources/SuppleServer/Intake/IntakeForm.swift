import SuppleCore

/// Moves answers between a web form step and the intake document (docs/intake.md): reading and
/// checking one step's fields, placing them at their (possibly nested) keys, and reading them
/// back to refill the form when a member returns.
enum IntakeForm {
    typealias Document = [String: JSONValue]

    /// One step's answers, keyed by question, or the field problems that stop the step.
    static func read(_ step: IntakeStep, form: FormFields) -> (answers: [String: JSONValue], failure: ValidationFailure?) {
        if step.isTickList { return readTickList(step, form: form) }
        var errors = FieldErrorCollector()
        var answers: [String: JSONValue] = [:]
        for question in step.questions {
            let raw = form[question.key]?.trimmingCharacters(in: .whitespaces) ?? ""
            switch question.kind {
            case .multi(let options):
                let picked = form.all(question.key).filter { value in options.contains { $0.0 == value } }
                if question.required && picked.isEmpty { errors.add(question.key, "Tick at least one.") }
                answers[question.key] = .array(picked.map(JSONValue.string))
            case .yesNo:
                switch raw {
                case "yes": answers[question.key] = .bool(true)
                case "no": answers[question.key] = .bool(false)
                default: if question.required { errors.add(question.key, "Answer yes or no.") }
                }
            case .choice(let options, let numeric):
                guard !raw.isEmpty else {
                    if question.required { errors.add(question.key, "Choose one.") }
                    continue
                }
                guard options.contains(where: { $0.0 == raw }) else {
                    errors.add(question.key, "Choose one of the options.")
                    continue
                }
                answers[question.key] = numeric ? .number(Double(raw) ?? 0) : .string(raw)
            case .scale:
                guard !raw.isEmpty else {
                    if question.required { errors.add(question.key, "Choose a number from 0 to 10.") }
                    continue
                }
                guard let value = Int(raw), (0...10).contains(value) else {
                    errors.add(question.key, "Choose a number from 0 to 10.")
                    continue
                }
                answers[question.key] = .number(Double(value))
            case .number(let range, let unit):
                guard !raw.isEmpty else {
                    if question.required { errors.add(question.key, "Enter a number of \(unit).") }
                    continue
                }
                guard let value = Int(raw), range.contains(value) else {
                    errors.add(question.key, "Enter a whole number of \(unit) from \(range.lowerBound) to \(range.upperBound).")
                    continue
                }
                answers[question.key] = .number(Double(value))
            case .text(let maxLength):
                guard !raw.isEmpty else { continue }
                guard raw.count <= maxLength else {
                    errors.add(question.key, "Keep it to \(maxLength) characters.")
                    continue
                }
                guard !raw.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                    errors.add(question.key, "Use letters, numbers and punctuation only.")
                    continue
                }
                answers[question.key] = .string(raw)
            case .time:
                guard !raw.isEmpty else { continue }
                guard Intake.ClockTime(raw) != nil else {
                    errors.add(question.key, "Enter a time like 09:00.")
                    continue
                }
                answers[question.key] = .string(raw)
            }
        }
        checkPairs(answers, &errors)
        return (answers, errors.errors.isEmpty ? nil : ValidationFailure(errors.errors))
    }

    /// The form field of a tick list's "None of these apply to me" box; it is not an answer itself.
    static let noneApplyKey = "noneApply"

    /// A tick list: each ticked box is a yes and every other box a no, but only when the member
    /// has ticked something or said none apply, so an untouched page is never read as all "no".
    static func readTickList(_ step: IntakeStep, form: FormFields) -> (answers: [String: JSONValue], failure: ValidationFailure?) {
        let ticked = Set(step.questions.filter { form[$0.key] == "yes" }.map(\.key))
        let answers = Dictionary(uniqueKeysWithValues: step.questions.map { ($0.key, JSONValue.bool(ticked.contains($0.key))) })
        let noneApply = form[noneApplyKey] == "yes"
        var errors = FieldErrorCollector()
        if ticked.isEmpty && !noneApply {
            errors.add(noneApplyKey, "Tick each one that is true for you, or tick “None of these apply to me”.")
        } else if !ticked.isEmpty && noneApply {
            errors.add(noneApplyKey, "You ticked “None of these apply to me” and also ticked something above. Untick whichever is wrong.")
        }
        return (answers, errors.errors.isEmpty ? nil : ValidationFailure(errors.errors))
    }

    /// Answers that only make sense together.
    static func checkPairs(_ answers: [String: JSONValue], _ errors: inout FieldErrorCollector) {
        for index in 0..<3 {
            let activity = answers["psfs.\(index).activity"]
            let score = answers["psfs.\(index).score"]
            if activity != nil, score == nil { errors.add("psfs.\(index).score", "Choose how well you can do it today.") }
            if activity == nil, score != nil { errors.add("psfs.\(index).activity", "Name the activity, or clear its score.") }
        }
        let start = answers["workHours.start"]
        let end = answers["workHours.end"]
        if (start == nil) != (end == nil) { errors.add(start == nil ? "workHours.start" : "workHours.end", "Give both times, or neither.") }
        if case .string(let s)? = start, case .string(let e)? = end, let a = Intake.ClockTime(s), let b = Intake.ClockTime(e), !(a < b) {
            errors.add("workHours.end", "The end of the day must be after its start.")
        }
    }

    /// Puts one step's answers into the document, replacing that step's earlier answers.
    static func merge(_ answers: [String: JSONValue], for step: IntakeStep, into document: inout Document) {
        let keys = Set(step.questions.map(\.key))
        var flat = flatten(document).filter { !keys.contains($0.key) }
        flat.merge(answers) { _, new in new }
        document = build(flat)
    }

    /// The document as flat question keys, e.g. `dangerSigns.bladderChange`, `psfs.0.score`, `primaryRegion`.
    static func flatten(_ document: Document) -> [String: JSONValue] {
        var flat: [String: JSONValue] = [:]
        for (key, value) in document {
            switch (key, value) {
            case ("painRegions", .array(let regions)):
                flat["painRegions"] = value
                if let first = regions.first { flat["primaryRegion"] = first }
            case ("psfs", .array(let items)):
                for (index, item) in items.enumerated() {
                    if case .object(let fields) = item {
                        for (name, field) in fields { flat["psfs.\(index).\(name)"] = field }
                    }
                }
            case ("phq2", .array(let items)), ("gad2", .array(let items)), ("phq9Rest", .array(let items)):
                for (index, item) in items.enumerated() { flat["\(key).\(index)"] = item }
            case (_, .object(let fields)):
                for (name, field) in fields { flat["\(key).\(name)"] = field }
            default:
                flat[key] = value
            }
        }
        return flat
    }

    /// Answers stored as lists of numbers, asked one item per question (`phq2.0`, `phq2.1`).
    static let answerLists: [(name: String, count: Int)] = [("phq2", 2), ("gad2", 2), ("phq9Rest", 7)]

    /// Flat question keys back into the intake document's shape.
    static func build(_ flat: [String: JSONValue]) -> Document {
        var document: Document = [:]
        var nested: [String: [String: JSONValue]] = [:]
        for (key, value) in flat {
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            if key == "primaryRegion" || key.hasPrefix("psfs.") || Self.answerLists.contains(where: { key.hasPrefix($0.name + ".") }) { continue }
            if parts.count == 2 { nested[parts[0], default: [:]][parts[1]] = value } else { document[key] = value }
        }
        for (key, fields) in nested { document[key] = .object(fields) }
        // The primary region leads the list of regions, added if it was not ticked.
        if let primary = flat["primaryRegion"] {
            var regions: [JSONValue] = []
            if case .array(let ticked)? = flat["painRegions"] { regions = ticked.filter { $0 != primary } }
            document["painRegions"] = .array([primary] + regions)
        }
        // Questionnaire answers kept as lists, present only when every item is answered.
        for list in Self.answerLists {
            let items = (0..<list.count).compactMap { flat["\(list.name).\($0)"] }
            if items.count == list.count { document[list.name] = .array(items) }
        }
        let psfs: [JSONValue] = (0..<3).compactMap { index in
            guard let activity = flat["psfs.\(index).activity"], let score = flat["psfs.\(index).score"] else { return nil }
            return .object(["activity": activity, "score": score])
        }
        if !psfs.isEmpty { document["psfs"] = .array(psfs) }
        return document
    }

    /// Whether every required question of a step has an answer in the document.
    static func isComplete(_ step: IntakeStep, _ document: Document) -> Bool {
        let flat = flatten(document)
        return step.questions.allSatisfy { !$0.required || flat[$0.key] != nil }
    }

    /// What a refused step shows again: the answers that were read, what was typed where an answer
    /// could not be read (so only the problems need attention), and a tick list's "none" box.
    static func shownAfterRefusal(_ step: IntakeStep, answers: [String: JSONValue], form: FormFields) -> [String: [String]] {
        var shown = shownValues(build(answers))
        for question in step.questions where shown[question.key] == nil {
            if let typed = form[question.key], !typed.isEmpty { shown[question.key] = [String(typed.prefix(500))] }
        }
        if step.isTickList { shown[noneApplyKey] = form[noneApplyKey] == "yes" ? ["yes"] : [] }
        return shown
    }

    /// What the form should show for each question, as the strings the inputs use.
    static func shownValues(_ document: Document) -> [String: [String]] {
        flatten(document).mapValues { value in
            switch value {
            case .string(let text): [text]
            case .bool(let flag): [flag ? "yes" : "no"]
            case .number: [value.integer.map(String.init) ?? ""]
            case .array(let items): items.compactMap { if case .string(let text) = $0 { text } else { nil } }
            default: []
            }
        }
    }
}
