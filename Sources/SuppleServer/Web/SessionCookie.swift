import Hummingbird
import SuppleCore
import SuppleStore

/// The sign-in cookie: HttpOnly (no script can read it), SameSite=Lax (not sent on cross-site
/// form posts), Secure behind TLS, and living as long as the server-side session.
enum SessionCookie {
    static let name = "supple_session"

    static func signedIn(token: SecretToken, role: Role, secure: Bool) -> Cookie {
        Cookie(
            name: name,
            value: token.value,
            maxAge: Int(AccountService.sessionLifetime(role)),
            path: "/",
            secure: secure,
            httpOnly: true,
            sameSite: .lax
        )
    }

    /// Between a right password and its second-step code: five minutes, for the code page only.
    static let pendingName = "supple_pending"

    static func pending(token: SecretToken, secure: Bool) -> Cookie {
        Cookie(
            name: pendingName,
            value: token.value,
            maxAge: Int(AccountService.pendingSecondFactorLifetime),
            path: "/signin/code",
            secure: secure,
            httpOnly: true,
            sameSite: .lax
        )
    }

    static func pendingCleared(secure: Bool) -> Cookie {
        Cookie(name: pendingName, value: "", maxAge: 0, path: "/signin/code", secure: secure, httpOnly: true, sameSite: .lax)
    }

    static func cleared(secure: Bool) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// Starts a fresh session (a new random cookie, so a planted one is useless) and redirects.
    static func signInAndRedirect(_ account: AccountRecord, to path: String, accounts: AccountService, secure: Bool) async throws -> Response {
        let token = try await accounts.startWebSession(for: account)
        var response = Response.redirect(to: path)
        response.setCookie(signedIn(token: token, role: account.role, secure: secure))
        return response
    }
}

/// A confirmed coverage check's one-time pass, on its way to the sign-up form: in an HttpOnly
/// cookie for `/signup` only, never in an address, where it would sit in browser history,
/// proxy logs and the Referer of the next page (issue 17, finding 13).
enum CoverageCookie {
    static let name = "supple_coverage"

    static func carrying(_ pass: String, secure: Bool) -> Cookie {
        Cookie(name: name, value: pass, maxAge: Int(EligibilityService.passLifetime), path: "/signup", secure: secure, httpOnly: true, sameSite: .lax)
    }

    static func cleared(secure: Bool) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/signup", secure: secure, httpOnly: true, sameSite: .lax)
    }

    static func pass(in request: Request) -> String? {
        guard let value = request.cookies[name]?.value, !value.isEmpty, value.count <= 100 else { return nil }
        return value
    }
}
