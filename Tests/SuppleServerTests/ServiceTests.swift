import Foundation
import Hummingbird
import HummingbirdTesting
import SuppleContent
import SuppleCore
import SuppleServer
import SuppleStore
import Testing

@Suite struct ServiceTests {
    func service(_ app: TestApp) async throws -> AccountService { try await app.accountService() }

    @Test("`supple admin create` makes an admin who can sign in and open Team")
    func createAdmin() async throws {
        try await TestApp.run { app, client in
            let accounts = try await service(app)
            await #expect(throws: ValidationFailure.self) {
                try await accounts.createAdmin(name: "Avery", email: "avery@example.org", password: "qwerty123", timeZone: "UTC")
            }
            let admin = try await accounts.createAdmin(
                name: "Avery Admin",
                email: "Avery@Example.org",
                password: "clinic keys 2026",
                timeZone: "Europe/London"
            )
            #expect(admin.role == .admin)
            let browser = Browser(client)
            #expect(try await browser.signIn("avery@example.org", password: "clinic keys 2026").location == "/staff")
            #expect(try await browser.get("/staff/team").status == .ok)
        }
    }

    @Test("demo data fills every role, and loading it twice changes nothing")
    func demoData() async throws {
        try await TestApp.run { app, client in
            #expect(try await DemoData.load(into: app.database, hasher: PasswordHasher(cost: 4), clock: app.clock))
            #expect(try await !DemoData.load(into: app.database, hasher: PasswordHasher(cost: 4), clock: app.clock))
            #expect(try await app.memberCount() == 4)
            for signIn in DemoData.signIns {
                let page = try await Browser(client).signIn(signIn.email, password: DemoData.password)
                #expect(page.location == (signIn.role == .member ? "/home" : "/staff"), "\(signIn.email)")
            }
            // Each staff role starts at a queue with something real in it.
            func queue(_ email: String) async throws -> String {
                let browser = Browser(client)
                try await browser.signIn(email, password: DemoData.password)
                return try await browser.get("/staff").text
            }
            let therapist = try await queue("pt@example.org")
            #expect(therapist.contains("Morgan Demo") && therapist.contains("T2-cancer"))
            let coach = try await queue("coach@example.org")
            #expect(coach.contains("Drew Demo") && coach.contains("No sessions, walks or check-ins for 7 days"))
            #expect(coach.contains("Riley Demo") && coach.contains("2 unread messages from the member"), "Riley's question waits for the coach too")
            #expect(therapist.contains("1 unread message from the member"))
            let riley = Browser(client)
            try await riley.signIn("riley@example.org", password: DemoData.password)
            #expect(try await riley.get("/home").text.contains("A note from Jordan Demo, physical therapist"))

            // Riley's chart tells the physical therapist the whole story: activity, scores, progress, notes.
            let rileyID = try #require(try await app.account("riley@example.org")).id
            let jordan = Browser(client)
            try await jordan.signIn("pt@example.org", password: DemoData.password)
            let chart = try await jordan.get("/staff/members/\(rileyID.uuidString.lowercased())").text
            #expect(chart.contains("Session: Finished: 8 exercises, pain up to"))
            #expect(chart.contains("Walk: ") && chart.contains("minutes, pain"))
            #expect(chart.contains("Pain and daily life this week: PEG"))
            #expect(chart.contains("Walking minutes per week") && chart.contains("Daily pain"))
            #expect(chart.contains("Amendment by Jordan Demo") && chart.contains("Review in one week rather than two"))
            #expect(chart.contains("Cat Cow is now Seated Forward Flexion."), "plan history")

            // The demo employer's roster: the README's covered person, an ended one, and a report.
            let visitor = Browser(client)
            let covered = try await visitor.post(
                "/coverage",
                form: [("organization", "lakeside-demo"), ("firstName", "Pat"), ("lastName", "Example"), ("dateOfBirth", "1984-05-17")]
            )
            #expect(covered.text.contains("You're covered: $0 to you, through Lakeside Manufacturing (demo employer)."))
            let ended = try await visitor.post(
                "/coverage",
                form: [("organization", "lakeside-demo"), ("firstName", "Jamie"), ("lastName", "Former"), ("dateOfBirth", "1975-02-11")]
            )
            #expect(ended.text.contains("ended on 2026-06-30"))
            let admin = Browser(client)
            try await admin.signIn("admin@example.org", password: DemoData.password)
            #expect(try await admin.get("/staff/organizations/lakeside-demo").text.contains("40 people on file; 39 covered today"))
            #expect(try await admin.get("/staff/organizations/lakeside-demo/report").text.contains("fewer than 11"))
        }
    }

    @Test("an unexpected failure shows a calm 500 page with a reference, and no internals")
    func friendlyServerError() async throws {
        try await TestApp.run { app, client in
            try await app.database.shutdown()
            let browser = Browser(client)
            browser.setCookie("supple_session", "some-session-cookie")
            let page = try await browser.get("/")
            #expect(page.status == .internalServerError)
            #expect(page.text.contains("Something went wrong on our side"))
            #expect(page.text.contains("quote reference"))
            #expect(!page.text.contains("SQLite"))
            #expect(!page.text.contains("Error"))
        }
    }
}
