import Hummingbird
import HummingbirdTesting
import NIOCore
import SuppleCore
import SuppleStore
import Testing

@Suite struct SignUpTests {
    @Test("a person joins, lands on their home page, and is signed in")
    func joins() async throws {
        try await TestApp.run { app, client in
            let browser = Browser(client)
            let result = try await browser.post("/signup", form: SignUpForm().fields)
            #expect(result.status == .seeOther)
            #expect(result.location == "/home?welcome=1")
            #expect(browser.cookies["supple_session"] != nil)
            let home = try await browser.get("/home?welcome=1")
            #expect(home.status == .ok)
            #expect(home.text.contains("Hi, Riley"))
            #expect(home.text.contains("Your account is ready"))
            let stored = try #require(try await app.account("riley@example.org"))
            #expect(stored.role == .member)
            #expect(stored.dateOfBirth?.description == "1980-04-23")
            #expect(stored.consentedAt != nil)
            #expect(stored.passwordHash.hasPrefix("$2"))
        }
    }

    @Test("the session cookie is HttpOnly and SameSite=Lax")
    func cookieFlags() async throws {
        try await TestApp.run { _, client in
            let browser = Browser(client)
            let result = try await browser.post("/signup", form: SignUpForm().fields)
            let cookie = try #require(result.headers[values: .setCookie].first { $0.hasPrefix("supple_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
        }
    }

    static let badInputs: [(String, @Sendable (inout SignUpForm) -> Void, String)] = [
        ("name", { $0.name = "" }, "Enter your name"),
        ("name", { $0.name = String(repeating: "N", count: 10_000) }, "100 characters"),
        ("name", { $0.name = "<script>alert('x')</script>" }, "can't contain"),
        ("email", { $0.email = "not-an-email" }, "like name@example.com"),
        ("email", { $0.email = "x' OR '1'='1" }, "like name@example.com"),
        ("password", { $0.password = "short" }, "at least 8"),
        ("password", { $0.password = "password1" }, "most common"),
        ("dateOfBirth", { $0.dateOfBirth = "2999-01-01" }, "future"),
        ("dateOfBirth", { $0.dateOfBirth = "yesterday" }, "year-month-day"),
        ("timeZone", { $0.timeZone = "Moon/Tranquility" }, "from the list"),
        ("consent", { $0.consent = false }, "agree to the terms"),
    ]

    @Test("bad input re-shows the form with the field's message, and stores nothing", arguments: 0..<badInputs.count)
    func badInput(_ index: Int) async throws {
        let (field, change, message) = Self.badInputs[index]
        try await TestApp.run { app, client in
            var form = SignUpForm()
            change(&form)
            let page = try await Browser(client).post("/signup", form: form.fields)
            #expect(page.status == .unprocessableContent)
            #expect(page.text.contains(message), "expected \(message) for \(field)")
            let errorID = [
                "name": "name-error", "email": "email-error", "password": "password-error",
                "dateOfBirth": "dob-error", "timeZone": "tz-error", "consent": "consent-error",
            ][field]!
            #expect(page.body.contains(#"id="\#(errorID)""#), "the message should sit beside the \(field) field")
            #expect(!page.body.contains("<script>alert"))
            #expect(try await app.memberCount() == 0)
        }
    }

    @Test("what the person typed comes back escaped, and the password never comes back")
    func echoesEscaped() async throws {
        try await TestApp.run { _, client in
            var form = SignUpForm()
            form.email = "\"><img src=x onerror=alert(1)>"
            form.password = "my secret phrase"
            let page = try await Browser(client).post("/signup", form: form.fields)
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
            #expect(!page.body.contains("<img src=x"))
            #expect(!page.body.contains("my secret phrase"))
            #expect(page.body.contains(#"value="Riley Demo""#))
        }
    }

    @Test("joining with an email that has an account creates nothing, never says so, and tells the owner")
    func duplicate() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("riley@example.org", role: .member)
            var form = SignUpForm()
            form.email = "Riley@Example.org"
            let browser = Browser(client)
            let page = try await browser.post("/signup", form: form.fields)
            #expect(page.status == .ok)
            #expect(page.text.contains("We've sent the next step to the email you gave"))
            #expect(!page.text.contains("already exists"))
            #expect(!page.text.lowercased().contains("riley@example.org"))
            #expect(browser.cookies["supple_session"] == nil)
            #expect(try await app.memberCount() == 1)
            // The owner hears of it, with the way back in if it was them.
            let told = try #require(app.links.delivered.last)
            #expect(told.kind == .joinedAgain && told.email.value == "riley@example.org")
            #expect(told.url.hasSuffix("/password/forgot"))

            // The API answers the same way: accepted, finished by email, no token.
            let body =
                #"{"name":"Riley Again","email":"riley@example.org","password":"a fresh start today","dateOfBirth":"1980-04-23","timeZone":"UTC","consent":true}"#
            let api = try await client.execute(
                uri: "/api/v1/members",
                method: .post,
                headers: [.contentType: "application/json"],
                body: ByteBuffer(string: body)
            )
            #expect(api.status == .accepted)
            #expect(String(buffer: api.body).contains("check_email"))
            #expect(!String(buffer: api.body).contains("token"))
            #expect(try await app.memberCount() == 1)
        }
    }

    @Test("one address joining more than 20 times an hour is held with a Retry-After")
    func perAddressLimit() async throws {
        try await TestApp.run { app, client in
            for n in 0..<20 {
                var form = SignUpForm()
                form.email = "person\(n)@example.org"
                let page = try await Browser(client).post("/signup", form: form.fields)
                #expect(page.status == .seeOther)
            }
            var form = SignUpForm()
            form.email = "person20@example.org"
            let held = try await Browser(client).post("/signup", form: form.fields)
            #expect(held.status == .tooManyRequests)
            #expect(held.headers[.retryAfter] != nil)
            #expect(try await app.memberCount() == 20)
        }
    }

    @Test("a form posted without the CSRF token is refused and stores nothing")
    func csrf() async throws {
        try await TestApp.run { app, client in
            let browser = Browser(client)
            let missing = try await browser.post("/signup", form: SignUpForm().fields, includeCSRF: false)
            #expect(missing.status == .forbidden)
            #expect(missing.text.contains("reload the page"))
            let forged = try await browser.post(
                "/signup",
                form: SignUpForm().fields + [("_csrf", "forged-token-from-another-site-0000000000000")],
                includeCSRF: false
            )
            #expect(forged.status == .forbidden)
            #expect(try await app.memberCount() == 0)
        }
    }

    @Test("a body over the size limit gets a clear 413, not a crash")
    func oversized() async throws {
        try await TestApp.run { app, client in
            let page = try await Browser(client).post("/signup", form: [("name", String(repeating: "x", count: 100_000))])
            #expect(page.status == .contentTooLarge)
            #expect(try await app.memberCount() == 0)
        }
    }
}
