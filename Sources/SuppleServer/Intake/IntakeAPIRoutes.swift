import Foundation
import Hummingbird
import SuppleCore

/// The intake and its decision over JSON, for the signed-in member (docs/intake.md).
struct IntakeAPIRoutes {
    let intakes: IntakeService

    func register(on router: Router<AppRequestContext>) {
        let api = router.group("api/v1")
        api.post("intake", use: submit)
        api.get("plan", use: latest)
    }

    /// Accepts a whole intake document; `age` comes from the member's date of birth.
    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try context.require(.useMemberApp).account
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        guard case .object(let document)? = JSONValue.parse(Data(buffer: body)) else {
            throw APIProblem(status: .badRequest, detail: "The request body must be a JSON object (see docs/intake.md).")
        }
        let decision = try await intakes.submit(document, for: member, fromDraft: false, clientAddress: context.clientAddress)
        return try APIJSON.response(decision, status: .created)
    }

    @Sendable func latest(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try context.require(.useMemberApp).account
        guard let (decision, _) = try await intakes.latestDecision(for: member.id) else {
            throw APIProblem(status: .notFound, detail: "No intake yet: POST /api/v1/intake first.")
        }
        return try APIJSON.response(decision)
    }
}
