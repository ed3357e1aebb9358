import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit
import SuppleCore
import SuppleServer
import SuppleStore
import Testing

/// Organizations, roster uploads, the coverage check, sign-up with coverage, ended coverage
/// and the sponsor report, through the real routes.
@Suite struct EligibilityTests {
    static let roster = """
        member_id,first_name,last_name,date_of_birth,email,postal_code,relationship,coverage_start,coverage_end\r
        A-1,Pat,Example,1984-05-17,,60601,employee,2026-01-01,\r
        A-2,"María José","O'Connor-Núñez",1990-12-01,,60622,spouse,2026-01-01,\r
        A-3,Jamie,Former,1975-02-11,,60614,employee,2025-01-01,2026-06-30\r

        """

    /// Posts a multipart form with the CSRF token first, as the page's form does.
    static func upload(
        _ browser: Browser,
        slug: String,
        csv: [UInt8],
        mode: String = "update",
        asOf: String = "2026-11-18",
        csrf: String? = nil,
        fileName: String = "roster.csv"
    ) async throws -> Browser.Page {
        let token = try await browser.currentFormToken()
        let boundary = "----supple-test-boundary"
        var body = ByteBuffer()
        func field(_ name: String, _ value: String) {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        field("_csrf", csrf ?? token ?? "")
        field("mode", mode)
        field("asOf", asOf)
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: text/csv\r\n\r\n")
        body.writeBytes(csv)
        body.writeString("\r\n--\(boundary)--\r\n")
        return try await browser.send(
            "/staff/organizations/\(slug)/roster",
            method: .post,
            headers: [.contentType: "multipart/form-data; boundary=\(boundary)"],
            body: body
        )
    }

    static func admin(_ app: TestApp, _ client: any TestClientProtocol) async throws -> Browser {
        try await app.createAccount("admin@example.org", role: .admin)
        let browser = Browser(client)
        try await browser.signIn("admin@example.org")
        return browser
    }

    static func createOrganization(_ browser: Browser, slug: String = "acme", mode: String = "roster") async throws -> Browser.Page {
        try await browser.post(
            "/staff/organizations",
            form: [("name", "Acme Manufacturing"), ("slug", slug), ("kind", "employer"), ("enrollmentMode", mode)]
        )
    }

    static func rosterSize(_ app: TestApp) async throws -> Int {
        try await app.database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM eligibility_records").first()!.decode(column: "n", as: Int.self)
        }
    }

