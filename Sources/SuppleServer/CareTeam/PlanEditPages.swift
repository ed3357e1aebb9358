import Foundation
import Hummingbird
import SuppleContent
import SuppleCore
import SuppleStore

/// The physical therapist's plan editor: search the library, swap, add or remove exercises,
/// change doses and the walk, decide the engine's pending swaps, and write to the member.
struct PlanEditPages {
    let editing: PlanEditingService
    let access: RecordAccess
    let pages: PageRenderer

    var program: ProgramService { editing.program }

    func register(on router: Router<AppRequestContext>) {
        router.get("/staff/members/{id}/plan", use: show)
        router.post("/staff/members/{id}/plan", use: save)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.require(.editPlan).account
        let member = try await access.member(
            context.parameters.get("id"),
            viewer: viewer,
            auditing: "staff.opened_plan_editor",
            clientAddress: context.clientAddress
        )
        return try await page(member: member, query: request.uri.queryParameters["q"].map(String.init) ?? "", form: FormFields(), context: context)
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.require(.editPlan).account
        let member = try await access.member(context.parameters.get("id"), viewer: viewer, clientAddress: context.clientAddress)
        let form = context.form
        // A search from inside the editor shows the results with every unsaved change kept.
        if form["action"] == "search" { return try await page(member: member, query: form["q"] ?? "", form: form, context: context) }
        do {
            guard let current = try await program.currentPlan(for: member.id) else { throw HTTPError(.notFound) }
            let edit = try PlanEditForm.read(form, plan: current.plan)
            switch try await editing.save(
                edit,
                basedOn: form["basedOn"].flatMap { Int($0) },
                for: member,
                by: viewer,
                note: form["note"] ?? "",
                confirmation: form["confirmation"] ?? "",
                clientAddress: context.clientAddress
            ) {
            case .saved:
                return .redirect(to: "/staff/members/\(member.id.uuidString.lowercased())?done=plan-saved#plan")
            case .needsConfirmation(let warnings):
                return try await page(member: member, query: form["q"] ?? "", form: form, warnings: warnings, context: context)
            }
        } catch let failure as ValidationFailure {
            return try await page(member: member, query: form["q"] ?? "", form: form, failure: failure, context: context)
        }
    }

    func page(
        member: AccountRecord,
        query: String,
        form: FormFields,
        warnings: [PlanGuardrails.Warning] = [],
        failure: ValidationFailure? = nil,
        context: AppRequestContext
    ) async throws -> Response {
        let memberID = member.id.uuidString.lowercased()
        guard let current = try await program.currentPlan(for: member.id) else {
            return try pages.page(
                "staff_plan_edit",
                title: "Edit plan: \(member.name.value)",
                context: context,
                currentPath: "/staff/members",
                data: ["memberName": member.name.value, "memberID": memberID, "noPlan": true]
            )
        }
        let catalog = program.library.exercises
        let plan = current.plan
        let inPlan = Set(plan.exercises.map(\.exerciseId))
        let regions = Set(plan.exercises.compactMap { catalog[$0.exerciseId] }.flatMap(\.regions))
        let posted = form["basedOn"] != nil
        func value(_ name: String, _ fallback: Int?) -> String { posted ? (form[name] ?? "") : fallback.map(String.init) ?? "" }

        let rows: [[String: Any]] = plan.exercises.map { item in
            let id = item.exerciseId
            let exercise = catalog[id]
            let nearby = exercise.map { catalog.regressions(of: $0) + catalog.progressions(of: $0) } ?? []
            let sameRegion = catalog.all.filter { candidate in
                !candidate.regions.filter { exercise?.regions.contains($0) ?? regions.contains($0) }.isEmpty
            }
            var options: [Exercise] = []
            for candidate in nearby + sameRegion where !inPlan.contains(candidate.id) && !options.contains(where: { $0.id == candidate.id }) {
                options.append(candidate)
            }
            let chosenSwap = form["swap.\(id)"] ?? ""
            var row: [String: Any] = [
                "id": id, "name": item.name, "phase": DecisionView.phaseLabel(item.phase), "doseText": item.doseText,
                "sets": value("sets.\(id)", item.dose.sets),
                "hasReps": item.dose.reps != nil, "reps": value("reps.\(id)", item.dose.reps),
                "hasHold": item.dose.holdSeconds != nil, "hold": value("hold.\(id)", item.dose.holdSeconds),
                "hasMinutes": item.dose.minutes != nil, "minutes": value("minutes.\(id)", item.dose.minutes),
                "removed": form.all("remove").contains(id),
                "swapOptions": options.map { option in
                    [
                        "id": option.id,
                        "label": "\(option.name) (level \(option.level), \(option.position.label.lowercased()), \(option.spineBias.rawValue))",
                        "selected": option.id == chosenSwap,
                    ]
                },
                "error": [
                    failure?.message(for: "dose.\(id)"), failure?.message(for: "swap.\(id)"), failure?.message(for: "remove.\(id)"),
                    failure?.message(for: "review.\(id)"),
                ].compactMap { $0 }.joined(separator: " "),
            ]
            if let proposal = item.proposal {
                let choice = form["review.\(id)"] ?? ""
                row["pending"] =
                    [
                        "proposedName": proposal.name,
                        "reason": proposal.rationale.explanation, "source": proposal.rationale.source,
                        "approve": choice == "approve", "reject": choice == "reject", "later": choice != "approve" && choice != "reject",
                    ] as [String: Any]
            }
            return row
        }
        let trimmedQuery = String(query.trimmingCharacters(in: .whitespaces).prefix(100))
        let added = Set(form.all("add"))
        let found = trimmedQuery.isEmpty ? [] : catalog.matching(ExerciseFilter(search: trimmedQuery)).filter { !inPlan.contains($0.id) }.prefix(20)
        // Exercises ticked under an earlier search stay ticked when the new results don't list them.
        let keptAdds = added.subtracting(found.map(\.id)).subtracting(inPlan).sorted().compactMap { catalog[$0] }
        var data: [String: Any] = [
            "memberName": member.name.value, "memberID": memberID,
            "version": current.version.version, "nextVersion": current.version.version + 1,
            "rows": rows, "hasPending": plan.exercises.contains { $0.proposal != nil },
            "query": trimmedQuery, "searched": !trimmedQuery.isEmpty,
            "keptAdds": keptAdds.map { ["id": $0.id, "name": $0.name] }, "hasKeptAdds": !keptAdds.isEmpty,
            "results": found.map { exercise in
                [
                    "id": exercise.id, "name": exercise.name, "summary": exercise.summary, "level": exercise.level,
                    "position": exercise.position.label, "bias": exercise.spineBias.rawValue, "dose": exercise.dose.description,
                    "checked": added.contains(exercise.id),
                ]
            },
            "walkingMinutes": value("walkingMinutes", plan.walking.startMinutes),
            "note": form["note"] ?? "", "confirmation": form["confirmation"] ?? "",
            "warnings": warnings.map { ["rule": $0.rule, "message": $0.message, "source": $0.source] },
            "needsConfirmation": !warnings.isEmpty,
        ]
        if let failure {
            data.merge(failure.templateValues) { _, new in new }
            data["errorList"] = failure.errors.map { ["message": $0.message] }
        }
        return try pages.page(
            "staff_plan_edit",
            title: "Edit plan: \(member.name.value)",
            context: context,
            status: failure == nil && warnings.isEmpty ? .ok : .unprocessableContent,
            currentPath: "/staff/members",
            data: data
        )
    }
}
