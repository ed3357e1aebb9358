import Foundation
import Hummingbird
import SuppleCore
import SuppleStore

/// Two-step sign-in on the web: the code page after a right password, and the account page
/// where anyone sets it up (staff must, where the installation requires it), sees how many
/// recovery codes are left, makes new ones, or turns it off.
struct TwoFactorPages {
    let accounts: AccountService
    let pages: PageRenderer
    let secureCookies: Bool

    func register(on router: Router<AppRequestContext>) {
        router.get("/signin/code", use: showCode)
        router.post("/signin/code", use: submitCode)
        router.get("/account/two-factor", use: showSetUp)
        router.post("/account/two-factor", use: confirm)
        router.post("/account/two-factor/recovery-codes", use: replaceRecoveryCodes)
        router.post("/account/two-factor/off", use: turnOff)
    }

    // MARK: The second step of signing in

    func next(_ value: String?) -> String? { value.flatMap { $0.isSafeLocalPath ? $0 : nil } }

    @Sendable func showCode(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = request.cookies[SessionCookie.pendingName]?.value ?? ""
        let waiting = token.isEmpty ? nil : try await accounts.pendingSignIn(token: token)
        return try codePage(context: context, expired: waiting == nil, next: next(request.uri.queryParameters["next"].map(String.init)), error: nil)
    }

    func codePage(context: AppRequestContext, expired: Bool, next: String?, error: String?, status: HTTPResponse.Status = .ok) throws -> Response {
        try pages.page(
            "signin_code",
            title: "Enter your code",
            context: context,
            status: expired ? .gone : status,
            data: [
                "expired": expired, "next": next ?? "", "formError": error ?? "",
            ]
        )
    }

    @Sendable func submitCode(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = request.cookies[SessionCookie.pendingName]?.value ?? ""
        let next = next(context.form["next"])
        do {
            let account = try await accounts.completePendingSignIn(token: token, code: context.form["code"], clientAddress: context.clientAddress)
            var response = try await SessionCookie.signInAndRedirect(
                account,
                to: next ?? PageRenderer.homePath(for: account.role),
                accounts: accounts,
                secure: secureCookies
            )
            response.setCookie(SessionCookie.pendingCleared(secure: secureCookies))
            return response
        } catch let refusal as AccountService.SecondFactorRefusal {
            let status: HTTPResponse.Status = if case .tooManyAttempts = refusal { .tooManyRequests } else { .unauthorized }
            return try codePage(context: context, expired: false, next: next, error: refusal.message, status: status)
        } catch is AccountService.LinkNoLongerValid {
            return try codePage(context: context, expired: true, next: next, error: nil)
        }
    }

    // MARK: Setting it up and looking after it

    @Sendable func showSetUp(_ request: Request, context: AppRequestContext) async throws -> Response {
        let signedIn = try context.require(.manageOwnAccount)
        return try await setUpPage(signedIn, context: context, notice: "", recoveryCodes: nil, failure: nil)
    }

    func setUpPage(
        _ signedIn: AccountService.SignedIn,
        context: AppRequestContext,
        notice: String,
        recoveryCodes: [String]?,
        failure: ValidationFailure?
    ) async throws -> Response {
        let account = signedIn.account
        var data: [String: Any] = [
            "notice": notice,
            "required": signedIn.mustEnrolSecondFactor(accounts.staffTwoFactor),
            "mayTurnOff": !(account.role.isStaff && accounts.staffTwoFactor == .required),
            "homePath": PageRenderer.homePath(for: account.role),
        ]
        if let recoveryCodes {
            data["recoveryCodes"] = recoveryCodes
            data["showingCodes"] = true
        } else if let enrolment = try await accounts.enrolment(for: account) {
            data["enrolling"] = true
            data["qrSVG"] = enrolment.qrSVG
            data["typedKey"] = enrolment.typedKey
        } else {
            data["enabled"] = true
            data["codesLeft"] = "\(try await accounts.unusedRecoveryCodes(account.id))"
        }
        if let failure { data.merge(failure.templateValues) { _, new in new } }
        return try pages.page(
            "two_factor",
            title: "Two-step sign-in",
            context: context,
            status: failure == nil ? .ok : .unprocessableContent,
            currentPath: "/account",
            data: data
        )
    }

    @Sendable func confirm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let signedIn = try context.require(.manageOwnAccount)
        do {
            let codes = try await accounts.confirmSecondFactor(signedIn.account, code: context.form["code"], clientAddress: context.clientAddress)
            var now = signedIn
            now.hasSecondFactor = true
            return try await setUpPage(now, context: context, notice: "Two-step sign-in is on.", recoveryCodes: codes, failure: nil)
        } catch let failure as ValidationFailure {
            return try await setUpPage(signedIn, context: context, notice: "", recoveryCodes: nil, failure: failure)
        } catch let refusal as AccountService.SecondFactorRefusal {
            return try await setUpPage(signedIn, context: context, notice: "", recoveryCodes: nil, failure: refusal.asCodeFieldError)
        }
    }

    @Sendable func replaceRecoveryCodes(_ request: Request, context: AppRequestContext) async throws -> Response {
        let signedIn = try context.require(.manageOwnAccount)
        do {
            let codes = try await accounts.replaceRecoveryCodes(signedIn.account, code: context.form["code"], clientAddress: context.clientAddress)
            return try await setUpPage(
                signedIn,
                context: context,
                notice: "New recovery codes made. The old ones no longer work.",
                recoveryCodes: codes,
                failure: nil
            )
        } catch let refusal as AccountService.SecondFactorRefusal {
            return try await setUpPage(signedIn, context: context, notice: "", recoveryCodes: nil, failure: refusal.asCodeFieldError)
        }
    }

    @Sendable func turnOff(_ request: Request, context: AppRequestContext) async throws -> Response {
        let signedIn = try context.require(.manageOwnAccount)
        do {
            try await accounts.turnOffSecondFactor(signedIn, password: context.form["password"], clientAddress: context.clientAddress)
            return .redirect(to: "/account?done=two-factor-off")
        } catch let failure as ValidationFailure {
            return try await setUpPage(signedIn, context: context, notice: "", recoveryCodes: nil, failure: failure)
        }
    }
}

extension AccountService.SecondFactorRefusal {
    /// On the set-up page a refused code is a field to fix, shown beside the code box.
    var asCodeFieldError: ValidationFailure { ValidationFailure(field: "code", message: message) }
}
