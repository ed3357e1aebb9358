import Foundation
import Hummingbird
import SuppleCore
import SuppleStore

/// Records every refused attempt by a signed-in person to reach something the policy keeps
/// from them (issue 17, finding 9): a care-team member opening a chart not theirs, a member
/// trying a staff page. The refusal still answers 403; the audit shows who tried what, when.
struct RefusedAccessAuditMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let accounts: AccountService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let denied as AccessDenied {
            guard let actor = context.signedIn?.account else { throw denied }
            let path = String(request.uri.path.prefix(200))
            let event = AuditLog.Event(
                occurredAt: accounts.clock.now(),
                actorID: actor.id,
                action: "access.refused",
                subjectAccountID: Self.memberID(in: path),
                detail: "\(request.method.rawValue) \(path)",
                clientAddress: context.clientAddress
            )
            // The refusal is answered whether or not the audit row could be written.
            do {
                try await accounts.audit(event)
            } catch {
                context.logger.error("Could not audit a refused request", metadata: ["action": "access.refused"])
            }
            throw denied
        }
    }

    /// The member a staff path is about (`/staff/members/{id}/…`, `/api/v1/staff/members/{id}/…`).
    static func memberID(in path: String) -> UUID? {
        let parts = path.split(separator: "/")
        guard let index = parts.firstIndex(of: "members"), index > 0, parts[index - 1] == "staff", index + 1 < parts.count else { return nil }
        return UUID(uuidString: String(parts[index + 1]))
    }
}
