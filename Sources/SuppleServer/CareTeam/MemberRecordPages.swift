import Foundation
import Hummingbird
import SuppleContent
import SuppleCore
import SuppleStore

/// A member's chart for the care team: who they are, alerts, the plan with every reason, its
/// history and pending proposals, activity, progress, questionnaires, messages, notes and the
/// engine's intake decision. Every opening is audited.
struct MemberRecordPages {
    let records: MemberRecordService
    let notes: ClinicalNotes
    let pages: PageRenderer

    var program: ProgramService { records.program }
    var intakes: IntakeService { records.intakes }

    func register(on router: Router<AppRequestContext>) {
        router.get("/staff/members/{id}", use: record)
        router.get("/staff/members/{id}/audit.csv", use: auditTrail)
        router.post("/staff/members/{id}/care-team", use: reassign)
        router.post("/staff/members/{id}/notes", use: writeNote)
        router.post("/staff/members/{id}/release", use: releaseHold)
    }

    /// An admin hands the member to another physical therapist and/or coach. Both choices are
    /// checked before either is saved, and the change is audited.
    @Sendable func reassign(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.require(.reassignCareTeam).account
        let chosen = Dictionary(
            uniqueKeysWithValues: MemberRecordService.careTeamFields.compactMap { role, field in context.form[field].map { (role, $0) } }
        )
        let id = context.parameters.get("id")
        guard try await records.reassign(id, chosen: chosen, by: viewer, clientAddress: context.clientAddress) else { throw HTTPError(.notFound) }
        return .redirect(to: "/staff/members/\(id?.lowercased() ?? "")?done=reassigned")
    }