    @Test("an admin creates an organization and uploads its roster; the report page shows what happened")
    func uploadRoster() async throws {
        try await TestApp.run { app, client in
            let admin = try await Self.admin(app, client)
            let created = try await Self.createOrganization(admin)
            #expect(created.location == "/staff/organizations/acme?done=created")
            let bad = try await admin.post(
                "/staff/organizations",
                form: [("name", ""), ("slug", "Acme Corp!"), ("kind", "employer"), ("enrollmentMode", "roster")]
            )
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Use 3–40 lowercase letters"))
            #expect(
                try await admin.post(
                    "/staff/organizations",
                    form: [("name", "Other"), ("slug", "acme"), ("kind", "clinic"), ("enrollmentMode", "open")]
                ).text
                    .contains("Another organization already uses this code")
            )

            let uploaded = try await Self.upload(admin, slug: "acme", csv: Array(Self.roster.utf8))
            #expect(uploaded.status == .seeOther)
            let report = try await admin.get(try #require(uploaded.location))
            #expect(report.text.contains("Roster imported."))
            #expect(report.text.contains("<th scope=\"row\">Added</th><td>3</td>"))
            #expect(try await Self.rosterSize(app) == 3)

            let again = try await Self.upload(admin, slug: "acme", csv: Array(Self.roster.utf8), mode: "replace")
            let second = try await admin.get(try #require(again.location))
            #expect(second.text.contains("<th scope=\"row\">Unchanged</th><td>3</td>"))
            let page = try await admin.get("/staff/organizations/acme")
            #expect(page.text.contains("3 people on file; 2 covered today"))
        }
    }

    @Test("a refused upload says why on the page and changes nothing")
    func refusedUpload() async throws {
        try await TestApp.run { app, client in
            let admin = try await Self.admin(app, client)
            _ = try await Self.createOrganization(admin)
            _ = try await Self.upload(admin, slug: "acme", csv: Array(Self.roster.utf8))
            let misspelled = try await Self.upload(
                admin,
                slug: "acme",
                csv: Array("member_id,first_name,last_name,dob,relationship,coverage_start\nX,A,B,1980-01-01,employee,2026-01-01\n".utf8)
            )
            #expect(misspelled.status == .unprocessableContent)
            #expect(misspelled.text.contains("The file was not imported."))
            #expect(misspelled.text.contains("\"dob\""))
            let spreadsheet = try await Self.upload(
                admin,
                slug: "acme",
                csv: [0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0, count: 64),
                fileName: "roster.xlsx"
            )
            #expect(spreadsheet.text.contains("looks like a spreadsheet"))
            let noFile = try await Self.upload(admin, slug: "acme", csv: [], fileName: "")
            #expect(noFile.text.contains("Choose a roster file"))
            let badMode = try await Self.upload(admin, slug: "acme", csv: Array(Self.roster.utf8), mode: "merge")
            #expect(badMode.text.contains("Choose whether the file is the whole roster"))
            #expect(try await Self.rosterSize(app) == 3)
        }
    }

    @Test("an upload without the CSRF token, or by a non-admin, imports nothing")
    func uploadProtected() async throws {
        try await TestApp.run { app, client in
            let admin = try await Self.admin(app, client)
            _ = try await Self.createOrganization(admin)
            let forged = try await Self.upload(admin, slug: "acme", csv: Array(Self.roster.utf8), csrf: "not-the-token")
            #expect(forged.status == .forbidden)
            try await app.createAccount("pt@example.org", role: .physicalTherapist)
            let pt = Browser(client)
            try await pt.signIn("pt@example.org")
            #expect(try await Self.upload(pt, slug: "acme", csv: Array(Self.roster.utf8)).status == .forbidden)
            #expect(try await pt.get("/staff/organizations").status == .forbidden)
            #expect(try await pt.get("/staff/organizations/acme/report").status == .forbidden)
            #expect(try await Self.rosterSize(app) == 0)
        }
    }

    static func check(
        _ browser: Browser,
        org: String = "acme",
        code: String = "",
        first: String,
        last: String,
        born: String,
        memberID: String = ""
    ) async throws -> Browser.Page {
        try await browser.post(
            "/coverage",
            form: [("organization", org), ("code", code), ("firstName", first), ("lastName", last), ("dateOfBirth", born), ("memberId", memberID)]
        )
    }

    /// The answer box alone, so tests compare exactly what a person is told.
    static func answer(_ page: Browser.Page) -> String {
        guard let start = page.text.range(of: "id=\"coverage-answer\"") else { return "" }
        return page.text[start.lowerBound...].components(separatedBy: "</div>")[0]
    }

    /// An admin, signed in, whose organization `acme` has the test roster.
    static func withRoster(_ app: TestApp, _ client: any TestClientProtocol) async throws -> Browser {
        let admin = try await Self.admin(app, client)
        _ = try await Self.createOrganization(admin)
        _ = try await Self.upload(admin, slug: "acme", csv: Array(Self.roster.utf8))
        return admin
    }

    static func signUpForm(name: String, email: String, born: String) -> [(String, String)] {
        [
            ("name", name), ("email", email), ("password", "walk the dog at dawn"), ("dateOfBirth", born), ("timeZone", "America/Chicago"),
            ("consent", "yes"),
        ]
    }

    @Test("a person on the roster is covered, and signs up with the record linked to the new account")
    func coveredSignUp() async throws {
        try await TestApp.run { app, client in
            _ = try await Self.withRoster(app, client)
            let person = Browser(client)
            let form = try await person.get("/coverage")
            #expect(form.text.contains("Acme Manufacturing"))
            let covered = try await Self.check(person, first: "maria jose", last: "OConnor Nunez", born: "1990-12-01")
            #expect(covered.text.contains("You're covered: $0 to you, through Acme Manufacturing."))
            // The pass rides in an HttpOnly cookie for /signup, never in an address.
            #expect(covered.body.contains(#"id="continue-signup" href="/signup""#))
            let cookie = try #require(covered.headers[values: .setCookie].first { $0.hasPrefix("supple_coverage=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("Path=/signup"))
            let pass = try #require(person.cookies["supple_coverage"])
            #expect(!covered.body.contains(pass))
            let signUp = try await person.get("/signup")
            #expect(signUp.text.contains("Your coverage is confirmed"))
            #expect(signUp.text.contains("value=\"María José O'Connor-Núñez\""))
            #expect(!signUp.body.contains(pass))
            let joined = try await person.post(
                "/signup",
                form: Self.signUpForm(name: "María José O'Connor-Núñez", email: "maria@example.org", born: "1990-12-01")
            )
            #expect(joined.status == .seeOther)
            #expect(person.cookies["supple_coverage"] == nil, "used up, the cookie goes")
            let account = try #require(try await app.account("maria@example.org"))
            let org = try #require(try await app.database.read { db in try await OrganizationRepository.find(slug: "acme", in: db) })
            #expect(account.organizationID == org.id)
            let coverage = try await app.database.read { db in try await EligibilityRepository.coverage(ofAccount: account.id, in: db) }
            #expect(coverage?.memberID == "A-2")

            // The pass works once.
            let replaying = Browser(client)
            replaying.setCookie("supple_coverage", pass)
            let reused = try await replaying.post(
                "/signup",
                form: Self.signUpForm(name: "Someone Else", email: "else@example.org", born: "1990-12-01")
            )
            #expect(reused.status == .unprocessableContent)
            #expect(reused.text.contains("Your coverage check has expired or was already used"))
            #expect(try await app.account("else@example.org") == nil)
        }
    }

    @Test("whatever does not match, the answer is the same neutral message, never naming the field")
    func noLeak() async throws {
        try await TestApp.run { app, client in
            _ = try await Self.withRoster(app, client)
            let person = Browser(client)
            let answers = [
                try await Self.check(person, first: "Pat", last: "Exampel", born: "1984-05-17"),
                try await Self.check(person, first: "Pat", last: "Example", born: "1984-05-18"),
                try await Self.check(person, first: "Pat", last: "Example", born: "1984-05-17", memberID: "A-9"),
                try await Self.check(person, org: "", code: "no-such-org", first: "Pat", last: "Example", born: "1984-05-17"),
                try await Self.check(person, first: "Nobody", last: "Here", born: "1970-01-01"),
            ]
            for page in answers {
                #expect(page.status == .ok)
                #expect(Self.answer(page) == Self.answer(answers[0]))
                #expect(page.text.contains("We couldn't confirm coverage."))
                #expect(!page.text.contains("continue-signup"))
            }
            let byCode = try await Self.check(person, org: "", code: "ACME", first: "pat", last: "example", born: "1984-05-17", memberID: "A-1")
            #expect(byCode.text.contains("You're covered"))
            let ended = try await Self.check(person, first: "Jamie", last: "Former", born: "1975-02-11")
            #expect(ended.text.contains("Your coverage through Acme Manufacturing ended on 2026-06-30."))
            #expect(!ended.text.contains("continue-signup"))
            let invalid = try await Self.check(person, first: "", last: "Example", born: "17/05/1984")
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.text.contains("Enter your first name"))
            #expect(invalid.text.contains("Enter your date of birth as year-month-day"))
        }
    }

