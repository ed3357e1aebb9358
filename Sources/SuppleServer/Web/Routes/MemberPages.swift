import Hummingbird
import SuppleCore

/// The member's side of the app.
struct MemberPages {
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.get("/home", use: home)
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let signedIn = context.signedIn else { throw SignInRequired() }
        // Staff who follow a member link land in their own workspace instead of an error.
        guard AccessPolicy.permits(signedIn.account.actor, .useMemberApp) else { return .redirect(to: "/staff") }
        let welcome = request.uri.queryParameters["welcome"] == "1"
        return try pages.page("member_home", title: "Today", context: context, currentPath: "/home", data: [
            "greetingName": signedIn.account.name.greetingName,
            "notice": welcome ? "Welcome to Supple. Your account is ready." : "",
        ])
    }
}
