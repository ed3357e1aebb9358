import Foundation
import Hummingbird
import SuppleCore
import SuppleStore

/// Joining, signing in and out, and looking after one's password, as web pages.
struct AccountPages {
    let accounts: AccountService
    let eligibility: EligibilityService
    let pages: PageRenderer
    let secureCookies: Bool

    func register(on router: Router<AppRequestContext>) {
        router.get("/signup", use: showSignUp)
        router.post("/signup", use: signUp)
        router.get("/signin", use: showSignIn)
        router.post("/signin", use: signIn)
        router.post("/signout", use: signOut)
        router.get("/password/forgot", use: showForgotPassword)
        router.post("/password/forgot", use: forgotPassword)
        router.get("/password/reset/{token}", use: showResetPassword)
        router.post("/password/reset/{token}", use: resetPassword)
        router.get("/account", use: showAccount)
        router.post("/account/password", use: changePassword)
        router.post("/account/language", use: changeLanguage)
        router.get("/language/{tag}", use: chooseLanguage)
    }

    /// The languages offered, the current one selected; each named in its own language.
    static func languageOptions(chosen: Language) -> [[String: Any]] {
        Language.allCases.map { ["tag": $0.tag, "name": $0.ownName, "selected": $0 == chosen] }
    }

    /// The link at the foot of every page for people not signed in: remembers the choice and
    /// goes back to the start page in that language.
    @Sendable func chooseLanguage(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let language = Language(rawValue: try context.parameters.require("tag")) else { throw HTTPError(.notFound) }
        var response = Response.redirect(to: "/")
        response.setCookie(BrowserLanguage.chosen(language, secure: secureCookies))
        return response
    }