    @Test("twenty addresses guessing at one employer can't pause its checks for everyone else")
    func organizationNotPausedByFewAddresses() async throws {
        try await TestApp.run { app, client in
            _ = try await Self.withRoster(app, client)
            let eligibility = EligibilityService(database: app.database, clock: app.clock, limits: RosterLimits())
            let guess = try CoverageQuestion(organization: "acme", firstName: "No", lastName: "Body", dateOfBirth: "1970-01-01", memberID: nil)
            for address in 1...20 {
                for _ in 0..<EligibilityService.checksPerAddress {
                    #expect(try await eligibility.check(guess, clientAddress: "198.51.100.\(address)").answer == .notConfirmed)
                }
                await #expect(throws: EligibilityService.TooManyChecks.self) {
                    try await eligibility.check(guess, clientAddress: "198.51.100.\(address)")
                }
            }
            let real = try CoverageQuestion(organization: "acme", firstName: "Pat", lastName: "Example", dateOfBirth: "1984-05-17", memberID: nil)
            let answer = try await eligibility.check(real, clientAddress: "203.0.113.9")
            #expect(answer.pass != nil, "the employer's real people are still answered")
        }
    }

    @Test("checks are rate-limited per client address")
    func rateLimited() async throws {
        try await TestApp.run { app, client in
            let person = Browser(client)
            for _ in 0..<EligibilityService.checksPerAddress {
                #expect(try await Self.check(person, code: "acme", first: "A", last: "B", born: "1980-01-01").status == .ok)
            }
            let limited = try await Self.check(person, code: "acme", first: "A", last: "B", born: "1980-01-01")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.text.contains("Too many coverage checks from here just now. Wait 15 minutes"))
            #expect(limited.headers[.retryAfter] == "900")
            app.clock.advance(by: 15 * 60 + 1)
            #expect(try await Self.check(person, code: "acme", first: "A", last: "B", born: "1980-01-01").status == .ok)
        }
    }

    @Test("the JSON check answers the same way, and its pass links a member who joins over the API")
    func api() async throws {
        try await TestApp.run { app, client in
            _ = try await Self.withRoster(app, client)
            func post(_ path: String, _ json: String) async throws -> (HTTPResponse.Status, [String: Any]) {
                let response = try await client.execute(
                    uri: path,
                    method: .post,
                    headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: json)
                )
                return (response.status, (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:])
            }
            let (status, answer) = try await post(
                "/api/v1/eligibility/check",
                #"{"organization":"acme","firstName":"PAT","lastName":"example","dateOfBirth":"1984-05-17"}"#
            )
            #expect(status == .ok)
            #expect(answer["status"] as? String == "covered")
            let pass = try #require(answer["coveragePass"] as? String)
            let (_, neutral) = try await post(
                "/api/v1/eligibility/check",
                #"{"organization":"acme","firstName":"Pat","lastName":"Example","dateOfBirth":"1984-05-16"}"#
            )
            #expect(neutral["status"] as? String == "not_confirmed")
            #expect(neutral["coveragePass"] == nil)
            let (bad, problem) = try await post(
                "/api/v1/eligibility/check",
                #"{"organization":"acme","firstName":"Pat","lastName":"Example","dateOfBirth":"soon"}"#
            )
            #expect(bad == .unprocessableContent)
            #expect((problem["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "#/dateOfBirth")
            let (created, _) = try await post(
                "/api/v1/members",
                #"{"name":"Pat Example","email":"pat@example.org","password":"walk the dog at dawn","dateOfBirth":"1984-05-17","timeZone":"UTC","consent":true,"coveragePass":"\#(pass)"}"#
            )
            #expect(created == .created)
            let account = try #require(try await app.account("pat@example.org"))
            #expect(try await app.database.read { db in try await EligibilityRepository.coverage(ofAccount: account.id, in: db) }?.memberID == "A-1")
        }
    }

    @Test("a member whose coverage has ended is kindly stopped from starting a new session, on the web and the API")
    func endedCoverageBlocksSessions() async throws {
        try await TestApp.run { app, client in
            let (browser, member) = try await ProgramTests().memberWithPlan(app, client)
            let org = OrganizationRepository.Organization(
                slug: "acme",
                name: "Acme Manufacturing",
                kind: .employer,
                enrollmentMode: .roster,
                createdAt: app.clock.now()
            )
            try await app.database.transaction { db in try await OrganizationRepository.insert(org, in: db) }
            var remaining: [UInt8]? = Array(Self.roster.utf8)
            _ = try await RosterImporter(database: app.database, limits: RosterLimits()).run(
                .init(
                    organizationID: org.id,
                    mode: .update,
                    asOf: "2026-11-18",
                    fileName: "r.csv",
                    importedBy: nil,
                    source: "test",
                    now: app.clock.now()
                )
            ) {
                defer { remaining = nil }
                return remaining
            }
            try await app.database.transaction { db in
                try await EligibilityRepository.link(accountID: member.id, to: .init(organizationID: org.id, memberID: "A-1"), in: db)
            }
            #expect(try await browser.get("/session").status == .ok)
            try await app.database.transaction { db in
                try await db.raw("UPDATE eligibility_records SET coverage_end = '2026-11-01' WHERE member_id = 'A-1'").run()
            }
            let paused = try await browser.get("/session")
            #expect(paused.status == .forbidden)
            #expect(paused.text.contains("Your coverage through Acme Manufacturing ended on 2026-11-01, so new sessions are paused."))
            #expect(paused.text.contains("Everything you've done is kept"))
            #expect(try await browser.get("/home").text.contains("new sessions are paused"))
            #expect(try await browser.get("/progress").status == .ok)

            let issued = try await client.execute(
                uri: "/api/v1/tokens",
                method: .post,
                headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"email":"riley@example.org","password":"walk the dog at dawn"}"#)
            )
            let token = try #require((try JSONSerialization.jsonObject(with: Data(buffer: issued.body)) as? [String: Any])?["token"] as? String)
            let started = try await client.execute(
                uri: "/api/v1/sessions",
                method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                body: ByteBuffer(string: "{}")
            )
            #expect(started.status == .forbidden)
            #expect(String(buffer: started.body).contains("new sessions are paused"))
        }
    }

    @Test("the sponsor report counts members as a group, hides small groups and names nobody")
    func sponsorReport() async throws {
        try await TestApp.run { app, client in
            let admin = try await Self.admin(app, client)
            _ = try await Self.createOrganization(admin)
            let org = try #require(try await app.database.read { db in try await OrganizationRepository.find(slug: "acme", in: db) })
            for index in 0..<12 {
                var account = try await app.createAccount("m\(index)@example.org", role: .member, name: "Member Number\(index)")
                account.organizationID = org.id
                let accountID = account.id
                try await app.database.transaction { db in
                    try await db.raw("UPDATE accounts SET organization_id = \(bind: org.id.uuidString) WHERE id = \(bind: accountID.uuidString)")
                        .run()
                }
            }
            let page = try await admin.get("/staff/organizations/acme/report")
            #expect(page.status == .ok)
            #expect(page.text.contains("<tr data-metric=\"enrolled\"><th scope=\"row\">Enrolled</th><td>12</td>"))
            #expect(page.text.contains("<tr data-metric=\"activated\"><th scope=\"row\">Activated</th><td>fewer than 11</td>"))
            #expect(page.text.contains("intention-to-treat"))
            #expect(!page.text.contains("Member Number"))
            let csv = try await admin.get("/staff/organizations/acme/report.csv")
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.body.hasPrefix("metric,value,note\r\nenrolled,12,"))
            #expect(!csv.body.contains("@example.org"))
            let events = try await app.database.read { db in
                try await db.raw("SELECT action FROM audit_events").all().map { try $0.decode(column: "action", as: String.self) }
            }
            #expect(events.filter { $0 == "admin.viewed_sponsor_report" }.count == 2)
            #expect(events.contains("admin.created_organization"))
        }
    }
}