    /// An admin's download of everything that touched one member's record, oldest first. The
    /// download itself is audited, and so is in the file.
    @Sendable func auditTrail(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.require(.exportAuditTrail).account
        guard let (id, trail) = try await records.auditTrail(context.parameters.get("id"), by: viewer, clientAddress: context.clientAddress) else {
            throw HTTPError(.notFound)
        }
        var table = CSVTable(header: ["occurred_at_utc", "actor_email", "actor_role", "action", "subject", "detail", "client_address"])
        let timestamp = ISO8601DateFormatter()
        for entry in trail {
            let event = entry.event
            table.append([
                timestamp.string(from: event.occurredAt), entry.actorEmail ?? "", entry.actorRole ?? "", event.action,
                event.subjectAccountID == id ? "this member" : (event.subjectAccountID?.uuidString.lowercased() ?? ""),
                event.detail, event.clientAddress ?? "",
            ])
        }
        let buffer = ByteBuffer(string: table.text)
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .contentLength: "\(buffer.readableBytes)", .cacheControl: "no-store",
                .contentDisposition: "attachment; filename=\"audit-\(id.uuidString.lowercased()).csv\"",
            ],
            body: .init(byteBuffer: buffer)
        )
    }

    @Sendable func record(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.require(.viewMemberRecord).account
        let member = try await records.open(context.parameters.get("id"), viewer: viewer, clientAddress: context.clientAddress)
        return try await chart(
            member,
            viewer: viewer,
            context: context,
            notice: Self.notices[request.uri.queryParameters["done"].map(String.init) ?? ""] ?? "",
            amending: request.uri.queryParameters["amend"].flatMap { UUID(uuidString: String($0)) }?.uuidString.lowercased() ?? ""
        )
    }

    static let notices = [
        "reassigned": "Care team updated.", "plan-saved": "Plan saved as a new version. The member sees it, with your note, today.",
        "note-saved": "Note added to the record.",
        "released": "Program started: the plan is version 1, effective today. The member sees your note with it.",
    ]

    /// "Review and start the program" on the chart of a member whose program is on hold.
    @Sendable func releaseHold(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.require(.editPlan).account
        let member = try await records.access.member(context.parameters.get("id"), viewer: viewer, clientAddress: context.clientAddress)
        do {
            _ = try await PlanEditingService(program: program, intakes: intakes)
                .releaseHold(for: member, by: viewer, note: context.form["note"] ?? "", clientAddress: context.clientAddress)
            return .redirect(to: "/staff/members/\(member.id.uuidString.lowercased())?done=released#plan")
        } catch let failure as ValidationFailure {
            return try await chart(member, viewer: viewer, context: context, releaseNote: context.form["note"] ?? "", releaseFailure: failure)
        }
    }

    /// A clinical note or an amendment, from the form at the foot of the chart.
    @Sendable func writeNote(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.require(.writeClinicalNotes).account
        let member = try await records.access.member(context.parameters.get("id"), viewer: viewer, clientAddress: context.clientAddress)
        do {
            _ = try await notes.write(context.form, member: member, by: viewer, clientAddress: context.clientAddress)
            return .redirect(to: "/staff/members/\(member.id.uuidString.lowercased())?done=note-saved#notes")
        } catch let failure as ValidationFailure {
            var values: [String: String] = [:]
            for (field, _) in ClinicalNotes.fields { values[field] = context.form[field] ?? "" }
            return try await chart(
                member,
                viewer: viewer,
                context: context,
                noteValues: values,
                noteFailure: failure,
                amending: context.form["amends"] ?? ""
            )
        }
    }

    func chart(
        _ member: AccountRecord,
        viewer: AccountRecord,
        context: AppRequestContext,
        notice: String = "",
        noteValues: [String: String] = [:],
        noteFailure: ValidationFailure? = nil,
        amending: String = "",
        releaseNote: String = "",
        releaseFailure: ValidationFailure? = nil
    ) async throws -> Response {
        let record = try await records.chart(of: member, for: viewer)
        let careTeam = Self.careTeamChoices(record, viewer: viewer)
        let latest = record.decision
        let current = record.plan
        let memberID = member.id.uuidString.lowercased()
        let unread = record.unreadMessages
        var data: [String: Any] = [
            "memberName": member.name.value, "memberEmail": member.email.value, "memberTimeZone": member.timeZone.identifier,
            "joined": DisplayFormats.day(member.createdAt, in: viewer.timeZone),
            "alerts": record.alerts.map {
                [
                    "severity": $0.severity.rawValue, "reason": $0.reason, "when": DisplayFormats.day($0.createdAt, in: viewer.timeZone),
                    "open": $0.resolvedAt == nil,
                ]
            },
            "hasDecision": latest != nil,
            "careTeam": careTeam.current, "reassign": careTeam.choices ?? [], "canReassign": careTeam.choices != nil,
            "memberID": memberID, "notice": notice,
            "auditTrailURL": AccessPolicy.permits(viewer.actor, .exportAuditTrail) ? "/staff/members/\(memberID)/audit.csv" : "",
            "canEditPlan": AccessPolicy.permits(viewer.actor, .editPlan),
            "plan": MemberChartView.planSection(current, history: record.planHistory, library: program.library, viewer: viewer),
            "timeline": MemberChartView.timeline(sessions: record.sessions, walks: record.walks, today: program.today(for: member)),
            "questionnaires": MemberChartView.questionnaires(record.checkIns),
            "unread": unread, "hasUnread": unread > 0,
            "recentMessages": MessagingService.view(record.recentMessages, reader: viewer),
            "notes": ClinicalNotes.view(record.notes, viewer: viewer),
            "noteValues": noteValues, "amending": amending,
            "canWriteNotes": AccessPolicy.permits(viewer.actor, .writeClinicalNotes),
        ]
        if current != nil { data["progress"] = try await ProgressView.make(member, program: program, intakes: intakes) }
        if let noteFailure { data.merge(noteFailure.templateValues) { _, new in new } }
        if let (decision, at) = latest {
            data["decidedOn"] = DisplayFormats.day(at, in: viewer.timeZone)
            data["decision"] = StaffDecisionView.make(decision)
            data["glance"] = ChartGlance.make(decision, intake: record.intake)
            // On hold at intake: the reason first, and the way to start the program once reviewed.
            if current == nil, decision.triage.programStatus == .onHold, decision.plan != nil {
                data["onHold"] =
                    [
                        "flags": decision.triage.flags.filter { $0.tier == decision.triage.tier }.map { ["explanation": $0.rationale.explanation] },
                        "contactWithin": decision.triage.contactWithin ?? "",
                        "waiting": DisplayFormats.day(at, in: viewer.timeZone),
                        "canRelease": AccessPolicy.permits(viewer.actor, .editPlan),
                        "note": releaseNote,
                        "error": releaseFailure?.errors.first?.message ?? "",
                    ] as [String: Any]
            }
        }
        // A release refused with no hold card to show it on (already started) says why at the top.
        if data["onHold"] == nil, let releaseFailure { data["releaseError"] = releaseFailure.errors.first?.message ?? "" }
        let failed = noteFailure != nil || releaseFailure != nil
        return try pages.page(
            "staff_member",
            title: member.name.value,
            context: context,
            status: !failed ? .ok : .unprocessableContent,
            currentPath: "/staff/members",
            data: data
        )
    }
}

