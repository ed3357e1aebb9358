import Foundation
import Hummingbird
import HummingbirdTesting
import SuppleContent
import SuppleCore
import SuppleServer
import SuppleStore
import Testing

/// Issue 17, finding 4: reset links never sit in the log, only one is ever live per account,
/// asking is limited per account and per address, and an admin can make one to pass on.
@Suite struct ResetLinkTests {
    @Test("without a mail server the log says a reset was asked for, and holds no usable link")
    func logHoldsNoLink() async throws {
        try await TestApp.run { app, _ in
            try await app.createAccount("pt@example.org", role: .physicalTherapist)
            let log = CapturedLog()
            let accounts = try await AccountService(
                database: app.database,
                hasher: PasswordHasher(cost: 4),
                policy: PasswordPolicy(commonPasswords: []),
                clock: app.clock,
                links: LogLinkDelivery(logger: log.logger),
                publicBaseURL: "http://supple.test"
            )
            for _ in 0..<3 { try await accounts.requestPasswordReset(email: "pt@example.org", clientAddress: "198.51.100.7") }
            #expect(log.text.contains("A password reset was asked for"))
            #expect(log.text.contains("supple admin reset-link"))
            #expect(!log.text.contains("/password/reset/"))
            // The link that exists is not in the log: nothing in the log is a token of it.
            let live = try await app.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM one_time_links WHERE purpose = 'password_reset' AND used_at IS NULL").first()?
                    .decode(column: "n", as: Int.self)
            }
            #expect(live == 1)
        }
    }

    @Test("asking again retires the earlier link: only the newest one works")
    func oneLiveLink() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("riley@example.org", role: .member)
            let browser = Browser(client)
            try await browser.post("/password/forgot", form: [("email", "riley@example.org")])
            let first = try #require(app.links.latestPath(to: "riley@example.org"))
            try await browser.post("/password/forgot", form: [("email", "riley@example.org")])
            let second = try #require(app.links.latestPath(to: "riley@example.org"))
            #expect(first != second)
            #expect(try await browser.get(first).status == .gone)
            #expect(try await browser.get(second).status == .ok)
        }
    }

    @Test("past three requests an hour for one account nothing more is sent, and the answer is the same as ever")
    func perAccountLimit() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("riley@example.org", role: .member)
            let browser = Browser(client)
            var answers: [String] = []
            for _ in 0..<5 {
                let page = try await browser.post("/password/forgot", form: [("email", "riley@example.org")])
                #expect(page.status == .ok)
                answers.append(page.text.contains("Check your email") ? "sent" : page.text)
            }
            #expect(Set(answers) == ["sent"])
            #expect(app.links.delivered.count == 3)
            // Someone asking about an address with no account sees exactly the same page.
            let unknown = try await browser.post("/password/forgot", form: [("email", "nobody@example.org")])
            #expect(unknown.status == .ok)
            #expect(unknown.text.contains("Check your email"))

            app.clock.advance(by: 3601)
            try await browser.post("/password/forgot", form: [("email", "riley@example.org")])
            #expect(app.links.delivered.count == 4)
        }
    }

    @Test("one address asking for many accounts' links is held after 20 an hour, with a Retry-After")
    func perAddressLimit() async throws {
        try await TestApp.run { app, client in
            let browser = Browser(client)
            for n in 0..<20 {
                let page = try await browser.post("/password/forgot", form: [("email", "person\(n)@example.org")])
                #expect(page.status == .ok)
            }
            let held = try await browser.post("/password/forgot", form: [("email", "person20@example.org")])
            #expect(held.status == .tooManyRequests)
            #expect(held.text.contains("Too many requests from here"))
            #expect(held.headers[.retryAfter] != nil)
        }
    }

    @Test("an admin makes a reset link on the team page; it works, once, and retires the emailed one")
    func adminIssuesLink() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("admin@example.org", role: .admin)
            let pt = try await app.createAccount("pt@example.org", role: .physicalTherapist, name: "Pat Lee")
            try await Browser(client).post("/password/forgot", form: [("email", "pt@example.org")])
            let emailed = try #require(app.links.latestPath(to: "pt@example.org"))

            let admin = Browser(client)
            try await admin.signIn("admin@example.org")
            let page = try await admin.post("/staff/team/\(pt.id.uuidString.lowercased())/reset-link", form: [])
            #expect(page.status == .ok)
            #expect(page.text.contains("Password-reset link for pt@example.org"))
            let marker = "http://supple.test/password/reset/"
            let start = try #require(page.body.range(of: marker))
            let token = String(page.body[start.upperBound...].prefix { $0 != "<" })
            let issued = "/password/reset/\(token)"

            let person = Browser(client)
            #expect(try await person.get(emailed).status == .gone)
            #expect(try await person.get(issued).status == .ok)
            let reset = try await person.post(issued, form: [("newPassword", "a kettle on the stove"), ("confirmPassword", "a kettle on the stove")])
            #expect(reset.location == "/signin?done=reset")
            #expect(try await person.get(issued).status == .gone)

            let trail = try await app.database.read { db in try await AuditLog.events(involving: pt.id, in: db) }
            #expect(trail.contains { $0.action == "account.password_reset_issued" })
        }
    }
}
