import Foundation
import Hummingbird
import SuppleContent
import SuppleCore
import SuppleStore

/// The member's home: before a plan, the way into the intake; with a plan, today.
struct MemberPages {
    let pages: PageRenderer
    let intakes: IntakeService
    let program: ProgramService
    let messaging: MessagingService

    func register(on router: Router<AppRequestContext>) {
        router.get("/home", use: home)
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let signedIn = context.signedIn else { throw SignInRequired() }
        // Staff who follow a member link land in their own workspace instead of an error.
        guard AccessPolicy.permits(signedIn.account.actor, .useMemberApp) else { return .redirect(to: "/staff") }
        let notice: String =
            switch request.uri.queryParameters["done"].map(String.init) ?? (request.uri.queryParameters["welcome"] == "1" ? "welcome" : "") {
            case "welcome": "Welcome to Supple. Your account is ready."
            case "session": "Session recorded. Well done."
            case "walk": "Walk recorded."
            case "checkin": "Thanks, your check-in is saved."
            case "safety": "Thanks: nothing in your safety check needs urgent care. Keep going."
            case "what-matters": "Thanks. We'll ask how these activities are going every few weeks."
            default: ""
            }
        return try await todayPage(signedIn.account, context: context, notice: notice, failure: nil)
    }

    func todayPage(_ member: AccountRecord, context: AppRequestContext, notice: String, failure: ValidationFailure?) async throws -> Response {
        let latest = try await intakes.latestDecision(for: member.id)
        let current = try await program.currentPlan(for: member.id)
        let (team, unread) = try await messaging.teamAndUnread(for: member)
        var data: [String: Any] = [
            "unreadMessages": unread, "hasUnreadMessages": unread > 0, "unreadPlural": unread == 1 ? "" : "s",
            "greetingName": member.name.greetingName, "notice": notice,
            "hasPlan": latest != nil, "hasActivePlan": current != nil,
            "planBlocked": latest?.decision.triage.tier == .emergency,
            "planOnHold": latest?.decision.triage.programStatus == .onHold && current == nil,
            "holdContact": Self.holdContact(
                team: team,
                within: latest?.decision.triage.contactWithin,
                language: context.language,
                catalog: pages.catalog
            ),
            "intakeStarted": try await intakes.draft(for: member).furthestStep > 0,
            "careTeam": team.map { ["name": $0.name, "role": $0.role.displayName.lowercased()] },
        ]
        if let current {
            data.merge(try await TodayView.make(member, current: current, program: program)) { _, new in new }
            // The optional questions wait until the member has done a session (issue 25).
            data["askWhatMatters"] = data["sessionDone"] as? Bool == true ? try await intakes.whatMattersUnasked(for: member.id) : false
        }
        do { try await program.requireCoverage(member) } catch let ended as ProgramService.CoverageEnded { data["coverageEnded"] = ended.message }
        if let failure { data.merge(failure.templateValues) { _, new in new } }
        return try pages.page(
            "member_home",
            title: "Today",
            context: context,
            status: failure == nil ? .ok : .unprocessableContent,
            currentPath: "/home",
            data: data
        )
    }

    /// Who will contact an on-hold member, and by when, in words, in the member's language.
    static func holdContact(team: [CareTeamRepository.Member], within: String?, language: Language, catalog: TextCatalog) -> String {
        func say(_ english: String, _ values: [String: String] = [:]) -> String { catalog.text(english, in: language, values) }
        let when =
            switch within {
            case "today"?: say("today")
            case "at your next appointment"?: say("at your next appointment")
            case let span? where !span.isEmpty && span != "now": say("within {span}", ["span": say(span)])
            default: say("soon")
            }
        if let therapist = team.first(where: { $0.role == .physicalTherapist }) {
            return say(
                "{name}, your physical therapist, will contact you {when} to go over your answers. Your plan is ready, and you can start it as soon as they have cleared you.",
                ["name": therapist.name, "when": when]
            )
        }
        return say(
            "A physical therapist on your care team will contact you {when} to go over your answers. Your plan is ready, and you can start it as soon as they have cleared you.",
            ["when": when]
        )
    }
}
