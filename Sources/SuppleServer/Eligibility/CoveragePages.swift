import Foundation
import Hummingbird
import SuppleCore
import SuppleStore

/// "See if you're covered": the public page where a person checks their coverage through an
/// employer or health plan before joining.
struct CoveragePages {
    let eligibility: EligibilityService
    let pages: PageRenderer
    let secureCookies: Bool

    func register(on router: Router<AppRequestContext>) {
        router.get("/coverage", use: show)
        router.post("/coverage", use: check)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let preset = request.uri.queryParameters["org"].map(String.init) ?? ""
        return try await page(context: context, values: ["organization": preset], status: .ok)
    }

    func page(context: AppRequestContext, values: [String: String], status: HTTPResponse.Status, extra: [String: Any] = [:]) async throws -> Response
    {
        let organizations = try await eligibility.rosterOrganizations()
        var data: [String: Any] = [
            "values": values,
            "organizations": organizations.map { ["slug": $0.slug, "name": $0.name, "selected": $0.slug == values["organization"]] },
        ]
        data.merge(extra) { _, new in new }
        return try pages.page("coverage", title: "See if you're covered", context: context, status: status, data: data)
    }

    @Sendable func check(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = context.form
        let code = (form["code"] ?? "").trimmingCharacters(in: .whitespaces)
        let organization = code.isEmpty ? form["organization"] : code
        let values = [
            "organization": form["organization"] ?? "", "code": code, "firstName": form["firstName"] ?? "",
            "lastName": form["lastName"] ?? "", "dateOfBirth": form["dateOfBirth"] ?? "", "memberId": form["memberId"] ?? "",
        ]
        .mapValues { String($0.prefix(100)) }
        do {
            let question = try CoverageQuestion(
                organization: organization,
                firstName: form["firstName"],
                lastName: form["lastName"],
                dateOfBirth: form["dateOfBirth"],
                memberID: form["memberId"]
            )
            let result = try await eligibility.check(question, clientAddress: context.clientAddress)
            var answer: [String: Any] = ["headline": result.answer.headline, "nextSteps": result.answer.nextSteps, "status": result.answer.status]
            if case .covered = result.answer { answer["covered"] = true }
            if result.pass != nil { answer["canJoin"] = true }
            // A confirmed person moves on; anyone else keeps what they typed to correct it.
            var response = try await page(context: context, values: result.pass == nil ? values : [:], status: .ok, extra: ["answer": answer])
            if let pass = result.pass { response.setCookie(CoverageCookie.carrying(pass, secure: secureCookies)) }
            return response
        } catch let failure as ValidationFailure {
            return try await page(context: context, values: values, status: .unprocessableContent, extra: failure.templateValues)
        } catch let limited as EligibilityService.TooManyChecks {
            var response = try await page(context: context, values: values, status: .tooManyRequests, extra: ["tooMany": limited.message])
            response.headers[.retryAfter] = "\(limited.retryAfterMinutes * 60)"
            return response
        }
    }
}
