import Hummingbird
import SuppleStore

/// Finds out who is asking. Web pages use the session cookie; the JSON API uses bearer tokens
/// only, so a page on another site can never ride on a member's cookie to call the API.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let accounts: AccountService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.browserLanguage = BrowserLanguage.language(of: request)
        if request.uri.path.hasPrefix("/api/") {
            if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
                let token = header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
                if !token.isEmpty, token.count <= 200 {
                    context.signedIn = try await accounts.resolveAPIToken(token)
                }
            }
        } else if let cookie = request.cookies[SessionCookie.name]?.value, !cookie.isEmpty, cookie.count <= 200 {
            context.signedIn = try await accounts.resolveWebSession(cookieValue: cookie)
            // A page a member opens says whether their care team has written (one indexed count).
            if request.method == .get, let member = context.signedIn?.account, member.role == .member {
                context.unreadMessages = try await accounts.unreadMessages(for: member)
            }
        }
        return try await next(request, context)
    }
}
