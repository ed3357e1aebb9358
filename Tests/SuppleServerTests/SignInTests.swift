import Foundation
import Hummingbird
import HummingbirdTesting
import SuppleCore
import SuppleStore
import Testing

@Suite struct SignInTests {
    @Test("members land on their home page and staff on the workspace")
    func landing() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("riley@example.org", role: .member)
            try await app.createAccount("pt@example.org", role: .physicalTherapist)
            let member = try await Browser(client).signIn("Riley@example.org")
            #expect(member.location == "/home")
            let staff = try await Browser(client).signIn("pt@example.org")
            #expect(staff.location == "/staff")
        }
    }

    @Test("a wrong password and an unknown email get the same answer")
    func wrongPassword() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("riley@example.org", role: .member)
            let wrong = try await Browser(client).post("/signin", form: [("email", "riley@example.org"), ("password", "not my password")])
            let unknown = try await Browser(client).post("/signin", form: [("email", "nobody@example.org"), ("password", "not my password")])
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(wrong.text.contains("don't match an account"))
            #expect(unknown.text.contains("don't match an account"))
        }
    }

    @Test("after 10 failures in 15 minutes the account is held, even for the right password, then frees up")
    func throttling() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("riley@example.org", role: .member)
            let browser = Browser(client)
            for _ in 0..<10 {
                let page = try await browser.post("/signin", form: [("email", "riley@example.org"), ("password", "guess guess")])
                #expect(page.status == .unauthorized)
            }
            let held = try await browser.signIn("riley@example.org")
            #expect(held.status == .tooManyRequests)
            #expect(held.text.contains("Too many sign-in attempts"))
            #expect(held.text.contains("15 minutes"))
            #expect(browser.cookies["supple_session"] == nil)

            app.clock.advance(by: 15 * 60 + 1)
            let later = try await browser.signIn("riley@example.org")
            #expect(later.location == "/home")
        }
    }

    @Test("signing out ends the session on the server, not just in the browser")
    func signOut() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("riley@example.org", role: .member)
            let browser = Browser(client)
            try await browser.signIn("riley@example.org")
            let stolen = try #require(browser.cookies["supple_session"])
            #expect(try await browser.get("/home").status == .ok)
            let out = try await browser.post("/signout", form: [])
            #expect(out.location == "/signin?done=signedout")
            #expect(browser.cookies["supple_session"] == nil)
            // The old cookie, replayed, no longer opens anything.
            browser.setCookie("supple_session", stolen)
            let replay = try await browser.get("/home")
            #expect(replay.status == .seeOther)
            #expect(replay.location == "/signin?next=/home")
        }
    }

    @Test("sign-in returns to the page the person asked for, but never to another site")
    func returnsToNext() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("riley@example.org", role: .member)
            let ok = try await Browser(client).post(
                "/signin",
                form: [("email", "riley@example.org"), ("password", "walk the dog at dawn"), ("next", "/account")]
            )
            #expect(ok.location == "/account")
            let evil = try await Browser(client).post(
                "/signin",
                form: [("email", "riley@example.org"), ("password", "walk the dog at dawn"), ("next", "//evil.example/x")]
            )
            #expect(evil.location == "/home")
        }
    }

    @Test("staff sessions last 12 hours, members' 30 days")
    func sessionLifetimes() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("pt@example.org", role: .physicalTherapist)
            let browser = Browser(client)
            try await browser.signIn("pt@example.org")
            #expect(try await browser.get("/staff").status == .ok)
            app.clock.advance(by: 12 * 3600 + 1)
            #expect(try await browser.get("/staff").status == .seeOther)
        }
    }

    @Test("a form sent after the session ended asks the person to sign in again")
    func expiredSessionOnForm() async throws {
        try await TestApp.run { _, client in
            let page = try await Browser(client).post("/account/password", form: [("currentPassword", "x"), ("newPassword", "y")])
            #expect(page.status == .seeOther)
            #expect(page.location == "/signin")
        }
    }
}
