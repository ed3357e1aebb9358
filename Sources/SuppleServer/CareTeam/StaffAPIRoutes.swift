import Foundation
import Hummingbird
import SuppleCore
import SuppleStore

/// The care-team workspace over JSON (`/api/v1/staff/…`): the queue, members, a member's chart,
/// plan edits, messages and notes. Same policy, same services and same audit as the web pages.
struct StaffAPIRoutes {
    let records: MemberRecordService
    let caseload: CaseloadService
    let editing: PlanEditingService
    let notes: ClinicalNotes

    var program: ProgramService { records.program }
    var messaging: MessagingService { records.messaging }

    func register(on router: Router<AppRequestContext>) {
        let staff = router.group("api/v1/staff")
        staff.get("queue", use: queue)
        staff.post("alerts/{id}/resolve", use: resolve)
        staff.get("members", use: members)
        staff.get("members/{id}", use: chart)
        staff.post("members/{id}/plan", use: editPlan)
        staff.get("members/{id}/messages", use: thread)
        staff.post("members/{id}/messages", use: send)
        staff.get("members/{id}/notes", use: listNotes)
        staff.post("members/{id}/notes", use: writeNote)
    }

    /// The member the URL names, if on the viewer's caseload; `auditing` names the opening's audit action.
    func member(_ context: AppRequestContext, viewer: AccountRecord, auditing action: String? = nil) async throws -> AccountRecord {
        try await Self.noSuchMember {
            try await records.access.member(context.parameters.get("id"), viewer: viewer, auditing: action, clientAddress: context.clientAddress)
        }
    }

