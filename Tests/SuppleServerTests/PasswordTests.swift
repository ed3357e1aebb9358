import Foundation
import Hummingbird
import HummingbirdTesting
import SuppleCore
import SuppleStore
import Testing

@Suite struct PasswordTests {
    @Test("changing the password needs the current one and signs out other devices")
    func change() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("riley@example.org", role: .member)
            let phone = Browser(client)
            let laptop = Browser(client)
            for browser in [phone, laptop] {
                try await browser.signIn("riley@example.org")
            }
            let wrong = try await phone.post(
                "/account/password",
                form: [
                    ("currentPassword", "not it"), ("newPassword", "a brand new phrase"), ("confirmPassword", "a brand new phrase"),
                ]
            )
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("isn't your current password"))

            let mismatch = try await phone.post(
                "/account/password",
                form: [
                    ("currentPassword", "walk the dog at dawn"), ("newPassword", "a brand new phrase"), ("confirmPassword", "a brand new phrasE"),
                ]
            )
            #expect(mismatch.text.contains("don't match"))

            let done = try await phone.post(
                "/account/password",
                form: [
                    ("currentPassword", "walk the dog at dawn"), ("newPassword", "a brand new phrase"), ("confirmPassword", "a brand new phrase"),
                ]
            )
            #expect(done.location == "/account?done=password")
            #expect(try await phone.get("/account").status == .ok)
            #expect(try await laptop.get("/account").status == .seeOther)

            let old = try await Browser(client).signIn("riley@example.org")
            #expect(old.status == .unauthorized)
            let new = try await Browser(client).post("/signin", form: [("email", "riley@example.org"), ("password", "a brand new phrase")])
            #expect(new.location == "/home")
        }
    }

    @Test("a reset link arrives for a known email, works once, and signs the account out everywhere")
    func reset() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("riley@example.org", role: .member)
            let other = Browser(client)
            try await other.signIn("riley@example.org")

            let browser = Browser(client)
            let sent = try await browser.post("/password/forgot", form: [("email", "Riley@example.org")])
            #expect(sent.status == .ok)
            #expect(sent.text.contains("Check your email"))
            let link = try #require(app.links.latestPath(to: "riley@example.org"))
            #expect(link.hasPrefix("/password/reset/"))

            let form = try await browser.get(link)
            #expect(form.status == .ok)
            #expect(form.text.contains("riley@example.org"))
            let weak = try await browser.post(link, form: [("newPassword", "123456789"), ("confirmPassword", "123456789")])
            #expect(weak.status == .unprocessableContent)
            #expect(weak.text.contains("most common"))

            let done = try await browser.post(link, form: [("newPassword", "a brand new phrase"), ("confirmPassword", "a brand new phrase")])
            #expect(done.location == "/signin?done=reset")
            #expect(try await other.get("/home").status == .seeOther)
            let signIn = try await Browser(client).post("/signin", form: [("email", "riley@example.org"), ("password", "a brand new phrase")])
            #expect(signIn.location == "/home")

            let again = try await browser.get(link)
            #expect(again.status == .gone)
            #expect(again.text.contains("expired or has already been used"))
        }
    }

    @Test("an unknown email gets the same reassuring answer and no link is sent")
    func unknownEmail() async throws {
        try await TestApp.run { app, client in
            let page = try await Browser(client).post("/password/forgot", form: [("email", "nobody@example.org")])
            #expect(page.status == .ok)
            #expect(page.text.contains("Check your email"))
            #expect(app.links.delivered.isEmpty)
        }
    }

    @Test("reset links expire after an hour")
    func expiry() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("riley@example.org", role: .member)
            let browser = Browser(client)
            try await browser.post("/password/forgot", form: [("email", "riley@example.org")])
            let link = try #require(app.links.latestPath(to: "riley@example.org"))
            app.clock.advance(by: 3601)
            #expect(try await browser.get(link).status == .gone)
            let late = try await browser.post(link, form: [("newPassword", "a brand new phrase"), ("confirmPassword", "a brand new phrase")])
            #expect(late.status == .gone)
        }
    }
}
