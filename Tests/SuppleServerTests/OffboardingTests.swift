import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SuppleCore
import SuppleStore
import Testing

/// Issue 17, finding 3 (off-boarding): an admin disables a staff account and everything it was
/// signed in with stops at once; invitations can be withdrawn; the team page shows last sign-in.
@Suite struct OffboardingTests {
    func apiToken(_ client: any TestClientProtocol, _ email: String) async throws -> String {
        let response = try await client.execute(
            uri: "/api/v1/tokens",
            method: .post,
            headers: [.contentType: "application/json"],
            body: ByteBuffer(string: #"{"email":"\#(email)","password":"walk the dog at dawn"}"#)
        )
        return try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])["token"] as? String ?? ""
    }

    @Test("disabling a physical therapist signs them out everywhere at once and hands their members to a colleague")
    func disable() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("admin@example.org", role: .admin)
            let leaving = try await app.createAccount("pt@example.org", role: .physicalTherapist, name: "Pat Leaving")
            let member = try await app.createAccount("riley@example.org", role: .member)
            let staying = try await app.createAccount("pt.two@example.org", role: .physicalTherapist, name: "Sam Staying")
            #expect(
                try await app.database.read { db in try await CareTeamRepository.assignment(memberID: member.id, in: db) }[.physicalTherapist]
                    == leaving.id
            )

            let ptBrowser = Browser(client)
            try await ptBrowser.signIn("pt@example.org")
            let token = try await apiToken(client, "pt@example.org")
            #expect(try await ptBrowser.get("/staff").status == .ok)

            let admin = Browser(client)
            try await admin.signIn("admin@example.org")
            let done = try await admin.post("/staff/team/\(leaving.id.uuidString.lowercased())/disable", form: [])
            #expect(done.status == .ok)
            #expect(done.text.contains("Pat Leaving is disabled and signed out everywhere"))
            #expect(done.text.contains("Their 1 member was handed to colleagues"))

            let page = try await ptBrowser.get("/staff")
            #expect(page.location == "/signin?next=/staff")
            let api = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(api.status == .unauthorized)
            #expect(try await Browser(client).signIn("pt@example.org").status == .unauthorized)
            #expect(
                try await app.database.read { db in try await CareTeamRepository.assignment(memberID: member.id, in: db) }[.physicalTherapist]
                    == staying.id
            )

            let team = try await admin.get("/staff/team")
            #expect(team.text.contains("Disabled"))
            let enabled = try await admin.post("/staff/team/\(leaving.id.uuidString.lowercased())/enable", form: [])
            #expect(enabled.text.contains("can sign in again"))
            #expect(try await Browser(client).signIn("pt@example.org").location == "/staff")

            let trail = try await app.database.read { db in try await AuditLog.events(involving: leaving.id, in: db) }
            #expect(trail.contains { $0.action == "staff.disabled" && $0.detail == "members_handed_over=1" })
            #expect(trail.contains { $0.action == "staff.enabled" })
        }
    }

    @Test("an admin can't disable their own account, and a member id is not a staff account")
    func refusals() async throws {
        try await TestApp.run { app, client in
            let me = try await app.createAccount("admin@example.org", role: .admin)
            let member = try await app.createAccount("riley@example.org", role: .member)
            let admin = Browser(client)
            try await admin.signIn("admin@example.org")
            let own = try await admin.post("/staff/team/\(me.id.uuidString.lowercased())/disable", form: [])
            #expect(own.status == .unprocessableContent)
            #expect(own.text.contains("You can't disable your own account"))
            let notStaff = try await admin.post("/staff/team/\(member.id.uuidString.lowercased())/disable", form: [])
            #expect(notStaff.status == .unprocessableContent)
            #expect(try await app.account("riley@example.org")?.disabledAt == nil)
            #expect(try await admin.get("/staff").status == .ok)
        }
    }

    @Test("a withdrawn invitation's link stops working at once")
    func withdraw() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("admin@example.org", role: .admin)
            let admin = Browser(client)
            try await admin.signIn("admin@example.org")
            try await admin.post("/staff/invitations", form: [("email", "new.coach@example.org"), ("role", "health_coach")])
            let link = try #require(app.links.latestPath(to: "new.coach@example.org"))
            let team = try await admin.get("/staff/team")
            let marker = "/staff/invitations/"
            let start = try #require(team.body.range(of: marker))
            let id = String(team.body[start.upperBound...].prefix { $0 != "/" })

            let withdrawn = try await admin.post("/staff/invitations/\(id)/withdraw", form: [])
            #expect(withdrawn.text.contains("The invitation for new.coach@example.org is withdrawn"))
            #expect(!withdrawn.text.contains("new.coach@example.org, Health coach: expires"))
            #expect(try await Browser(client).get(link).status == .gone)
            let again = try await admin.post("/staff/invitations/\(id)/withdraw", form: [])
            #expect(again.status == .unprocessableContent)
        }
    }

    @Test("the team page shows when each colleague last signed in")
    func lastSignIn() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("admin@example.org", role: .admin)
            try await app.createAccount("coach@example.org", role: .healthCoach, name: "Cam Coach")
            let admin = Browser(client)
            try await admin.signIn("admin@example.org")
            let before = try await admin.get("/staff/team")
            let row = { (page: Browser.Page) in page.text.components(separatedBy: "Cam Coach").dropFirst().first?.prefix(400) ?? "" }
            #expect(row(before).contains("Never"))
            try await Browser(client).signIn("coach@example.org")
            let after = try await admin.get("/staff/team")
            #expect(!row(after).contains("Never"))
            #expect(row(after).contains("2026"))
        }
    }
}
