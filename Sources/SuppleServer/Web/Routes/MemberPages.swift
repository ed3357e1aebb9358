import Hummingbird
import SuppleCore

/// The member's side of the app.
struct MemberPages {
    let pages: PageRenderer
    let intakes: IntakeService

    func register(on router: Router<AppRequestContext>) {
        router.get("/home", use: home)
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let signedIn = context.signedIn else { throw SignInRequired() }
        // Staff who follow a member link land in their own workspace instead of an error.
        guard AccessPolicy.permits(signedIn.account.actor, .useMemberApp) else { return .redirect(to: "/staff") }
        let welcome = request.uri.queryParameters["welcome"] == "1"
        let latest = try await intakes.latestDecision(for: signedIn.account.id)
        let (_, furthest) = try await intakes.draft(for: signedIn.account)
        return try pages.page("member_home", title: "Today", context: context, currentPath: "/home", data: [
            "greetingName": signedIn.account.name.greetingName,
            "notice": welcome ? "Welcome to Supple. Your account is ready." : "",
            "hasPlan": latest != nil,
            "planBlocked": latest?.decision.triage.tier == .emergency,
            "planOnHold": latest?.decision.triage.programStatus == .onHold,
            "intakeStarted": furthest > 0,
        ])
    }
}
