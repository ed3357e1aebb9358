import Foundation
import Hummingbird
import HummingbirdTesting
import SuppleCore
import Testing

/// Issue 17, finding 12: the form token is bound to the session and changes at sign-in, and a
/// password change replaces the session id, so nothing copied before either opens anything after.
@Suite struct SessionRotationTests {
    @Test("the form token a page gave before sign-in is refused once signed in")
    func formTokenRotatesAtSignIn() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("riley@example.org", role: .member)
            let browser = Browser(client)
            let beforeSignIn = try #require(try await browser.get("/signin").csrfToken)
            try await browser.signIn("riley@example.org")
            let afterSignIn = try #require(try await browser.get("/account").csrfToken)
            #expect(afterSignIn != beforeSignIn)

            let planted = try await browser.post("/account/language", form: [("language", "es"), ("_csrf", beforeSignIn)], includeCSRF: false)
            #expect(planted.status == .forbidden)
            #expect(try await app.account("riley@example.org")?.language == .english)

            let own = try await browser.post("/account/language", form: [("language", "es"), ("_csrf", afterSignIn)], includeCSRF: false)
            #expect(own.status == .seeOther)
            #expect(try await app.account("riley@example.org")?.language == .spanish)
        }
    }

    @Test("two sessions of one person have different form tokens, and one's is refused in the other")
    func formTokenIsPerSession() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("riley@example.org", role: .member)
            let phone = Browser(client)
            let laptop = Browser(client)
            try await phone.signIn("riley@example.org")
            try await laptop.signIn("riley@example.org")
            let phoneToken = try #require(try await phone.get("/account").csrfToken)
            let laptopToken = try #require(try await laptop.get("/account").csrfToken)
            #expect(phoneToken != laptopToken)
            let crossed = try await laptop.post("/account/language", form: [("language", "es"), ("_csrf", phoneToken)], includeCSRF: false)
            #expect(crossed.status == .forbidden)
        }
    }

    @Test("a password change replaces the session: the old id and its form token open nothing")
    func passwordChangeRotatesSession() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("riley@example.org", role: .member)
            let browser = Browser(client)
            try await browser.signIn("riley@example.org")
            let oldSession = try #require(browser.cookies["supple_session"])
            let oldToken = try #require(try await browser.get("/account").csrfToken)

            let changed = try await browser.post(
                "/account/password",
                form: [
                    ("currentPassword", "walk the dog at dawn"), ("newPassword", "lanterns over the quiet harbour"),
                    ("confirmPassword", "lanterns over the quiet harbour"),
                ]
            )
            #expect(changed.location == "/account?done=password")
            let newSession = try #require(browser.cookies["supple_session"])
            #expect(newSession != oldSession)
            // The person stays signed in on this device, with a new form token.
            let account = try await browser.get("/account?done=password")
            #expect(account.status == .ok)
            #expect(account.text.contains("Your password has been changed"))
            #expect(account.csrfToken != oldToken)

            let copied = Browser(client)
            copied.setCookie("supple_session", oldSession)
            let replay = try await copied.get("/home")
            #expect(replay.status == .seeOther)
            #expect(replay.location == "/signin?next=/home")

            let stale = try await browser.post("/account/language", form: [("language", "es"), ("_csrf", oldToken)], includeCSRF: false)
            #expect(stale.status == .forbidden)
        }
    }
}
