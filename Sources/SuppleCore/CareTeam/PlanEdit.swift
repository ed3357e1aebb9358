/// A clinician's change to a member's plan: exercises removed, swapped or added, new doses, a new
/// walking target, and decisions on the engine's pending swaps. Applying it gives the next plan
/// version; the engine's guardrails are checked separately (`PlanGuardrails`) as warnings.
public struct PlanEdit: Sendable, Equatable {
    /// Exercise ids to take out of the plan.
    public var remove: Set<String> = []
    /// Current exercise id → the exercise that takes its place (same phase, default dose).
    public var swap: [String: String] = [:]
    /// Exercise ids to add, each in the phase its kind belongs to, at its default dose.
    public var add: [String] = []
    /// New doses for exercises that stay in the plan.
    public var doses: [String: Dose] = [:]
    /// A new starting walking target in minutes per bout.
    public var walkingMinutes: Int?
    /// Exercise ids whose proposed swap the clinician accepts: the proposed exercise takes its place.
    public var approve: Set<String> = []
    /// Exercise ids whose proposed swap the clinician turns down: the exercise stays, and the
    /// engine does not propose that swap again.
    public var reject: Set<String> = []

    public init() {}

    public var isEmpty: Bool {
        remove.isEmpty && swap.isEmpty && add.isEmpty && doses.isEmpty && walkingMinutes == nil && approve.isEmpty && reject.isEmpty
    }

    /// Allowed ranges for a clinician's dose, wide enough for real practice, narrow enough to
    /// catch a slip of the keyboard.
    public static let sets = 1...10
    public static let reps = 1...50
    public static let holdSeconds = 1...300
    public static let minutes = 1...60
    public static let walkingMinuteRange = 1...60
}

