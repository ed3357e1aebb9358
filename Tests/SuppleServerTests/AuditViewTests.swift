import Foundation
import Hummingbird
import HummingbirdTesting
import SuppleCore
import SuppleStore
import Testing

/// Issue 17, finding 9: refused attempts and queue views leave a trail, and an admin reads the
/// trail filtered by staff member and day, on a page and as CSV.
@Suite struct AuditViewTests {
    func events(_ app: TestApp, _ action: String) async throws -> [AuditLog.Event] {
        try await app.database.read { db in
            try await AuditLog.search(actorID: nil, from: nil, to: nil, limit: 10_000, in: db).map(\.event).filter { $0.action == action }
        }
    }

    @Test("a physical therapist opening a chart not theirs is refused and the attempt is recorded; so is opening the queue")
    func refusedAndQueueAudited() async throws {
        try await TestApp.run { app, client in
            let mine = try await app.createAccount("pt@example.org", role: .physicalTherapist)
            try await app.createAccount("coach@example.org", role: .healthCoach)
            let member = try await app.createAccount("riley@example.org", role: .member)
            let other = try await app.createAccount("pt.other@example.org", role: .physicalTherapist)
            let outsider = Browser(client)
            try await outsider.signIn("pt.other@example.org")
            let refused = try await outsider.get("/staff/members/\(member.id.uuidString.lowercased())")
            #expect(refused.status == .forbidden)
            let trail = try await events(app, "access.refused")
            #expect(trail.count == 1)
            #expect(trail.first?.actorID == other.id)
            #expect(trail.first?.subjectAccountID == member.id)
            #expect(trail.first?.detail == "GET /staff/members/\(member.id.uuidString.lowercased())")
            // A member trying a staff page is refused and recorded too.
            let riley = Browser(client)
            try await riley.signIn("riley@example.org")
            #expect(try await riley.get("/staff/team").status == .forbidden)
            #expect(try await events(app, "access.refused").count == 2)

            let pt = Browser(client)
            try await pt.signIn("pt@example.org")
            #expect(try await pt.get("/staff").status == .ok)
            let views = try await events(app, "staff.viewed_queue")
            #expect(views.count == 1)
            #expect(views.first?.actorID == mine.id)
            #expect(views.first?.detail.hasPrefix("rows=") == true)
        }
    }

    @Test("an admin filters the audit by staff member and day, and downloads the same events as CSV")
    func adminView() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("admin@example.org", role: .admin, name: "Ada Admin")
            let pt = try await app.createAccount("pt@example.org", role: .physicalTherapist, name: "Pat Lee")
            try await app.createAccount("coach@example.org", role: .healthCoach, name: "Cam Coach")
            try await app.createAccount("riley@example.org", role: .member, name: "Riley Demo")
            let ptBrowser = Browser(client)
            let coach = Browser(client)
            try await ptBrowser.signIn("pt@example.org")
            try await ptBrowser.get("/staff")
            app.clock.advance(by: 2 * 86_400)
            try await coach.signIn("coach@example.org")
            try await coach.get("/staff")

            let admin = Browser(client)
            try await admin.signIn("admin@example.org")
            let all = try await admin.get("/staff/audit")
            #expect(all.status == .ok)
            #expect(all.text.contains("Pat Lee (pt@example.org)") && all.text.contains("Cam Coach (coach@example.org)"))

            let ptOnly = try await admin.get("/staff/audit?staff=\(pt.id.uuidString.lowercased())")
            #expect(ptOnly.text.contains("staff.viewed_queue"))
            #expect(!ptOnly.text.contains("Cam Coach (coach@example.org)"))

            // The test clock starts 2026-11-18 (the admin's zone is Chicago); two days on is the 20th.
            let onlyLater = try await admin.get("/staff/audit?from=2026-11-19&to=2026-11-20")
            #expect(onlyLater.text.contains("Cam Coach (coach@example.org)"))
            #expect(!onlyLater.text.contains("Pat Lee (pt@example.org)"))

            let csv = try await admin.get("/staff/audit.csv?staff=\(pt.id.uuidString.lowercased())")
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = csv.body.split(separator: "\r\n")
            #expect(lines.first == "occurred_at_utc,actor_name,actor_email,actor_role,action,subject_name,subject_id,detail,client_address")
            #expect(lines.dropFirst().allSatisfy { $0.contains("pt@example.org") })
            #expect(lines.contains { $0.contains("staff.viewed_queue") })

            let bad = try await admin.get("/staff/audit?from=yesterday&to=2026-11-01")
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("From: enter a day as year-month-day"))
            let backwards = try await admin.get("/staff/audit?from=2026-11-20&to=2026-11-01")
            #expect(backwards.text.contains("To: choose a day on or after the From day"))

            // Looking is recorded.
            #expect(try await events(app, "admin.viewed_audit").count >= 3)
            #expect(try await events(app, "admin.exported_audit").count == 1)
        }
    }
}
