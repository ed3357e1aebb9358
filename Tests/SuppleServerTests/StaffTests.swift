import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import SuppleCore
import SuppleStore
import Testing

@Suite struct StaffTests {
    func signedIn(_ client: any TestClientProtocol, _ email: String) async throws -> Browser {
        let browser = Browser(client)
        let result = try await browser.signIn(email)
        #expect(result.status == .seeOther)
        return browser
    }

    @Test("staff pages: signed-out visitors go to sign in, members are turned away")
    func access() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("riley@example.org", role: .member)
            try await app.createAccount("pt@example.org", role: .physicalTherapist)
            let anonymous = try await Browser(client).get("/staff")
            #expect(anonymous.location == "/signin?next=/staff")

            let member = try await signedIn(client, "riley@example.org")
            let refused = try await member.get("/staff")
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("That page isn't open to you"))
            #expect(try await member.get("/staff/team").status == .forbidden)

            let pt = try await signedIn(client, "pt@example.org")
            #expect(try await pt.get("/staff").status == .ok)
            #expect(try await pt.get("/staff/team").status == .forbidden)
            let invite = try await pt.post("/staff/invitations", form: [("email", "x@example.org"), ("role", "admin")])
            #expect(invite.status == .forbidden)
        }
    }

    @Test("the member list shows staff their own members, not a colleague's, and records that they looked")
    func memberListIsAudited() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("riley@example.org", role: .member, name: "Riley Demo")
            let coach = try await app.createAccount("coach@example.org", role: .healthCoach)
            let browser = try await signedIn(client, "coach@example.org")
            let page = try await browser.get("/staff/members")
            #expect(page.text.contains("Riley Demo"))
            let events = try await app.database.read { db in try await AuditLog.events(involving: coach.id, in: db) }
            #expect(events.contains { $0.action == "staff.viewed_member_list" && $0.actorID == coach.id })

            // A second coach has no members yet, so Riley (the first coach's) is not in their list.
            try await app.createAccount("coach.two@example.org", role: .healthCoach)
            let other = try await signedIn(client, "coach.two@example.org")
            #expect(!(try await other.get("/staff/members")).text.contains("Riley Demo"))
        }
    }

    @Test("an admin invites a physical therapist, who opens an account with that role from the link")
    func invitation() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("admin@example.org", role: .admin)
            let admin = try await signedIn(client, "admin@example.org")
            let page = try await admin.post("/staff/invitations", form: [("email", "New.PT@example.org"), ("role", "physical_therapist")])
            #expect(page.status == .ok)
            #expect(page.text.contains("Invitation ready for new.pt@example.org"))
            let link = try #require(app.links.latestPath(to: "new.pt@example.org"))
            #expect(page.body.contains("http://supple.test\(link)"))

            let newcomer = Browser(client)
            let form = try await newcomer.get(link)
            #expect(form.text.contains("physical therapist"))
            let bad = try await newcomer.post(link, form: [("name", ""), ("password", "password"), ("timeZone", "Europe/London")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Enter your name"))

            let done = try await newcomer.post(
                link,
                form: [("name", "Jordan Demo"), ("password", "stretch every morning"), ("timeZone", "Europe/London")]
            )
            #expect(done.location == "/staff")
            let workspace = try await newcomer.get("/staff")
            #expect(workspace.text.contains("Jordan Demo, Physical therapist"))
            #expect(try await app.account("new.pt@example.org")?.role == .physicalTherapist)

            // The link is spent.
            #expect(try await Browser(client).get(link).status == .gone)
            let reuse = try await Browser(client).post(
                link,
                form: [("name", "Someone Else"), ("password", "stretch every morning"), ("timeZone", "UTC")]
            )
            #expect(reuse.status == .gone)
        }
    }

    @Test("inviting needs a valid email and a staff role, and not an existing account")
    func invitationValidation() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("admin@example.org", role: .admin)
            try await app.createAccount("pt@example.org", role: .physicalTherapist)
            let admin = try await signedIn(client, "admin@example.org")
            let badRole = try await admin.post("/staff/invitations", form: [("email", "x@example.org"), ("role", "member")])
            #expect(badRole.status == .unprocessableContent)
            #expect(badRole.text.contains("Choose a role"))
            let badEmail = try await admin.post("/staff/invitations", form: [("email", "<b>x"), ("role", "health_coach")])
            #expect(badEmail.text.contains("like name@example.com"))
            #expect(badEmail.body.contains("&lt;b&gt;x"))
            let existing = try await admin.post("/staff/invitations", form: [("email", "pt@example.org"), ("role", "health_coach")])
            #expect(existing.text.contains("already has an account"))
            #expect(app.links.delivered.isEmpty)
        }
    }

    @Test("invitation links expire after 7 days")
    func invitationExpiry() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("admin@example.org", role: .admin)
            let admin = try await signedIn(client, "admin@example.org")
            try await admin.post("/staff/invitations", form: [("email", "late@example.org"), ("role", "health_coach")])
            let link = try #require(app.links.latestPath(to: "late@example.org"))
            app.clock.advance(by: 7 * 86_400 + 1)
            let page = try await Browser(client).get(link)
            #expect(page.status == .gone)
            #expect(page.text.contains("can't be used"))
        }
    }
}
