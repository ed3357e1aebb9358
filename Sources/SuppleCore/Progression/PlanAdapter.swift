/// Applies the progression engine's decisions to a plan, giving the next plan version: new
/// doses, swapped exercises (marked pending review), removed exercises and the walking target.
public enum PlanAdapter {
    public static func apply(_ decisions: ProgressionEngine.Decisions, to plan: ProgramPlan, catalog: ExerciseCatalog, on date: CalendarDate) -> ProgramPlan {
        var next = plan
        let byExercise = Dictionary(decisions.items.map { ($0.exerciseId, $0) }, uniquingKeysWith: { first, _ in first })
        next.exercises = plan.exercises.compactMap { item -> ProgramPlan.Item? in
            guard let decision = byExercise[item.exerciseId] else { return item }
            switch decision.action {
            case .keep:
                return item
            case .remove:
                return nil
            case .progress, .regress:
                if let swap = decision.swapTo, let exercise = catalog[swap] {
                    var swapped = ProgramPlan.Item(exerciseId: exercise.id, name: exercise.name, phase: item.phase, dose: exercise.dose,
                                                   doseText: exercise.dose.description, rationale: decision.rationale, doseRationale: Rationale(
                                                    rule: "P-dose-default", explanation: "The usual starting dose for this exercise.", source: exercise.source))
                    swapped.changedOn = date
                    swapped.pendingReview = true
                    swapped.replaces = item.exerciseId
                    return swapped
                }
                guard let dose = decision.newDose else { return item }
                var changed = ProgramPlan.Item(exerciseId: item.exerciseId, name: item.name, phase: item.phase, dose: dose,
                                               doseText: dose.description, rationale: item.rationale, doseRationale: decision.rationale)
                changed.changedOn = date
                changed.pendingReview = item.pendingReview
                return changed
            }
        }
        if let walking = decisions.walking, walking.newMinutes != walking.currentMinutes {
            next.walking.startMinutes = walking.newMinutes
            next.walking.weeklyMinutes = WalkingPlanner.weeklyMinutes(from: walking.newMinutes)
        }
        return next
    }
}
