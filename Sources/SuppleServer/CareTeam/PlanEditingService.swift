import Foundation
import SuppleContent
import SuppleCore
import SuppleStore

/// A clinician's change to a member's plan, saved as a new plan version effective today. The
/// engine's guardrails are warnings: a save that crosses one needs a confirming reason.
struct PlanEditingService: Sendable {
    let program: ProgramService
    let intakes: IntakeService

    enum Outcome {
        case saved(PlanVersionRepository.Record)
        /// Nothing was saved: these warnings need a confirming reason first.
        case needsConfirmation([PlanGuardrails.Warning])
    }

    /// What the engine knew about the member at intake, which the guardrails measure against.
    func engineContext(for memberID: UUID) async throws -> (intake: Intake, classification: Classification)? {
        guard let (decision, _) = try await intakes.latestDecision(for: memberID), let intake = try await intakes.latestIntake(for: memberID) else {
            return nil
        }
        return (intake, decision.classification)
    }

    func warnings(for edited: ProgramPlan, current: ProgramPlan, memberID: UUID) async throws -> [PlanGuardrails.Warning] {
        guard let context = try await engineContext(for: memberID) else { return [] }
        return PlanGuardrails.check(
            edited: edited,
            original: current,
            intake: context.intake,
            classification: context.classification,
            catalog: program.library.exercises
        )
    }

    /// Applies the edit. `basedOn` is the version the clinician was looking at: if the plan moved
    /// on meanwhile (a session adapted it), nothing is saved and they are asked to look again.
    func save(
        _ edit: PlanEdit,
        basedOn: Int?,
        for member: AccountRecord,
        by clinician: AccountRecord,
        note: String,
        confirmation: String,
        clientAddress: String?
    ) async throws -> Outcome {
        guard let current = try await program.currentPlan(for: member.id) else {
            throw ValidationFailure(
                field: "plan",
                message: "This member has no plan yet: they have not finished the intake, or their program is on hold."
            )
        }
        // Checked here for a quick answer, and again inside the write, where it counts.
        if let basedOn, basedOn != current.version.version { throw Self.changedMeanwhile(current.version.version) }
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        let confirmation = confirmation.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors = FieldErrorCollector()
        if note.count > 2_000 { errors.add("note", "Keep the note to the member under 2,000 characters.") }
        if confirmation.count > 500 { errors.add("confirmation", "Keep the confirming reason under 500 characters.") }
        try errors.throwIfAny()
        let today = program.today(for: member)
        let edited = try PlanEditor.apply(edit, to: current.plan, catalog: program.library.exercises, on: today, clinician: clinician.name.value)
        let changes = Self.describe(edit, catalog: program.library.exercises, plan: current.plan)
        if changes.isEmpty && note.isEmpty {
            throw ValidationFailure(field: "plan", message: "Nothing to save: change an exercise, a dose or the walk, or write a note to the member.")
        }
        let warnings = try await warnings(for: edited, current: current.plan, memberID: member.id)
        if !warnings.isEmpty && confirmation.isEmpty { return .needsConfirmation(warnings) }

        let reason = changes.isEmpty ? "\(clinician.name.value) reviewed your plan." : changes.joined(separator: " ")
        // The member reads the reason; the guardrails crossed and why stay with the care team.
        let accepted = warnings.isEmpty ? nil : "Past the engine's limits (\(warnings.map(\.rule).joined(separator: ", "))), because: \(confirmation)"
        let json = try ProgramService.encode(edited)
        let now = program.clock.now()
        let stillPending = edited.exercises.contains { $0.proposal != nil }
        let record: PlanVersionRepository.Record
        do {
            record = try await saveVersion(
                member: member,
                clinician: clinician,
                basedOn: current.version.version,
                today: today,
                reason: reason,
                json: json,
                note: note,
                accepted: accepted,
                stillPending: stillPending,
                warnings: warnings.count,
                now: now,
                clientAddress: clientAddress
            )
        } catch let moved as PlanVersionRepository.MovedOn {
            throw Self.changedMeanwhile(moved.latest)
        }
        return .saved(record)
    }

    static func changedMeanwhile(_ version: Int) -> ValidationFailure {
        ValidationFailure(
            field: "plan",
            message: "The plan changed while you were editing it (now version \(version)). Look at it again and redo your change."
        )
    }

    /// The write: the new version (refused if the plan moved on past `basedOn` meanwhile), the
    /// review alerts it answers, and the audit event, in one transaction.
    func saveVersion(
        member: AccountRecord,
        clinician: AccountRecord,
        basedOn: Int,
        today: CalendarDate,
        reason: String,
        json: String,
        note: String,
        accepted: String?,
        stillPending: Bool,
        warnings: Int,
        now: Date,
        clientAddress: String?
    ) async throws -> PlanVersionRepository.Record {
        try await program.database.transaction { db in
            let record = try await PlanVersionRepository.add(
                memberID: member.id,
                effectiveFrom: today.description,
                author: "\(clinician.name.value), \(clinician.role.displayName.lowercased())",
                reason: reason,
                planJSON: json,
                memberNote: note.isEmpty ? nil : note,
                clinicianConfirmation: accepted,
                expectingLatest: basedOn,
                at: now,
                in: db
            )
            // Saving a plan is reviewing it: the review alerts it answers are closed with a note.
            var answered = [IntakeService.newPlanSource]
            if !stillPending { answered.append(ProgramService.proposalSource) }
            for alert in try await AlertRepository.forMember(member.id, in: db) where alert.resolvedAt == nil && answered.contains(alert.source) {
                _ = try await AlertRepository.resolve(
                    id: alert.id,
                    by: clinician.id,
                    note: "Plan reviewed: version \(record.version) saved.",
                    at: now,
                    in: db
                )
            }
            try await AuditLog.record(
                .init(
                    occurredAt: now,
                    actorID: clinician.id,
                    action: "staff.edited_plan",
                    subjectAccountID: member.id,
                    detail: "version=\(record.version) warnings=\(warnings)",
                    clientAddress: clientAddress
                ),
                in: db
            )
            return record
        }
    }

    /// The change in plain words, for the version history and for the member.
    static func describe(_ edit: PlanEdit, catalog: ExerciseCatalog, plan: ProgramPlan) -> [String] {
        func name(_ id: String) -> String { catalog[id]?.name ?? plan.exercises.first { $0.exerciseId == id }?.name ?? id }
        var lines: [String] = []
        for (from, to) in edit.swap.sorted(by: { $0.key < $1.key }) where from != to { lines.append("\(name(from)) is now \(name(to)).") }
        for id in edit.remove.sorted() { lines.append("\(name(id)) is out of the plan.") }
        for id in edit.add { lines.append("\(name(id)) is new in the plan.") }
        for (id, dose) in edit.doses.sorted(by: { $0.key < $1.key }) where plan.exercises.first(where: { $0.exerciseId == id })?.dose != dose {
            lines.append("\(name(id)): \(dose.description).")
        }
        if let minutes = edit.walkingMinutes, minutes != plan.walking.startMinutes { lines.append("Walks are now \(minutes) minutes.") }
        for id in edit.approve.sorted() {
            let next = plan.exercises.first { $0.exerciseId == id }?.proposal?.name ?? "its next version"
            lines.append("\(name(id)) moves on to \(next).")
        }
        for id in edit.reject.sorted() { lines.append("\(name(id)) stays in your plan as it is.") }
        return lines
    }
}
