import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SuppleCore
import SuppleStore
import Testing

@testable import SuppleServer

/// Issue 17, finding 3: two-step sign-in for staff (required) and members (by choice), with
/// recovery codes, codes that work once, codes counted like passwords, and the API's `totp`.
@Suite struct TwoFactorTests {
    static func requiring(_ configuration: inout AppConfiguration) { configuration.staffTwoFactor = .required }

    /// The secret behind the set-up page, as the person's app would hold it.
    func codes(_ app: TestApp, _ email: String) async throws -> TimeCodes {
        let account = try #require(try await app.account(email))
        let factor = try #require(try await app.database.read { db in try await SecondFactorRepository.find(accountID: account.id, in: db) })
        return TimeCodes(secret: factor.secret)
    }

    /// Opens the set-up page and confirms it with the app's code; returns the recovery codes.
    func turnOn(_ app: TestApp, _ browser: Browser, _ email: String) async throws -> [String] {
        let page = try await browser.get("/account/two-factor")
        #expect(page.status == .ok)
        #expect(page.body.contains("<svg"))
        let done = try await browser.post("/account/two-factor", form: [("code", try await codes(app, email).code(at: app.clock.now()))])
        #expect(done.status == .ok)
        let found = done.body.components(separatedBy: "<li><code>").dropFirst().map { String($0.prefix { $0 != "<" }) }
        return found
    }

    func token(_ client: any TestClientProtocol, _ email: String, totp: String? = nil) async throws -> (HTTPResponse.Status, String) {
        let code = totp.map { #","totp":"\#($0)""# } ?? ""
        let response = try await client.execute(
            uri: "/api/v1/tokens",
            method: .post,
            headers: [.contentType: "application/json"],
            body: ByteBuffer(string: #"{"email":"\#(email)","password":"walk the dog at dawn"\#(code)}"#)
        )
        return (response.status, String(buffer: response.body))
    }

    @Test("the set-up page's key and QR code name the same secret, in the form authenticator apps read")
    func setUpPage() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("riley@example.org", role: .member)
            let browser = Browser(client)
            try await browser.signIn("riley@example.org")
            let first = try await browser.get("/account/two-factor")
            let codes = try await codes(app, "riley@example.org")
            let url = codes.authenticatorURL(account: "riley@example.org")
            #expect(url.hasPrefix("otpauth://totp/Supple:riley@example.org?secret="))
            #expect(url.hasSuffix("&issuer=Supple"))
            let key = try #require(URLComponents(string: url)?.queryItems?.first { $0.name == "secret" }?.value)
            #expect(key.count == 52)
            #expect(first.text.contains(codes.typedKey(account: "riley@example.org")))
            // A reload shows the same secret: a scan is not undone by reloading.
            #expect(try await browser.get("/account/two-factor").body == first.body)
        }
    }

    @Test("a member turns it on; signing in then takes a code, a code works once, and a recovery code works once")
    func memberSignsInInTwoSteps() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("riley@example.org", role: .member)
            let browser = Browser(client)
            try await browser.signIn("riley@example.org")
            let recovery = try await turnOn(app, browser, "riley@example.org")
            #expect(recovery.count == 10)
            #expect(Set(recovery).count == 10)
            #expect(try await browser.get("/account").text.contains("On: signing in asks for a code"))
            try await browser.post("/signout", form: [])

            let codes = try await codes(app, "riley@example.org")
            let usedAtSetUp = codes.code(at: app.clock.now())
            let second = Browser(client)
            let password = try await second.signIn("riley@example.org")
            #expect(password.location == "/signin/code")
            #expect(second.cookies["supple_session"] == nil, "no session until the code is right")
            #expect(try await second.get("/home").location == "/signin?next=/home")

