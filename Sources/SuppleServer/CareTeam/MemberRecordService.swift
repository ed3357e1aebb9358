import Foundation
import Hummingbird
import SuppleCore
import SuppleStore

/// The care team's use cases on one member's record, for the web chart and the staff API alike:
/// open it (checked and audited), build the chart, read the notes, hand the member to another
/// clinician, and export who touched the record.
struct MemberRecordService: Sendable {
    let access: RecordAccess
    let program: ProgramService
    let intakes: IntakeService
    let messaging: MessagingService

    var database: any Database { access.database }

    /// The care-team roles an admin can change, with their form field names.
    static let careTeamFields: [(role: Role, field: String)] = [(.physicalTherapist, "physicalTherapist"), (.healthCoach, "healthCoach")]

    /// The member the chart URL names, checked against the viewer's caseload; the opening is audited.
    func open(_ idText: String?, viewer: AccountRecord, clientAddress: String?) async throws -> AccountRecord {
        try await access.member(idText, viewer: viewer, auditing: "staff.viewed_member_record", clientAddress: clientAddress)
    }

    /// The whole chart of a member the viewer may open.
    func chart(of member: AccountRecord, for viewer: AccountRecord) async throws -> MemberChart {
        let rows = try await database.read { db in
            (
                alerts: try await AlertRepository.forMember(member.id, in: db),
                history: try await PlanVersionRepository.all(memberID: member.id, in: db),
                sessions: try await ActivityRepository.sessions(memberID: member.id, in: db),
                walks: try await ActivityRepository.walks(memberID: member.id, in: db),
                checkIns: try await ActivityRepository.checkIns(memberID: member.id, in: db),
                notes: try await ClinicalNoteRepository.forMember(member.id, in: db),
                recent: try await MessageRepository.thread(memberID: member.id, limit: 3, in: db),
                team: try await CareTeamRepository.team(memberID: member.id, in: db),
                assignment: try await CareTeamRepository.assignment(memberID: member.id, in: db),
                staff: try await AccountRepository.list(roles: [.physicalTherapist, .healthCoach], in: db).filter { $0.disabledAt == nil }
            )
        }
        return MemberChart(
            member: member,
            alerts: rows.alerts,
            plan: try await program.currentPlan(for: member.id),
            planHistory: rows.history,
            sessions: rows.sessions,
            walks: rows.walks,
            checkIns: rows.checkIns,
            notes: rows.notes,
            recentMessages: rows.recent,
            unreadMessages: try await messaging.unread(threadOf: member.id, for: viewer),
            careTeam: rows.team,
            assignment: rows.assignment,
            assignableStaff: rows.staff,
            decision: try await intakes.latestDecision(for: member.id),
            intake: try await intakes.latestIntake(for: member.id)
        )
    }

    /// The member's clinical notes, newest last; reading them is audited.
    func notes(of idText: String?, viewer: AccountRecord, clientAddress: String?) async throws -> [ClinicalNoteRepository.Written] {
        let member = try await access.member(idText, viewer: viewer, auditing: "staff.read_notes", clientAddress: clientAddress)
        return try await database.read { db in try await ClinicalNoteRepository.forMember(member.id, in: db) }
    }

    /// An admin hands the member to another physical therapist and/or coach (`chosen` maps each
    /// role to the staff id picked). Both choices are checked before either is saved; the change
    /// is audited. False when there is no such member.
    func reassign(
        _ idText: String?,
        chosen: [Role: String],
        by viewer: AccountRecord,
        clientAddress: String?
    ) async throws -> Bool {
        guard let id = idText.flatMap(UUID.init(uuidString:)) else { return false }
        let now = access.clock.now()
        return try await database.transaction { db -> Bool in
            guard let member = try await AccountRepository.find(id: id, in: db), member.role == .member else { return false }
            var errors = FieldErrorCollector()
            var picked: [(role: Role, field: String, staffID: UUID)] = []
            for (role, field) in Self.careTeamFields {
                guard let staffID = chosen[role].flatMap(UUID.init(uuidString:)) else {
                    errors.add(field, "Choose a \(role.displayName.lowercased()) from the list.")
                    continue
                }
                picked.append((role, field, staffID))
            }
            try errors.throwIfAny()
            let before = try await CareTeamRepository.assignment(memberID: member.id, in: db)
            var changed: [String] = []
            for (role, field, staffID) in picked where before[role] != staffID {
                guard try await CareTeamRepository.reassign(memberID: member.id, role: role, to: staffID, in: db) else {
                    throw ValidationFailure(field: field, message: "Choose an active \(role.displayName.lowercased()) from the list.")
                }
                changed.append(role.rawValue)
            }
            if !changed.isEmpty {
                try await AuditLog.record(
                    .init(
                        occurredAt: now,
                        actorID: viewer.id,
                        action: "admin.reassigned_care_team",
                        subjectAccountID: member.id,
                        detail: "roles=\(changed.joined(separator: ","))",
                        clientAddress: clientAddress
                    ),
                    in: db
                )
            }
            return true
        }
    }

    /// Everything that touched one member's record, oldest first; the export itself is audited
    /// first, so it is in the file. Nil when there is no such member.
    func auditTrail(
        _ idText: String?,
        by viewer: AccountRecord,
        clientAddress: String?
    ) async throws -> (memberID: UUID, trail: [AuditLog.TrailEntry])? {
        guard let id = idText.flatMap(UUID.init(uuidString:)) else { return nil }
        let now = access.clock.now()
        return try await database.transaction { db in
            guard let member = try await AccountRepository.find(id: id, in: db), member.role == .member else { return nil }
            try await AuditLog.record(
                .init(
                    occurredAt: now,
                    actorID: viewer.id,
                    action: "admin.exported_audit_trail",
                    subjectAccountID: member.id,
                    clientAddress: clientAddress
                ),
                in: db
            )
            return (member.id, try await AuditLog.trail(for: member.id, in: db))
        }
    }
}