    @Sendable func changeLanguage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let signedIn = try context.require(.manageOwnAccount)
        guard let language = Language(rawValue: context.form["language"] ?? "") else {
            return try await accountPage(
                signedIn,
                context: context,
                notice: "",
                failure: ValidationFailure(field: "language", message: "Choose English or Español.")
            )
        }
        try await accounts.changeLanguage(signedIn, to: language)
        return .redirect(to: "/account?done=language#language")
    }

    // MARK: Sign-up

    @Sendable func showSignUp(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let signedIn = context.signedIn {
            return .redirect(to: PageRenderer.homePath(for: signedIn.account.role))
        }
        var values: [String: String] = [:]
        // Arriving from a confirmed coverage check: the roster's name and date of birth start
        // the form. Never its email: the person gives their own, and the roster's stays unseen.
        if let pass = CoverageCookie.pass(in: request), let person = try await eligibility.person(forPass: pass) {
            values = ["coverage": "confirmed", "name": "\(person.firstName) \(person.lastName)", "dateOfBirth": person.dateOfBirth]
        }
        return try signUpPage(context: context, values: values, failure: nil)
    }

    func signUpPage(context: AppRequestContext, values: [String: String], failure: ValidationFailure?) throws -> Response {
        var data: [String: Any] = [
            "values": values,
            "timeZones": DisplayFormats.timeZoneOptions(chosen: values["timeZone"]),
            "timeZoneChosen": values["timeZone"] != nil ? "true" : "false",
            "languages": Self.languageOptions(chosen: values["language"].flatMap(Language.init(rawValue:)) ?? context.language),
        ]
        if let failure { data.merge(failure.templateValues) { _, new in new } }
        return try pages.page("signup", title: "Join Supple", context: context, status: failure == nil ? .ok : .unprocessableContent, data: data)
    }

    @Sendable func signUp(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = context.form
        let input = MemberSignUp.Input(
            name: form["name"],
            email: form["email"],
            password: form["password"],
            dateOfBirth: form["dateOfBirth"],
            timeZone: form["timeZone"],
            consent: form.isChecked("consent")
        )
        do {
            guard let language = Language(rawValue: form["language"] ?? context.language.tag) else {
                throw ValidationFailure(field: "language", message: "Choose English or Español.")
            }
            let account = try await accounts.signUpMember(
                input,
                clientAddress: context.clientAddress,
                coveragePass: CoverageCookie.pass(in: request),
                language: language
            )
            var response = try await signedInRedirect(account, to: "/home?welcome=1")
            response.setCookie(CoverageCookie.cleared(secure: secureCookies))
            return response
        } catch is AccountService.CheckYourEmail {
            return try pages.page("signup_check_email", title: "Check your email", context: context)
        } catch let failure as ValidationFailure {
            // Typed values come back so the person fixes one field, not the whole form; never the password.
            let values = [
                "name": form["name"] ?? "", "email": form["email"] ?? "", "dateOfBirth": form["dateOfBirth"] ?? "",
                "timeZone": form["timeZone"] ?? "UTC", "consent": form.isChecked("consent") ? "yes" : "",
                "coverage": CoverageCookie.pass(in: request) == nil ? "" : "confirmed", "language": form["language"] ?? "",
            ]
            return try signUpPage(context: context, values: values.mapValues { String($0.prefix(300)) }, failure: failure)
        }
    }

    // MARK: Sign-in and sign-out

    @Sendable func showSignIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let signedIn = context.signedIn {
            return .redirect(to: PageRenderer.homePath(for: signedIn.account.role))
        }
        let notice: String? =
            switch request.uri.queryParameters["done"].map(String.init) {
            case "reset": "Your password has been changed. Sign in with your new password."
            case "signedout": "You've signed out."
            default: nil
            }
        return try pages.page(
            "signin",
            title: "Sign in",
            context: context,
            currentPath: "/signin",
            data: [
                "notice": notice ?? "",
                "values": ["next": request.uri.queryParameters["next"].map(String.init).flatMap { $0.isSafeLocalPath ? $0 : nil } ?? ""],
            ]
        )
    }

    @Sendable func signIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = context.form
        do {
            let account = try await accounts.signIn(email: form["email"], password: form["password"], clientAddress: context.clientAddress)
            let next = form["next"].flatMap { $0.isSafeLocalPath ? $0 : nil }
            if try await accounts.hasSecondFactor(account.id) {
                // The second step: no session until the code is right.
                let pending = try await accounts.startPendingSignIn(account)
                var response = Response.redirect(
                    to: "/signin/code" + (next.map { "?next=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? "")
                )
                response.setCookie(SessionCookie.pending(token: pending, secure: secureCookies))
                return response
            }
            return try await signedInRedirect(account, to: next ?? PageRenderer.homePath(for: account.role))
        } catch let refusal as AccountService.SignInRefusal {
            let status: HTTPResponse.Status = if case .tooManyAttempts = refusal { .tooManyRequests } else { .unauthorized }
            return try pages.page(
                "signin",
                title: "Sign in",
                context: context,
                status: status,
                currentPath: "/signin",
                data: [
                    "formError": refusal.message,
                    "values": [
                        "email": String((form["email"] ?? "").prefix(254)), "next": form["next"].flatMap { $0.isSafeLocalPath ? $0 : nil } ?? "",
                    ],
                ]
            )
        }
    }

    func signedInRedirect(_ account: AccountRecord, to path: String) async throws -> Response {
        try await SessionCookie.signInAndRedirect(account, to: path, accounts: accounts, secure: secureCookies)
    }

    @Sendable func signOut(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let hash = context.signedIn?.sessionHash {
            try await accounts.endWebSession(sessionHash: hash)
        }
        var response = Response.redirect(to: "/signin?done=signedout")
        response.setCookie(SessionCookie.cleared(secure: secureCookies))
        return response
    }

    // MARK: Forgotten password

    @Sendable func showForgotPassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        try pages.page("forgot_password", title: "Reset your password", context: context)
    }

    @Sendable func forgotPassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let email = context.form["email"]
        do {
            try await accounts.requestPasswordReset(email: email, clientAddress: context.clientAddress)
            return try pages.page(
                "forgot_password",
                title: "Check your email",
                context: context,
                data: [
                    "sent": true, "sentTo": (try? EmailAddress(validating: email).value) ?? "",
                ]
            )
        } catch let error as FieldError {
            return try pages.page(
                "forgot_password",
                title: "Reset your password",
                context: context,
                status: .unprocessableContent,
                data: [
                    "errors": [error.field: error.message], "values": ["email": String((email ?? "").prefix(254))],
                ]
            )
        }
    }

    @Sendable func showResetPassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let link = try await accounts.usablePasswordReset(token: token)
        return try pages.page(
            "reset_password",
            title: "Choose a new password",
            context: context,
            status: link == nil ? .gone : .ok,
            data: [
                "linkExpired": link == nil, "email": link?.email.value ?? "", "token": token,
            ]
        )
    }

    @Sendable func resetPassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        do {
            _ = try await accounts.resetPassword(
                token: token,
                new: context.form["newPassword"],
                confirmation: context.form["confirmPassword"],
                clientAddress: context.clientAddress
            )
            return .redirect(to: "/signin?done=reset")
        } catch let failure as ValidationFailure {
            let link = try await accounts.usablePasswordReset(token: token)
            var data: [String: Any] = ["linkExpired": link == nil, "email": link?.email.value ?? "", "token": token]
            data.merge(failure.templateValues) { _, new in new }
            return try pages.page("reset_password", title: "Choose a new password", context: context, status: .unprocessableContent, data: data)
        } catch is AccountService.LinkNoLongerValid {
            return try pages.page("reset_password", title: "Choose a new password", context: context, status: .gone, data: ["linkExpired": true])
        }
    }

    // MARK: Account

    @Sendable func showAccount(_ request: Request, context: AppRequestContext) async throws -> Response {
        let signedIn = try context.require(.manageOwnAccount)
        let notice =
            switch request.uri.queryParameters["done"].map(String.init) {
            case "password": "Your password has been changed. Your other devices have been signed out."
            case "language": "Saved. Supple will speak to you in this language."
            case "two-factor-off": "Two-step sign-in is off."
            default: ""
            }
        return try await accountPage(signedIn, context: context, notice: notice, failure: nil)
    }

    func accountPage(
        _ signedIn: AccountService.SignedIn,
        context: AppRequestContext,
        notice: String,
        failure: ValidationFailure?
    ) async throws -> Response {
        let account = signedIn.account
        var data: [String: Any] = [
            "notice": notice,
            "account": [
                "name": account.name.value, "email": account.email.value, "role": account.role.displayName,
                "timeZone": account.timeZone.identifier, "dateOfBirth": account.dateOfBirth?.description ?? "",
                "since": DisplayFormats.day(account.createdAt, in: account.timeZone),
            ],
            "isMember": account.role == .member,
            "hasSecondFactor": try await accounts.hasSecondFactor(account.id),
            "languages": Self.languageOptions(chosen: account.language),
        ]
        if let failure { data.merge(failure.templateValues) { _, new in new } }
        return try pages.page(
            "account",
            title: "Your account",
            context: context,
            status: failure == nil ? .ok : .unprocessableContent,
            currentPath: "/account",
            data: data
        )
    }

    @Sendable func changePassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let signedIn = try context.require(.manageOwnAccount)
        do {
            let newSession = try await accounts.changePassword(
                signedIn,
                current: context.form["currentPassword"],
                new: context.form["newPassword"],
                confirmation: context.form["confirmPassword"],
                clientAddress: context.clientAddress
            )
            var response = Response.redirect(to: "/account?done=password")
            if let newSession {
                response.setCookie(SessionCookie.signedIn(token: newSession, role: signedIn.account.role, secure: secureCookies))
            }
            return response
        } catch let failure as ValidationFailure {
            return try await accountPage(signedIn, context: context, notice: "", failure: failure)
        }
    }
}
