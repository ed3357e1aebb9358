import Foundation
import Hummingbird
import SuppleCore

/// The doors anyone may knock on before signing in (sign-in, sign-up, tokens, coverage checks,
/// password reset, invitations) take a limited number of requests per client address, and the
/// limit is checked before the body is read: a flood costs Supple a counter, not a parse or a
/// password hash (issue 17, finding 1). The count is per server, in memory, on purpose: it guards
/// this process's CPU; the sign-in limits that guard accounts are in the database.
struct DoorRateLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let limiter: AttemptLimiter
    let clock: any WallClock

    init(requestsPerMinute: Int, clock: any WallClock) {
        limiter = AttemptLimiter(limit: requestsPerMinute, window: 60)
        self.clock = clock
    }

    static let doors: Set<String> = [
        "/signin", "/signup", "/password/forgot", "/coverage",
        "/api/v1/tokens", "/api/v1/members", "/api/v1/eligibility/check",
    ]
    static let doorPrefixes = ["/password/reset/", "/invite/"]

    static func isDoor(_ path: String) -> Bool {
        doors.contains(path) || doorPrefixes.contains { path.hasPrefix($0) }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post, Self.isDoor(request.uri.path) else { return try await next(request, context) }
        let now = clock.now()
        if let retry = limiter.admit(context.clientAddress ?? "unknown", now: now) {
            let seconds = max(1, Int(retry.timeIntervalSince(now).rounded(.up)))
            throw DoorBusy(retryAfterSeconds: seconds)
        }
        return try await next(request, context)
    }
}

/// Too many requests at the doors from one address: 429 with `Retry-After`.
struct DoorBusy: Error {
    let retryAfterSeconds: Int
    var message: String { "Too many requests from your network. Wait \(retryAfterSeconds) second\(retryAfterSeconds == 1 ? "" : "s") and try again." }
}