            let wrong = try await second.post("/signin/code", form: [("code", usedAtSetUp == "000000" ? "111111" : "000000")])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("That code didn't work"))
            let replayed = try await second.post("/signin/code", form: [("code", usedAtSetUp)])
            #expect(replayed.status == .unauthorized, "the code used at set-up does not work again")

            app.clock.advance(by: 30)
            let fresh = try await second.post("/signin/code", form: [("code", codes.code(at: app.clock.now()))])
            #expect(fresh.location == "/home")
            #expect(try await second.get("/home").status == .ok)

            // A lost phone: a recovery code, typed in capitals with spaces, works once.
            let third = Browser(client)
            try await third.signIn("riley@example.org")
            let spoken = recovery[3].uppercased().replacingOccurrences(of: "-", with: " ")
            #expect(try await third.post("/signin/code", form: [("code", spoken)]).location == "/home")
            let fourth = Browser(client)
            try await fourth.signIn("riley@example.org")
            #expect(try await fourth.post("/signin/code", form: [("code", recovery[3])]).status == .unauthorized)
            #expect(try await third.get("/account/two-factor").text.contains("Recovery codes left: 9"))
        }
    }

    @Test("where it is required, staff reach nothing but its set-up until it is on, and the API gives them no token")
    func requiredForStaff() async throws {
        try await TestApp.run(configure: Self.requiring) { app, client in
            try await app.createAccount("pt@example.org", role: .physicalTherapist)
            try await app.createAccount("riley@example.org", role: .member)
            let pt = Browser(client)
            try await pt.signIn("pt@example.org")
            #expect(try await pt.get("/staff").location == "/account/two-factor")
            #expect(try await pt.get("/staff/members").location == "/account/two-factor")
            #expect(try await pt.post("/staff/replies", form: [("title", "x"), ("body", "y")]).location == "/account/two-factor")
            let setUp = try await pt.get("/account/two-factor")
            #expect(setUp.text.contains("Set up two-step sign-in to continue"))
            #expect(try await token(client, "pt@example.org").0 == .forbidden)
            // Members choose: the rule is for staff.
            let member = Browser(client)
            try await member.signIn("riley@example.org")
            #expect(try await member.get("/home").status == .ok)

            _ = try await turnOn(app, pt, "pt@example.org")
            #expect(try await pt.get("/staff").status == .ok)
            // Staff can't turn it off where it is required.
            let off = try await pt.post("/account/two-factor/off", form: [("password", "walk the dog at dawn")])
            #expect(off.status == .unprocessableContent)
            #expect(
                try await app.database.read { db in
                    try await SecondFactorRepository.isConfirmed(accountID: try #require(try await app.account("pt@example.org")).id, in: db)
                }
            )

            // The API asks for the code in the same request, and takes the next step's code.
            let (missing, detail) = try await token(client, "pt@example.org")
            #expect(missing == .unauthorized)
            #expect(detail.contains("totp"))
            let codes = try await codes(app, "pt@example.org")
            let (issued, body) = try await token(client, "pt@example.org", totp: codes.code(at: app.clock.now().addingTimeInterval(30)))
            #expect(issued == .created)
            #expect(body.contains("\"token\""))
        }
    }

    @Test("wrong codes are counted before checking: after ten, even the right code waits")
    func codesAreThrottled() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("riley@example.org", role: .member)
            let browser = Browser(client)
            try await browser.signIn("riley@example.org")
            _ = try await turnOn(app, browser, "riley@example.org")
            app.clock.advance(by: 60)
            let codes = try await codes(app, "riley@example.org")
            let right = codes.code(at: app.clock.now())
            let attacker = Browser(client)
            try await attacker.signIn("riley@example.org")
            // Ten wrong codes, none of them the one the app shows now or a step either side.
            let near = Set([-30.0, 0, 30].map { codes.code(at: app.clock.now().addingTimeInterval($0)) })
            let wrong = (0..<100).map { String(format: "%06d", $0) }.filter { !near.contains($0) }.prefix(10)
            for code in wrong {
                #expect(try await attacker.post("/signin/code", form: [("code", code)]).status == .unauthorized)
            }
            let held = try await attacker.post("/signin/code", form: [("code", right)])
            #expect(held.status == .tooManyRequests)
            #expect(held.text.contains("Too many codes tried"))
        }
    }

    @Test("a pending sign-in waits five minutes for its code, then the person starts again")
    func pendingExpires() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("riley@example.org", role: .member)
            let browser = Browser(client)
            try await browser.signIn("riley@example.org")
            _ = try await turnOn(app, browser, "riley@example.org")
            let later = Browser(client)
            try await later.signIn("riley@example.org")
            app.clock.advance(by: 5 * 60 + 1)
            let codes = try await codes(app, "riley@example.org")
            let late = try await later.post("/signin/code", form: [("code", codes.code(at: app.clock.now()))])
            #expect(late.status == .gone)
            #expect(late.text.contains("Sign in again"))
            #expect(later.cookies["supple_session"] == nil)
        }
    }

    @Test("an admin resets a colleague's lost second factor: they are signed out and set it up again")
    func adminResets() async throws {
        try await TestApp.run(configure: Self.requiring) { app, client in
            try await app.createAccount("admin@example.org", role: .admin)
            let pt = try await app.createAccount("pt@example.org", role: .physicalTherapist, name: "Pat Lee")
            let adminBrowser = Browser(client)
            let ptBrowser = Browser(client)
            for (browser, email) in [(adminBrowser, "admin@example.org"), (ptBrowser, "pt@example.org")] {
                try await browser.signIn(email)
                _ = try await turnOn(app, browser, email)
            }
            #expect(try await adminBrowser.get("/staff/team").body.contains("/two-factor/reset"))
            let reset = try await adminBrowser.post("/staff/team/\(pt.id.uuidString.lowercased())/two-factor/reset", form: [])
            #expect(reset.text.contains("Two-step sign-in for Pat Lee is reset"))
            #expect(try await ptBrowser.get("/staff").location == "/signin?next=/staff")
            let again = Browser(client)
            #expect(try await again.signIn("pt@example.org").location == "/staff")
            #expect(try await again.get("/staff").location == "/account/two-factor")
        }
    }

    @Test("a staff session ends after 30 idle minutes; activity keeps it, and members' sessions last")
    func staffIdleTimeout() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("pt@example.org", role: .physicalTherapist)
            try await app.createAccount("riley@example.org", role: .member)
            let pt = Browser(client)
            let member = Browser(client)
            try await pt.signIn("pt@example.org")
            try await member.signIn("riley@example.org")
            for _ in 0..<4 {
                app.clock.advance(by: 20 * 60)
                #expect(try await pt.get("/staff").status == .ok, "busy: 20 minutes between pages")
            }
            app.clock.advance(by: 31 * 60)
            #expect(try await pt.get("/staff").location == "/signin?next=/staff")
            #expect(try await member.get("/home").status == .ok)
        }
    }
}