public enum PlanEditor {
    /// The plan after the edit, with each changed item marked as changed on `date` and explained
    /// as the clinician's choice. Throws field errors for ids that do not fit the plan.
    public static func apply(
        _ edit: PlanEdit,
        to plan: ProgramPlan,
        catalog: ExerciseCatalog,
        on date: CalendarDate,
        clinician: String
    ) throws -> ProgramPlan {
        var errors = FieldErrorCollector()
        let present = Set(plan.exercises.map(\.exerciseId))
        let chosen = Rationale(rule: "CT-clinician", explanation: "Chosen for you by \(clinician), your physical therapist.", source: "care team")
        let dosed = Rationale(rule: "CT-clinician-dose", explanation: "Dose set by \(clinician), your physical therapist.", source: "care team")

        func fresh(_ exercise: Exercise, phase: ProgramPlan.Phase, why: Rationale) -> ProgramPlan.Item {
            var item = ProgramPlan.Item(
                exerciseId: exercise.id,
                name: exercise.name,
                phase: phase,
                dose: exercise.dose,
                doseText: exercise.dose.description,
                rationale: why,
                doseRationale: Rationale(rule: "P-dose-default", explanation: "The usual starting dose for this exercise.", source: exercise.source)
            )
            item.changedOn = date
            return item
        }

        var incoming = present.subtracting(edit.remove)
        for (from, to) in edit.swap.sorted(by: { $0.key < $1.key }) {
            if !present.contains(from) {
                errors.add("swap.\(from)", "That exercise is not in the plan any more; reload the page.")
            } else if catalog[to] == nil {
                errors.add("swap.\(from)", "Choose an exercise from the library.")
            } else if to != from && incoming.contains(to) {
                errors.add("swap.\(from)", "\(catalog[to]!.name) is already in the plan.")
            } else {
                incoming.remove(from)
                incoming.insert(to)
            }
        }
        for id in edit.add {
            if catalog[id] == nil {
                errors.add("add", "Choose an exercise from the library.")
            } else if incoming.contains(id) {
                errors.add("add", "\(catalog[id]!.name) is already in the plan.")
            } else {
                incoming.insert(id)
            }
        }
        for id in edit.remove where !present.contains(id) {
            errors.add("remove.\(id)", "That exercise is not in the plan any more; reload the page.")
        }
        for (id, dose) in edit.doses {
            let field = "dose.\(id)"
            if !present.contains(id) {
                errors.add(field, "That exercise is not in the plan any more; reload the page.")
                continue
            }
            if !PlanEdit.sets.contains(dose.sets) {
                errors.add(field, "Sets must be between \(PlanEdit.sets.lowerBound) and \(PlanEdit.sets.upperBound).")
            }
            if let reps = dose.reps, !PlanEdit.reps.contains(reps) {
                errors.add(field, "Reps must be between \(PlanEdit.reps.lowerBound) and \(PlanEdit.reps.upperBound).")
            }
            if let hold = dose.holdSeconds, !PlanEdit.holdSeconds.contains(hold) {
                errors.add(field, "A hold must be between \(PlanEdit.holdSeconds.lowerBound) and \(PlanEdit.holdSeconds.upperBound) seconds.")
            }
            if let minutes = dose.minutes, !PlanEdit.minutes.contains(minutes) {
                errors.add(field, "Minutes must be between \(PlanEdit.minutes.lowerBound) and \(PlanEdit.minutes.upperBound).")
            }
        }
        let pending = Set(plan.exercises.filter { $0.proposal != nil }.map(\.exerciseId))
        for id in edit.approve.union(edit.reject) where !pending.contains(id) {
            errors.add("review.\(id)", "That change is no longer waiting for review; reload the page.")
        }
        for id in edit.approve.intersection(edit.reject) { errors.add("review.\(id)", "Approve the change or turn it down, not both.") }
        for id in edit.approve {
            guard let proposed = plan.exercises.first(where: { $0.exerciseId == id })?.proposal?.exerciseId else { continue }
            if edit.swap[id] != nil || edit.remove.contains(id) {
                errors.add("review.\(id)", "Approve the suggested change or swap or remove the exercise, not both.")
            } else if catalog[proposed] == nil {
                errors.add("review.\(id)", "The suggested exercise is no longer in the library; turn it down.")
            } else if incoming.contains(proposed) {
                errors.add("review.\(id)", "\(catalog[proposed]!.name) is already in the plan; turn this change down instead.")
            } else {
                incoming.remove(id)
                incoming.insert(proposed)
            }
        }
        if let minutes = edit.walkingMinutes, !PlanEdit.walkingMinuteRange.contains(minutes) {
            errors.add(
                "walkingMinutes",
                "Walking minutes must be between \(PlanEdit.walkingMinuteRange.lowerBound) and \(PlanEdit.walkingMinuteRange.upperBound)."
            )
        }
        try errors.throwIfAny()

        var next = plan
        next.exercises = plan.exercises.compactMap { item -> ProgramPlan.Item? in
            if edit.remove.contains(item.exerciseId) { return nil }
            if let to = edit.swap[item.exerciseId], let exercise = catalog[to] {
                return fresh(exercise, phase: item.phase, why: chosen)
            }
            if edit.approve.contains(item.exerciseId), let proposal = item.proposal, let exercise = catalog[proposal.exerciseId] {
                return fresh(
                    exercise,
                    phase: item.phase,
                    why: Rationale(
                        rule: "CT-review-approved",
                        explanation: "Your physical therapist approved moving on from \(item.name) to \(exercise.name).",
                        source: proposal.rationale.source
                    )
                )
            }
            var kept = item
            if let dose = edit.doses[item.exerciseId], dose != item.dose {
                kept = ProgramPlan.Item(
                    exerciseId: item.exerciseId,
                    name: item.name,
                    phase: item.phase,
                    dose: dose,
                    doseText: dose.description,
                    rationale: item.rationale,
                    doseRationale: dosed
                )
                kept.changedOn = date
                kept.proposal = item.proposal
                kept.declinedSwap = item.declinedSwap
            }
            if edit.reject.contains(item.exerciseId) {
                kept.declinedSwap = item.proposal?.exerciseId
                kept.proposal = nil
            }
            return kept
        }
        for id in edit.add {
            guard let exercise = catalog[id] else { continue }
            let phase = ProgramBuilder.phase(of: exercise)
            let item = fresh(exercise, phase: phase, why: chosen)
            // Keep the session in its order: after the last item of the same or an earlier phase.
            let order = ProgramPlan.Phase.allCases
            let rank = order.firstIndex(of: phase)!
            let at = next.exercises.lastIndex { order.firstIndex(of: $0.phase)! <= rank }.map { $0 + 1 } ?? 0
            next.exercises.insert(item, at: at)
        }
        if let minutes = edit.walkingMinutes, minutes != plan.walking.startMinutes {
            next.walking.startMinutes = minutes
            next.walking.weeklyMinutes = WalkingPlanner.weeklyMinutes(from: minutes)
        }
        return next
    }
}