    static func noSuchMember<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as HTTPError where error.status == .notFound {
            throw APIProblem(status: .notFound, detail: "No such member.")
        }
    }

    struct QueueEntry: Encodable {
        let kind: String
        let alertId: String?
        let memberId: String
        let memberName: String
        let reason: String
        let severity: String
        let waitingSince: Date
    }

    @Sendable func queue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.require(.openStaffWorkspace).account
        let rows = try await caseload.queue(for: viewer, clientAddress: context.clientAddress)
        return try APIJSON.response(
            rows.map { row in
                QueueEntry(
                    kind: row.alertID == nil ? "messages" : "alert",
                    alertId: row.alertID?.uuidString.lowercased(),
                    memberId: row.memberID.uuidString.lowercased(),
                    memberName: row.memberName,
                    reason: row.reason,
                    severity: row.label,
                    waitingSince: row.since
                )
            }
        )
    }

    @Sendable func resolve(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.require(.openStaffWorkspace).account
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
            throw APIProblem(status: .notFound, detail: "No such alert.")
        }
        var body = try await JSONBody.read(request, context: context)
        let note = body.string("note")
        try body.checkTypes()
        try await caseload.resolve(alert: id, note: note, by: viewer, clientAddress: context.clientAddress)
        return Response(status: .noContent)
    }

    struct MemberSummary: Encodable {
        let id: String
        let name: String
        let email: String
        let timeZone: String
        let joined: Date
    }

    @Sendable func members(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.require(.listMembers).account
        let members = try await caseload.members(visibleTo: viewer, clientAddress: context.clientAddress)
        return try APIJSON.response(
            members.map {
                MemberSummary(
                    id: $0.id.uuidString.lowercased(),
                    name: $0.name.value,
                    email: $0.email.value,
                    timeZone: $0.timeZone.identifier,
                    joined: $0.createdAt
                )
            }
        )
    }

    struct Chart: Encodable {
        struct Alert: Encodable {
            let id: String
            let severity: String
            let reason: String
            let raisedAt: Date
            let resolvedAt: Date?
        }
        struct Version: Encodable {
            let version: Int
            let effectiveFrom: String
            let author: String
            let reason: String
            let noteToMember: String?
            let guardrailsAccepted: String?
        }
        struct Plan: Encodable {
            let version: Int
            let exercises: [ProgramPlan.Item]
            let walking: ProgramPlan.Walking
        }
        struct CareTeamMember: Encodable {
            let name: String
            let role: String
        }
        let member: MemberSummary
        let careTeam: [CareTeamMember]
        let alerts: [Alert]
        let plan: Plan?
        let planHistory: [Version]
        let decision: Decision?
        let unreadMessages: Int
    }

    /// A member's chart as JSON. Audited like the web chart.
    @Sendable func chart(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.require(.viewMemberRecord).account
        let member = try await member(context, viewer: viewer, auditing: "staff.viewed_member_record")
        let record = try await records.chart(of: member, for: viewer)
        return try APIJSON.response(
            Chart(
                member: MemberSummary(
                    id: member.id.uuidString.lowercased(),
                    name: member.name.value,
                    email: member.email.value,
                    timeZone: member.timeZone.identifier,
                    joined: member.createdAt
                ),
                careTeam: record.careTeam.map { .init(name: $0.name, role: $0.role.rawValue) },
                alerts: record.alerts.map {
                    .init(
                        id: $0.id.uuidString.lowercased(),
                        severity: $0.severity.rawValue,
                        reason: $0.reason,
                        raisedAt: $0.createdAt,
                        resolvedAt: $0.resolvedAt
                    )
                },
                plan: record.plan.map { .init(version: $0.version.version, exercises: $0.plan.exercises, walking: $0.plan.walking) },
                planHistory: record.planHistory.map {
                    .init(
                        version: $0.version,
                        effectiveFrom: $0.effectiveFrom,
                        author: $0.author,
                        reason: $0.reason,
                        noteToMember: $0.memberNote,
                        guardrailsAccepted: $0.clinicianConfirmation
                    )
                },
                decision: record.decision?.decision,
                unreadMessages: record.unreadMessages
            )
        )
    }

    struct Warnings: Encodable {
        let type = "about:blank"
        let title = "Confirmation required"
        let status = 409
        let detail = "The change goes past the engine's limits for this member. Send it again with a confirmation giving your reason."
        let warnings: [Warning]
        struct Warning: Encodable {
            let rule: String
            let message: String
            let source: String
        }
    }

    struct SavedVersion: Encodable {
        let version: Int
        let effectiveFrom: String
        let reason: String
    }

    /// A plan edit: `{basedOn, swap: {from: to}, add: [], remove: [], doses: {id: {sets, reps,
    /// holdSeconds, minutes}}, walkingMinutes, approve: [], reject: [], note, confirmation}`.
    @Sendable func editPlan(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.require(.editPlan).account
        let member = try await member(context, viewer: viewer)
        var body = try await JSONBody.read(request, context: context)
        guard let current = try await program.currentPlan(for: member.id) else {
            throw APIProblem(status: .conflict, detail: "This member has no plan yet.")
        }
        var edit = PlanEdit()
        var errors = FieldErrorCollector()
        for (from, to) in body.object("swap") {
            guard case .string(let id) = to else {
                errors.add("swap.\(from)", "must be an exercise id.")
                continue
            }
            edit.swap[from] = id
        }
        edit.add = body.strings("add")
        edit.remove = Set(body.strings("remove"))
        edit.approve = Set(body.strings("approve"))
        edit.reject = Set(body.strings("reject"))
        for (id, value) in body.object("doses") {
            guard case .object(let fields) = value,
                let sets = fields["sets"]?.integer ?? current.plan.exercises.first(where: { $0.exerciseId == id })?.dose.sets
            else {
                errors.add("doses.\(id)", "must be an object with sets, and reps, holdSeconds or minutes.")
                continue
            }
            let old = current.plan.exercises.first { $0.exerciseId == id }?.dose
            let hold = fields["holdSeconds"]?.integer ?? old?.holdSeconds
            edit.doses[id] = Dose(
                sets: sets,
                reps: fields["reps"]?.integer ?? old?.reps,
                holdSeconds: hold,
                holdSecondsMax: hold == old?.holdSeconds ? old?.holdSecondsMax : nil,
                minutes: fields["minutes"]?.integer ?? old?.minutes,
                perSide: old?.perSide ?? false
            )
        }
        edit.walkingMinutes = body.integer("walkingMinutes")
        let basedOn = body.integer("basedOn")
        let note = body.string("note") ?? ""
        let confirmation = body.string("confirmation") ?? ""
        try body.checkTypes()
        try errors.throwIfAny()
        switch try await editing.save(
            edit,
            basedOn: basedOn,
            for: member,
            by: viewer,
            note: note,
            confirmation: confirmation,
            clientAddress: context.clientAddress
        ) {
        case .saved(let record):
            return try APIJSON.response(
                SavedVersion(version: record.version, effectiveFrom: record.effectiveFrom, reason: record.reason),
                status: .created
            )
        case .needsConfirmation(let warnings):
            var response = try APIJSON.response(
                Warnings(warnings: warnings.map { .init(rule: $0.rule, message: $0.message, source: $0.source) }),
                status: .conflict
            )
            response.headers[.contentType] = "application/problem+json"
            return response
        }
    }

    struct Message: Encodable {
        let sender: String
        let senderRole: String
        let fromMember: Bool
        let body: String
        let sentAt: Date
    }

    static func messages(_ thread: [MessageRepository.Message]) -> [Message] {
        thread.map { .init(sender: $0.senderName, senderRole: $0.senderRole.rawValue, fromMember: $0.isFromMember, body: $0.body, sentAt: $0.sentAt) }
    }

    @Sendable func thread(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.require(.messageMembers).account
        let member = try await member(context, viewer: viewer)
        return try APIJSON.response(Self.messages(try await messaging.read(threadOf: member.id, by: viewer, clientAddress: context.clientAddress)))
    }

    @Sendable func send(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.require(.messageMembers).account
        let member = try await member(context, viewer: viewer)
        var body = try await JSONBody.read(request, context: context)
        let text = body.string("body")
        let key = try IdempotencyKey.read(request, &body) ?? SecretToken.generate().value
        try body.checkTypes()
        try await messaging.send(text, from: viewer, threadOf: member.id, idempotencyKey: key, clientAddress: context.clientAddress)
        return Response(status: .created)
    }

    struct Note: Encodable {
        let id: String
        let author: String
        let authorRole: String
        let amends: String?
        let subjective: String
        let objective: String
        let assessment: String
        let plan: String
        let writtenAt: Date
    }

    @Sendable func listNotes(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.require(.viewMemberRecord).account
        let written = try await Self.noSuchMember {
            try await records.notes(of: context.parameters.get("id"), viewer: viewer, clientAddress: context.clientAddress)
        }
        return try APIJSON.response(
            written.map { entry in
                let note = entry.note
                return Note(
                    id: note.id.uuidString.lowercased(),
                    author: entry.authorName,
                    authorRole: entry.authorRole.rawValue,
                    amends: note.amendsNoteID?.uuidString.lowercased(),
                    subjective: note.subjective,
                    objective: note.objective,
                    assessment: note.assessment,
                    plan: note.plan,
                    writtenAt: note.writtenAt
                )
            }
        )
    }

    struct Written: Encodable { let id: String }

    @Sendable func writeNote(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.require(.writeClinicalNotes).account
        let member = try await member(context, viewer: viewer)
        var body = try await JSONBody.read(request, context: context)
        var fields: [String: String] = [:]
        for (field, _) in ClinicalNotes.fields { fields[field] = body.string(field) }
        let amends = body.string("amends")
        try body.checkTypes()
        let note = try await notes.write(fields, amends: amends, member: member, by: viewer, clientAddress: context.clientAddress)
        return try APIJSON.response(Written(id: note.id.uuidString.lowercased()), status: .created)
    }
}
