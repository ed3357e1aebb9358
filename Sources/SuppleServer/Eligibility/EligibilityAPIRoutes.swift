import Foundation
import Hummingbird
import SuppleCore
import SuppleStore

/// `POST /api/v1/eligibility/check`: the coverage check for apps. Anyone may call it; it is
/// rate-limited like the page, and its answer never says which field failed to match.
struct EligibilityAPIRoutes {
    let eligibility: EligibilityService

    func register(on router: Router<AppRequestContext>) {
        router.group("api/v1").post("eligibility/check", use: check)
    }

    struct Answer: Encodable {
        /// covered, ended, not_started or not_confirmed.
        let status: String
        let covered: Bool
        let message: String
        let nextSteps: String
        /// For a covered answer: pass it as `coveragePass` to `POST /api/v1/members` within an hour.
        let coveragePass: String?
    }

    @Sendable func check(_ request: Request, context: AppRequestContext) async throws -> Response {
        var body = try await JSONBody.read(request, context: context, limit: JSONBody.anonymousLimit)
        let organization = body.string("organization")
        let firstName = body.string("firstName")
        let lastName = body.string("lastName")
        let dateOfBirth = body.string("dateOfBirth")
        let memberID = body.string("memberId")
        try body.checkTypes()
        let question = try CoverageQuestion(
            organization: organization,
            firstName: firstName,
            lastName: lastName,
            dateOfBirth: dateOfBirth,
            memberID: memberID
        )
        do {
            let result = try await eligibility.check(question, clientAddress: context.clientAddress)
            let covered: Bool = if case .covered = result.answer { true } else { false }
            return try APIJSON.response(
                Answer(
                    status: result.answer.status,
                    covered: covered,
                    message: result.answer.headline,
                    nextSteps: result.answer.nextSteps,
                    coveragePass: result.pass
                ),
                status: .ok
            )
        } catch let limited as EligibilityService.TooManyChecks {
            return ProblemDetails(status: .tooManyRequests, detail: limited.message).response(headers: [
                .retryAfter: "\(limited.retryAfterMinutes * 60)"
            ])
        }
    }
}
