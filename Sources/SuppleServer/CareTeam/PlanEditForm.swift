import SuppleCore

/// Reads the plan editor's form into a `PlanEdit`. Field names carry the exercise id:
/// `swap.<id>`, `sets.<id>`, `reps.<id>`, `hold.<id>`, `minutes.<id>`, `review.<id>`; ticked
/// `remove` and `add` boxes send ids. Only values that differ from the plan become changes.
enum PlanEditForm {
    static func read(_ form: FormFields, plan: ProgramPlan) throws -> PlanEdit {
        var edit = PlanEdit()
        var errors = FieldErrorCollector()
        func number(_ name: String, _ label: String, errorField: String) -> Int? {
            guard let text = form[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let value = Int(text) else {
                errors.add(errorField, "\(label) must be a whole number.")
                return nil
            }
            return value
        }
        for item in plan.exercises {
            let id = item.exerciseId
            if let to = form["swap.\(id)"], !to.isEmpty, to != id { edit.swap[id] = to }
            switch form["review.\(id)"] {
            case "approve": edit.approve.insert(id)
            case "reject": edit.reject.insert(id)
            default: break
            }
            let field = "dose.\(id)"
            let sets = number("sets.\(id)", "Sets", errorField: field) ?? item.dose.sets
            let reps = item.dose.reps == nil ? nil : number("reps.\(id)", "Reps", errorField: field) ?? item.dose.reps
            let hold = item.dose.holdSeconds == nil ? nil : number("hold.\(id)", "Hold seconds", errorField: field) ?? item.dose.holdSeconds
            let minutes = item.dose.minutes == nil ? nil : number("minutes.\(id)", "Minutes", errorField: field) ?? item.dose.minutes
            // A new hold is one length, not a range; an unchanged hold keeps its range.
            let dose = Dose(
                sets: sets,
                reps: reps,
                holdSeconds: hold,
                holdSecondsMax: hold == item.dose.holdSeconds ? item.dose.holdSecondsMax : nil,
                minutes: minutes,
                perSide: item.dose.perSide
            )
            if dose != item.dose { edit.doses[id] = dose }
        }
        edit.remove = Set(form.all("remove"))
        var seen = Set<String>()
        edit.add = form.all("add").filter { seen.insert($0).inserted }
        if let minutes = number("walkingMinutes", "Walking minutes", errorField: "walkingMinutes"), minutes != plan.walking.startMinutes {
            edit.walkingMinutes = minutes
        }
        // A removed exercise is not also swapped or re-dosed.
        for id in edit.remove {
            edit.swap[id] = nil
            edit.doses[id] = nil
        }
        for id in edit.swap.keys { edit.doses[id] = nil }
        try errors.throwIfAny()
        return edit
    }
}
