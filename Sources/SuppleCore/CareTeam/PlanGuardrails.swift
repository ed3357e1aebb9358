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
    public static func check(edited: ProgramPlan, original: ProgramPlan, intake: Intake, classification: Classification, catalog: ExerciseCatalog) -> [Warning] {
        let (limits, reasons) = ProgramBuilder.limits(for: intake, classification)
        func source(_ rule: String, _ fallback: String) -> String { reasons.first { $0.rule == rule }?.source ?? fallback }
        var warnings: [Warning] = []
        let before = Set(original.exercises.map(\.exerciseId))
        for item in edited.exercises where !before.contains(item.exerciseId) {
            guard let exercise = catalog[item.exerciseId] else { continue }
            if limits.excludedBiases.contains(exercise.spineBias) {
                let rule = reasons.first { $0.rule.hasPrefix("P-bias") }?.rule ?? "P-bias"
                warnings.append(Warning(rule: rule, message: "\(exercise.name) moves the spine into \(exercise.spineBias.rawValue), which this member's pattern (\(classification.pattern.rawValue)) leaves out.",
                                        source: source(rule, "RESEARCH §5.9")))
            }
            if exercise.level > limits.maxLevel {
                warnings.append(Warning(rule: "P-level", message: "\(exercise.name) is level \(exercise.level); the engine keeps this member at level \(limits.maxLevel) or below for now.",
                                        source: source("P-level", "RESEARCH §3.3")))
            }
            if !limits.floorAllowed, ProgramBuilder.floorPositions.contains(exercise.position) {
                warnings.append(Warning(rule: "P-floor", message: "\(exercise.name) is done on the floor, and this member said getting down to the floor is hard.",
                                        source: "intake answer (canGetToFloor)"))
            }
            if exercise.kind == .neural, !limits.nerveGlidesAllowed {
                warnings.append(Warning(rule: "P-neural", message: "\(exercise.name) is a nerve glide, and this member reported leg symptoms at intake.",
                                        source: source("P-neural", "RESEARCH §5.9")))
            }
            let missing = exercise.equipment.filter { !limits.allowed.contains($0) }
            if !missing.isEmpty {
                warnings.append(Warning(rule: "P-equipment", message: "\(exercise.name) needs \(missing.map(\.rawValue).joined(separator: ", ")), which this member did not say they have.",
                                        source: "intake answer (equipment)"))
            }
        }
        let count = edited.exercises.count
        if count != original.exercises.count, !(5...8).contains(count) {
            warnings.append(Warning(rule: "P-count", message: "The session would have \(count) exercise\(count == 1 ? "" : "s"); the engine plans 5 to 8.",
                                    source: "docs/intake.md (Program)"))
        }
        let walkingBefore = original.walking.startMinutes, walkingAfter = edited.walking.startMinutes
        if walkingAfter > walkingBefore, Double(walkingAfter) > Double(walkingBefore) * 1.1 + 0.5 {
            warnings.append(Warning(rule: "W-progress", message: "The walk grows from \(walkingBefore) to \(walkingAfter) minutes, more than the 10% a week the walking plan allows.",
                                    source: "RESEARCH §3.4 [46]"))
        }
        return warnings
    }
}
