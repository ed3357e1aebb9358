import Foundation
import Hummingbird
import SuppleCore
import SuppleStore

/// The JSON API, version 1. Every route here is described in `openapi.json`; a test keeps the two
/// in step.
struct APIRoutes {
    let accounts: AccountService
    let openAPIDocument: ByteBuffer

    static let prefix = "/api/v1"

    func register(on router: Router<AppRequestContext>) {
        let api = router.group("api/v1")
        api.get("openapi.json") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/json", .cacheControl: "public, max-age=300"],
                body: .init(byteBuffer: openAPIDocument)
            )
        }
        api.post("members", use: signUp)
        api.post("tokens", use: issueToken)
        api.delete("tokens/current", use: revokeCurrentToken)
        api.get("me", use: me)
    }

    struct AccountJSON: Encodable {
        let id: String
        let name: String
        let email: String
        let role: String
        let timeZone: String
        let dateOfBirth: String?
        let createdAt: Date

        init(_ account: AccountRecord) {
            id = account.id.uuidString.lowercased()
            name = account.name.value
            email = account.email.value
            role = account.role.rawValue
            timeZone = account.timeZone.identifier
            dateOfBirth = account.dateOfBirth?.description
            createdAt = account.createdAt
        }
    }

    struct CheckEmailJSON: Encodable {
        var status = "check_email"
        var detail = AccountService.CheckYourEmail.message
    }

    struct TokenJSON: Encodable {
        let token: String
        let expiresAt: Date
        let account: AccountJSON
    }

    @Sendable func signUp(_ request: Request, context: AppRequestContext) async throws -> Response {
        var body = try await JSONBody.read(request, context: context, limit: JSONBody.anonymousLimit)
        let input = MemberSignUp.Input(
            name: body.string("name"),
            email: body.string("email"),
            password: body.string("password"),
            dateOfBirth: body.string("dateOfBirth"),
            timeZone: body.string("timeZone"),
            consent: body.bool("consent")
        )
        let coveragePass = body.string("coveragePass")
        try body.checkTypes()
        let account: AccountRecord
        do {
            account = try await accounts.signUpMember(input, clientAddress: context.clientAddress, coveragePass: coveragePass)
        } catch is AccountService.CheckYourEmail {
            // Accepted, and finished by email: the same answer whether or not the email has an account.
            return try json(CheckEmailJSON(), status: .accepted)
        }
        let token = try await accounts.issueAPIToken(for: account, label: "sign-up", clientAddress: context.clientAddress)
        return try json(TokenJSON(token: token.secret.value, expiresAt: token.expiresAt, account: AccountJSON(account)), status: .created)
    }

    @Sendable func issueToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        var body = try await JSONBody.read(request, context: context, limit: JSONBody.anonymousLimit)
        let email = body.string("email")
        let password = body.string("password")
        let label = body.string("label")
        let totp = body.string("totp")
        try body.checkTypes()
        let account = try await accounts.signIn(email: email, password: password, clientAddress: context.clientAddress)
        if try await accounts.hasSecondFactor(account.id) {
            guard let totp, !totp.isEmpty else {
                throw APIProblem(
                    status: .unauthorized,
                    detail: "This account signs in in two steps: send the 6-digit code from the authenticator app (or a recovery code) as totp."
                )
            }
            try await accounts.checkSecondFactor(account, code: totp, clientAddress: context.clientAddress)
        } else if account.role.isStaff, accounts.staffTwoFactor == .required {
            throw APIProblem(status: .forbidden, detail: "Set up two-step sign-in on the web (Account, then Two-step sign-in) before using the API.")
        }
        let token = try await accounts.issueAPIToken(for: account, label: label ?? "api", clientAddress: context.clientAddress)
        return try json(TokenJSON(token: token.secret.value, expiresAt: token.expiresAt, account: AccountJSON(account)), status: .created)
    }

    @Sendable func revokeCurrentToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let tokenID = context.signedIn?.apiTokenID else { throw SignInRequired() }
        try await accounts.revokeAPIToken(id: tokenID)
        return Response(status: .noContent)
    }

    @Sendable func me(_ request: Request, context: AppRequestContext) async throws -> Response {
        let signedIn = try context.require(.manageOwnAccount)
        return try json(AccountJSON(signedIn.account), status: .ok)
    }

    func json(_ value: some Encodable, status: HTTPResponse.Status) throws -> Response {
        try APIJSON.response(value, status: status)
    }
}