extension MemberRecordPages {
    /// Who looks after the member now, and, for an admin, the choices for each role.
    static func careTeamChoices(_ record: MemberChart, viewer: AccountRecord) -> (current: [[String: String]], choices: [[String: Any]]?) {
        let assigned = record.assignment
        let staff = record.assignableStaff
        let current = MemberRecordService.careTeamFields.map(\.role).map { role in
            ["role": role.displayName, "name": staff.first { $0.id == assigned[role] }?.name.value ?? "Not assigned yet"]
        }
        guard AccessPolicy.permits(viewer.actor, .reassignCareTeam) else { return (current, nil) }
        let choices: [[String: Any]] = MemberRecordService.careTeamFields.map { role, field in
            [
                "field": field, "label": role.displayName,
                "options": staff.filter { $0.role == role }.map { person -> [String: Any] in
                    ["id": person.id.uuidString.lowercased(), "name": person.name.value, "selected": person.id == assigned[role]]
                },
            ]
        }
        return (current, choices)
    }
}

/// Every reason the engine gave, for the care team.
enum StaffDecisionView {
    static func row(_ rationale: Rationale) -> [String: String] {
        ["rule": rationale.rule, "explanation": rationale.explanation, "source": rationale.source]
    }

    /// The classification in the care team's words; `weeks` adds how long the pain has lasted.
    static func classificationText(_ c: Classification, weeks: Int? = nil) -> String {
        let lasting = weeks.map { " (\($0) week\($0 == 1 ? "" : "s"))" } ?? ""
        return "\(c.primaryRegion.label), \(c.stage.rawValue)\(lasting), \(c.irritability) irritability, pattern \(c.pattern.rawValue)"
    }

    static func make(_ decision: Decision) -> [String: Any] {
        let c = decision.classification
        var view: [String: Any] = [
            "tier": decision.triage.tier.rawValue, "status": decision.triage.programStatus.rawValue,
            "contactWithin": decision.triage.contactWithin ?? "",
            "flags": decision.triage.flags.map {
                ["id": $0.id, "tier": $0.tier.rawValue, "explanation": $0.rationale.explanation, "source": $0.rationale.source]
            },
            "yellowFlags": decision.yellowFlags.map { row($0.rationale) },
            "classification": classificationText(c),
            "classificationReasons": c.rationale.map(row),
            "engineVersion": decision.engineVersion,
        ]
        if let plan = decision.plan {
            view["exercises"] = plan.exercises.map { item in
                [
                    "exerciseId": item.exerciseId, "name": item.name, "phase": DecisionView.phaseLabel(item.phase), "dose": item.doseText,
                    "rule": item.rationale.rule, "explanation": item.rationale.explanation, "source": item.rationale.source,
                    "doseRule": item.doseRationale.rule,
                ]
            }
            view["walking"] =
                plan.walking.rationale.map(row) + [
                    [
                        "rule": "W-plan",
                        "explanation":
                            "Start \(plan.walking.startMinutes) min × \(plan.walking.bouts), \(plan.walking.daysPerWeekStart) days/week; weeks: \(plan.walking.weeklyMinutes.map(String.init).joined(separator: ", ")). Break: \(plan.walking.breakRule)",
                        "source": "docs/intake.md",
                    ]
                ]
            view["habits"] = [plan.heat.map { row($0.rationale) }, plan.movementSnacks.map { row($0.rationale) }].compactMap { $0 }
            view["education"] = plan.education.map {
                ["slug": $0.slug, "title": $0.title, "rule": $0.rationale.rule, "explanation": $0.rationale.explanation]
            }
            view["cautions"] = plan.cautions.map { row($0.rationale) }
        }
        return view
    }
}
