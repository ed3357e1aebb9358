import SuppleContent
import SuppleCore

/// A decision shaped for the member's plan page and the staff view.
enum DecisionView {
    static func phaseLabel(_ phase: ProgramPlan.Phase) -> String {
        switch phase {
        case .warmUp: "Warm-up"
        case .mobility: "Loosen up"
        case .strength: "Strength and control"
        case .stretch: "Stretch"
        case .coolDown: "Wind down"
        }
    }

    static func patternText(_ classification: Classification) -> String {
        switch classification.pattern {
        case .flexionRelievedWalking: "walking and standing bother your back, and sitting or bending forward eases it"
        case .extensionPreference: "bending backward eases your pain"
        case .flexionIntolerance: "sitting and bending forward make your pain worse"
        case .nonSpecific: "pain without one clear direction"
        case .region: "pain in your \(classification.primaryRegion.label.lowercased())"
        }
    }

    /// `catalog` and `language` put the exercise names, doses and counted phrases into the
    /// member's language; fixed sentences are translated when the page renders.
    static func forMember(_ decision: Decision, library: ContentLibrary, language: Language = .english, catalog: TextCatalog? = nil) -> [String: Any]
    {
        let triage = decision.triage
        func say(_ english: String, _ values: [String: String]) -> String {
            catalog?.text(english, in: language, values) ?? values.reduce(english) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
        }
        func name(_ id: String, _ fallback: String) -> String { library.exercises[id]?.localized(language).name ?? fallback }
        var data: [String: Any] = [
            "isEmergency": triage.tier == .emergency,
            "isOnHold": triage.programStatus == .onHold,
            "showPlan": triage.tier != .emergency && triage.programStatus != .onHold,
            "whatToDo": triage.tier == .none ? "" : triage.whatToDo,
            "flags": triage.flags.map { ["message": $0.message] },
            "patternText": patternText(decision.classification),
            "support": decision.yellowFlags.map(\.message),
        ]
        guard let plan = decision.plan else { return data }
        data["hasCautions"] = !plan.cautions.isEmpty
        data["sessionMinutes"] = plan.sessionMinutes
        data["cautions"] = plan.cautions.map { ["message": $0.message] }
        data["exercises"] = plan.exercises.map { item in
            [
                "exerciseId": item.exerciseId, "name": name(item.exerciseId, item.name), "phaseLabel": phaseLabel(item.phase),
                "doseText": item.dose.text(in: language),
                "reason": item.rationale.explanation, "doseReason": item.doseRationale.explanation,
                "rule": item.rationale.rule, "source": item.rationale.source,
            ]
        }
        let walking = plan.walking
        let warmUp = walking.warmUpExerciseId.flatMap { library.exercises[$0] }
        data["walking"] =
            [
                "boutsText": walking.bouts > 1
                    ? say("{bouts} walks of {minutes} minutes", ["bouts": "\(walking.bouts)", "minutes": "\(walking.startMinutes)"])
                    : say("{minutes}-minute walks", ["minutes": "\(walking.startMinutes)"]),
                "daysStart": walking.daysPerWeekStart, "breakRule": walking.breakRule,
                "warmUpName": warmUp?.localized(language).name ?? "", "warmUpId": warmUp?.id ?? "",
                "heat": plan.heat?.advice ?? "",
                "progression": walking.weeklyMinutes.prefix(5).map(String.init).joined(separator: ", ")
                    + (walking.weeklyMinutes.count > 5 ? " …" : ""),
                "target": walking.targetMinutes,
                "reasons": walking.rationale.map { ["explanation": $0.explanation, "rule": $0.rule, "source": $0.source] },
            ] as [String: Any]
        if let snacks = plan.movementSnacks {
            data["snacks"] =
                [
                    "everyMinutes": snacks.everyMinutes, "seconds": snacks.seconds, "from": snacks.from, "to": snacks.to, "count": snacks.count,
                    "suggestions": snacks.suggestions.map { ["at": $0.at, "exerciseId": $0.exerciseId, "name": name($0.exerciseId, $0.exerciseId)] },
                    "reason": snacks.rationale.explanation,
                ] as [String: Any]
        }
        data["education"] = plan.education.map {
            let translated = library.article(slug: $0.slug, in: language)
            // An article not yet written in the member's language is marked English for screen readers.
            return [
                "slug": $0.slug, "title": translated?.title ?? $0.title, "titleLang": library.hasArticle(slug: $0.slug, in: language) ? "" : "en",
                "reason": $0.rationale.explanation, "fromWeek": ($0.fromWeek ?? 1) > 1 ? say("From week {week}.", ["week": "\($0.fromWeek!)"]) : "",
            ]
        }
        return data
    }
}
