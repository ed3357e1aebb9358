/// The engine's safety limits, applied to a clinician's edit as warnings rather than blocks: a
/// physical therapist may know better, but must say why (docs/intake.md, "Program").
public enum PlanGuardrails {
    public struct Warning: Sendable, Equatable {
        public let rule: String
        public let message: String
        public let source: String
    }

    /// What in the edited plan goes past the limits the engine set for this member. Only what the
    /// edit changed is judged, so an older accepted exception is not asked about again.
    public static func check(
        edited: ProgramPlan,
        original: ProgramPlan,
        intake: Intake,
        classification: Classification,
        catalog: ExerciseCatalog
    ) -> [Warning] {
        let (limits, reasons) = MemberLimits.limits(for: intake, classification)
        func source(_ rule: String, _ fallback: String) -> String { reasons.first { $0.rule == rule }?.source ?? fallback }
        var warnings: [Warning] = []
        let before = Set(original.exercises.map(\.exerciseId))
        for item in edited.exercises where !before.contains(item.exerciseId) {
            guard let exercise = catalog[item.exerciseId] else { continue }
            // The same limits the engine chose under, named by their rule (MemberLimits).
            var check = limits
            while let (rule, reason) = check.violation(exercise) {
                let named = rule == "P-bias" ? (reasons.first { $0.rule.hasPrefix("P-bias") }?.rule ?? rule) : rule
                let message =
                    rule == "P-bias"
                    ? "\(exercise.name) moves the spine into \(exercise.spineBias.rawValue), which this member's pattern (\(classification.pattern.rawValue)) leaves out."
                    : reason
                warnings.append(
                    Warning(
                        rule: named,
                        message: message,
                        source: source(
                            named,
                            rule == "P-floor"
                                ? "intake answer (canGetToFloor)" : rule == "P-equipment" ? "intake answer (equipment)" : "RESEARCH §3.3"
                        )
                    )
                )
                check.relax(rule)
            }
            if exercise.kind == .neural, limits.legSymptoms {
                warnings.append(
                    Warning(
                        rule: "P-neural",
                        message:
                            "\(exercise.name) is a nerve glide, and this member reported leg symptoms at intake: check that symptoms centralise first.",
                        source: source("P-neural", "RESEARCH §5.9")
                    )
                )
            }
        }
        let count = edited.exercises.count
        if count != original.exercises.count, !(5...8).contains(count) {
            warnings.append(
                Warning(
                    rule: "P-count",
                    message: "The session would have \(count) exercise\(count == 1 ? "" : "s"); the engine plans 5 to 8.",
                    source: "docs/intake.md (Program)"
                )
            )
        }
        let walkingBefore = original.walking.startMinutes
        let walkingAfter = edited.walking.startMinutes
        if walkingAfter > walkingBefore, Double(walkingAfter) > Double(walkingBefore) * 1.1 + 0.5 {
            warnings.append(
                Warning(
                    rule: "W-progress",
                    message: "The walk grows from \(walkingBefore) to \(walkingAfter) minutes, more than the 10% a week the walking plan allows.",
                    source: "RESEARCH §3.4 [46]"
                )
            )
        }
        return warnings
    }
}
