import Foundation
import Hummingbird
import SuppleCore
import SuppleStore

/// The member's side of the thread over JSON: read it (marking it read) and write in it.
struct MessageAPIRoutes {
    let messaging: MessagingService

    func register(on router: Router<AppRequestContext>) {
        let api = router.group("api/v1")
        api.get("messages", use: thread)
        api.post("messages", use: send)
    }

    @Sendable func thread(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try context.require(.useMemberApp).account
        return try APIJSON.response(
            StaffAPIRoutes.messages(try await messaging.read(threadOf: member.id, by: member, clientAddress: context.clientAddress))
        )
    }

    @Sendable func send(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try context.require(.useMemberApp).account
        var body = try await JSONBody.read(request, context: context)
        let text = body.string("body")
        let key = try IdempotencyKey.read(request, &body) ?? SecretToken.generate().value
        try body.checkTypes()
        try await messaging.send(text, from: member, threadOf: member.id, idempotencyKey: key, clientAddress: context.clientAddress)
        return Response(status: .created)
    }
}
