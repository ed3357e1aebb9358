import Foundation
import SuppleCore
import SuppleStore

extension PlanEditingService {
    /// A physical therapist has reviewed a member whose program was put on hold at intake (an
    /// urgent sign, recent surgery…) and clears them to start: the engine's plan becomes version 1,
    /// effective today, with the clinician's note to the member; the intake alerts are closed with
    /// the same note; the release is audited. The plan can be edited afterwards like any other.
    func releaseHold(
        for member: AccountRecord,
        by clinician: AccountRecord,
        note raw: String,
        clientAddress: String?
    ) async throws -> PlanVersionRepository.Record {
        guard try await program.currentPlan(for: member.id) == nil,
            let (decision, _) = try await intakes.latestDecision(for: member.id),
            decision.triage.programStatus == .onHold, let plan = decision.plan
        else {
            throw ValidationFailure(field: "note", message: "This member's program is not on hold, so there is nothing to release.")
        }
        let note = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors = FieldErrorCollector()
        if note.isEmpty { errors.add("note", "Write what you checked and why the member can start; the member reads it with their plan.") }
        if note.count > 2_000 { errors.add("note", "Keep the note to the member under 2,000 characters.") }
        try errors.throwIfAny()

        let now = program.clock.now()
        let today = program.today(for: member)
        let json = try ProgramService.encode(plan)
        do {
            return try await program.database.transaction { db in
                // Two clinicians releasing at once: the second finds version 1 already there.
                let record = try await PlanVersionRepository.add(
                    memberID: member.id,
                    effectiveFrom: today.description,
                    author: "\(clinician.name.value), \(clinician.role.displayName.lowercased())",
                    reason: "\(clinician.name.value) reviewed your answers and cleared you to start your program.",
                    planJSON: json,
                    memberNote: note,
                    clinicianConfirmation: nil,
                    expectingLatest: 0,
                    at: now,
                    in: db
                )
                for alert in try await AlertRepository.forMember(member.id, in: db)
                where alert.resolvedAt == nil && alert.source == "intake" && alert.audience == .clinical {
                    _ = try await AlertRepository.resolve(
                        id: alert.id,
                        by: clinician.id,
                        note: "Reviewed and cleared to start: \(note)",
                        at: now,
                        in: db
                    )
                }
                try await AuditLog.record(
                    .init(
                        occurredAt: now,
                        actorID: clinician.id,
                        action: "staff.released_hold",
                        subjectAccountID: member.id,
                        detail: "version=\(record.version)",
                        clientAddress: clientAddress
                    ),
                    in: db
                )
                return record
            }
        } catch is PlanVersionRepository.MovedOn {
            throw ValidationFailure(field: "note", message: "This member's program was released a moment ago by a colleague; their plan is ready.")
        }
    }
}
