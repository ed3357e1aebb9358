/// Applies the progression engine's decisions to a plan, giving the next plan version: new
/// doses, proposed swaps held for the physical therapist, removed exercises, and the walk.
public enum PlanAdapter {
    public static func apply(
        _ decisions: ProgressionEngine.Decisions,
        to plan: ProgramPlan,
        catalog: ExerciseCatalog,
        on date: CalendarDate
    ) -> ProgramPlan {
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
                var changed = item
                if let dose = decision.newDose, dose != item.dose {
                    changed = ProgramPlan.Item(
                        exerciseId: item.exerciseId,
                        name: item.name,
                        phase: item.phase,
                        dose: dose,
                        doseText: dose.description,
                        rationale: item.rationale,
                        doseRationale: decision.rationale
                    )
                    changed.changedOn = date
                    changed.proposal = item.proposal
                    changed.declinedSwap = item.declinedSwap
                }
                // A swap is only a proposal: the member keeps this exercise until it is approved.
                if let swap = decision.swapTo, let exercise = catalog[swap], item.proposal?.exerciseId != swap {
                    changed.proposal = ProgramPlan.Proposal(exerciseId: exercise.id, name: exercise.name, rationale: decision.rationale)
                }
                return changed
            }
        }
        if let walking = decisions.walking {
            if walking.newMinutes != walking.currentMinutes {
                next.walking.startMinutes = walking.newMinutes
                next.walking.weeklyMinutes = WalkingPlanner.weeklyMinutes(from: walking.newMinutes)
            }
            if let days = walking.newDaysPerWeek, days != plan.walking.currentDaysPerWeek { next.walking.daysPerWeek = days }
            if next.walking != plan.walking { next.walking.changedOn = date }
        }
        return next
    }
}
