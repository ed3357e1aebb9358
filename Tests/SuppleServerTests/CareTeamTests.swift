import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import SuppleCore
import SuppleStore
import Testing

@Suite struct CareTeamTests {
    /// The queue text a staff member sees. Staff sessions last 12 hours and these tests move the
    /// clock by days, so each look is a fresh sign-in.
    func queue(_ email: String, _ client: any TestClientProtocol) async throws -> String {
        let staff = Browser(client)
        try await staff.signIn(email)
        return try await staff.get("/staff").text
    }

    @Test("new members are shared out to the physical therapist and coach with the fewest members, and see who they are")
    func assignment() async throws {
        try await TestApp.run { app, client in
            let ptA = try await app.createAccount("pt.a@example.org", role: .physicalTherapist, name: "Pat A")
            let ptB = try await app.createAccount("pt.b@example.org", role: .physicalTherapist, name: "Pat B")
            try await app.createAccount("coach@example.org", role: .healthCoach, name: "Cam Coach")
            for index in 0..<4 {
                var form = SignUpForm()
                form.email = "member\(index)@example.org"
                try await Browser(client).post("/signup", form: form.fields)
            }
            let caseloads = try await app.database.read { db in
                try
                    (try await db.raw(
                        "SELECT physical_therapist_id AS pt, COUNT(*) AS n FROM accounts WHERE role = 'member' GROUP BY physical_therapist_id"
                    ).all())
                    .map { (try $0.decode(column: "pt", as: String.self), try $0.decode(column: "n", as: Int.self)) }
            }
            #expect(Dictionary(uniqueKeysWithValues: caseloads) == [ptA.id.uuidString: 2, ptB.id.uuidString: 2])
            let browser = Browser(client)
            try await browser.signIn("member0@example.org")
            let home = try await browser.get("/home")
            #expect(home.text.contains("Cam Coach, your health coach"))
            #expect(home.text.contains("your physical therapist"))
        }
    }

    @Test("the queue shows each clinician their own members' alerts, most urgent first; resolving records who and what")
    func queue() async throws {
        try await TestApp.run { app, client in
            let pt = try await app.createAccount("pt@example.org", role: .physicalTherapist, name: "Pat A")
            try await app.createAccount("coach@example.org", role: .healthCoach, name: "Cam Coach")
            let member = try await app.createAccount("riley@example.org", role: .member, name: "Riley Demo")
            let other = try await app.createAccount("pt.other@example.org", role: .physicalTherapist, name: "Pat B")
            let now = app.clock.now()
            try await app.database.transaction { db in
                try await AlertRepository.insert(
                    .init(memberID: member.id, severity: .routine, audience: .clinical, reason: "Routine review", source: "t", createdAt: now),
                    in: db
                )
                try await AlertRepository.insert(
                    .init(
                        memberID: member.id,
                        severity: .emergency,
                        audience: .clinical,
                        reason: "Emergency sign",
                        source: "t",
                        createdAt: now.addingTimeInterval(60)
                    ),
                    in: db
                )
                try await AlertRepository.insert(
                    .init(memberID: member.id, severity: .support, audience: .coach, reason: "Mood screen positive", source: "t", createdAt: now),
                    in: db
                )
            }
            app.clock.advance(by: 3 * 3600)
            let browser = Browser(client)
            try await browser.signIn("pt@example.org")
            let queue = try await browser.get("/staff")
            let text = queue.text
            #expect(text.contains("Riley Demo"))
            #expect(text.range(of: "Emergency sign")!.lowerBound < text.range(of: "Routine review")!.lowerBound)
            #expect(!text.contains("Mood screen positive"))
            #expect(text.contains("2 hours") || text.contains("3 hours"))

            let coach = Browser(client)
            try await coach.signIn("coach@example.org")
            #expect(try await coach.get("/staff").text.contains("Mood screen positive"))

            let stranger = Browser(client)
            try await stranger.signIn("pt.other@example.org")
            #expect(!(try await stranger.get("/staff")).text.contains("Riley Demo"))
            #expect(try await stranger.get("/staff/members/\(member.id.uuidString)").status == .forbidden)

            let alertID = try #require(
                try await app.database.read { db in try await AlertRepository.forMember(member.id, in: db) }.first { $0.severity == .emergency }
            ).id
            #expect(try await browser.post("/staff/alerts/\(alertID.uuidString)/resolve", form: [("note", "")]).status == .unprocessableContent)
            #expect(try await stranger.post("/staff/alerts/\(alertID.uuidString)/resolve", form: [("note", "not mine")]).status == .forbidden)
            let done = try await browser.post(
                "/staff/alerts/\(alertID.uuidString)/resolve",
                form: [("note", "Phoned; sent to the emergency department")]
            )
            #expect(done.location == "/staff?done=resolved")
            #expect(!(try await browser.get("/staff")).text.contains("Emergency sign"))
            let events = try await app.database.read { db in try await AuditLog.events(involving: pt.id, in: db) }
            #expect(events.contains { $0.action == "staff.resolved_alert" && $0.subjectAccountID == member.id })
            _ = other
        }
    }

    @Test("a member with a plan who goes quiet for 7 days lands once in their coach's queue, and again only after a fresh quiet week")
    func quietMembers() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("pt@example.org", role: .physicalTherapist, name: "Pat A")
            try await app.createAccount("coach@example.org", role: .healthCoach, name: "Cam Coach")
            let (member, account) = try await ProgramTests().memberWithPlan(app, client)
            let quiet = "No sessions, walks or check-ins for 7 days"
            func quietAlerts() async throws -> [AlertRepository.Alert] {
                try await app.database.read { db in try await AlertRepository.forMember(account.id, in: db) }.filter {
                    $0.source == EngagementRules.quietSource
                }
            }

            app.clock.advance(by: 6 * 86_400)
            #expect(try await member.post("/walks", form: [("minutes", "8"), ("breaks", "1"), ("walkPain", "3")]).location == "/home?done=walk")
            app.clock.advance(by: 6 * 86_400)
            #expect(!(try await queue("coach@example.org", client)).contains(quiet), "a walk six days ago is recent activity")

            app.clock.advance(by: 2 * 86_400)
            let coachQueue = try await queue("coach@example.org", client)
            #expect(coachQueue.contains(quiet) && coachQueue.contains("Riley Demo"))
            #expect(try await queue("coach@example.org", client).contains(quiet))
            #expect(!(try await queue("pt@example.org", client)).contains(quiet), "quiet members are the coach's, not the physical therapist's")
            #expect(try await quietAlerts().count == 1, "looking again does not raise it twice")

            let alert = try #require(try await quietAlerts().first)
            let coach = Browser(client)
            try await coach.signIn("coach@example.org")
            #expect(
                try await coach.post("/staff/alerts/\(alert.id.uuidString)/resolve", form: [("note", "Left a friendly message")]).location
                    == "/staff?done=resolved"
            )
            app.clock.advance(by: 3 * 86_400)
            #expect(!(try await queue("coach@example.org", client)).contains(quiet), "a coach who just reached out is not asked again days later")
            app.clock.advance(by: 5 * 86_400)
            #expect(try await queue("coach@example.org", client).contains(quiet))
            #expect(try await quietAlerts().count == 2)
        }
    }

    @Test("daily pain 2+ over the intake's average three days running puts one review in the physical therapist's queue")
    func painRise() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("pt@example.org", role: .physicalTherapist, name: "Pat A")
            try await app.createAccount("coach@example.org", role: .healthCoach, name: "Cam Coach")
            let (member, account) = try await ProgramTests().memberWithPlan(app, client)
            func checkIn(_ pain: Int) async throws {
                #expect(try await member.post("/checkins", form: [("kind", "daily-pain"), ("pain", "\(pain)")]).location == "/home?done=checkin")
                app.clock.advance(by: 86_400)
            }
            let line = "Pain up 2+ points over the starting 4 for 3 days"
            // The walking-pain intake's average was 4: a 5 breaks the run, then 6, 7, 6 make one.
            for pain in [6, 5, 6, 7] { try await checkIn(pain) }
            #expect(!(try await queue("pt@example.org", client)).contains(line))
            try await checkIn(6)
            let therapist = try await queue("pt@example.org", client)
            #expect(therapist.contains("\(line) (6, 7, 6): review the plan"))
            #expect(!(try await queue("coach@example.org", client)).contains(line), "a clinical review is the physical therapist's")
            try await checkIn(8)
            let alerts = try await app.database.read { db in try await AlertRepository.forMember(account.id, in: db) }
            #expect(alerts.filter { $0.source == PainRiseRule.source }.count == 1, "one open review at a time")
        }
    }

    @Test("an admin downloads a member's audit trail as CSV: every staff look, with who and from where; nobody else can")
    func auditTrailExport() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("admin@example.org", role: .admin, name: "Avery Admin")
            try await app.createAccount("pt@example.org", role: .physicalTherapist, name: "Pat A")
            try await app.createAccount("coach@example.org", role: .healthCoach, name: "Cam Coach")
            let member = try await app.createAccount("riley@example.org", role: .member, name: "Riley Demo")
            let path = "/staff/members/\(member.id.uuidString.lowercased())/audit.csv"
            let pt = Browser(client)
            try await pt.signIn("pt@example.org")
            #expect(try await pt.get("/staff/members/\(member.id.uuidString)").status == .ok)
            #expect(try await pt.get(path).status == .forbidden, "clinicians read records; only admins export trails")
            let coach = Browser(client)
            try await coach.signIn("coach@example.org")
            #expect(try await coach.get(path).status == .forbidden)
            let memberBrowser = Browser(client)
            try await memberBrowser.signIn("riley@example.org")
            #expect(try await memberBrowser.get(path).status == .forbidden)

            let admin = Browser(client)
            try await admin.signIn("admin@example.org")
            #expect(try await admin.get("/staff/members/\(member.id.uuidString)").text.contains("Download this member's audit trail (CSV)"))
            app.clock.advance(by: 60)
            let csv = try await admin.get(path)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition]?.contains("attachment") == true)
            let lines = csv.body.split(separator: "\r\n").map(String.init)
            #expect(lines.first == "occurred_at_utc,actor_email,actor_role,action,subject,detail,client_address")
            #expect(lines.contains { $0.contains("pt@example.org,physical_therapist,staff.viewed_member_record,this member") })
            #expect(lines.contains { $0.contains("admin@example.org,admin,staff.viewed_member_record,this member") })
            #expect(lines.last?.contains("admin.exported_audit_trail") == true, "the export records itself")
            #expect(try await admin.get("/staff/members/\(UUID().uuidString)/audit.csv").status == .notFound)
        }
    }

    @Test("an admin reassigns a member; the new physical therapist gets the record and the old one loses it; bad choices change nothing")
    func reassignment() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("admin@example.org", role: .admin, name: "Avery Admin")
            let ptA = try await app.createAccount("pt.a@example.org", role: .physicalTherapist, name: "Pat A")
            let coach = try await app.createAccount("coach@example.org", role: .healthCoach, name: "Cam Coach")
            let member = try await app.createAccount("riley@example.org", role: .member, name: "Riley Demo")
            let ptB = try await app.createAccount("pt.b@example.org", role: .physicalTherapist, name: "Pat B")
            let record = "/staff/members/\(member.id.uuidString.lowercased())"
            let a = Browser(client)
            let b = Browser(client)
            let admin = Browser(client)
            try await a.signIn("pt.a@example.org")
            try await b.signIn("pt.b@example.org")
            try await admin.signIn("admin@example.org")
            #expect(try await a.get(record).text.contains("Physical therapist: Pat A"))
            #expect(try await b.get(record).status == .forbidden)
            #expect(
                try await a.post("\(record)/care-team", form: [("physicalTherapist", ptA.id.uuidString), ("healthCoach", coach.id.uuidString)]).status
                    == .forbidden,
                "only admins reassign"
            )

            let bad = try await admin.post(
                "\(record)/care-team",
                form: [("physicalTherapist", coach.id.uuidString), ("healthCoach", coach.id.uuidString)]
            )
            #expect(bad.status == .unprocessableContent, "a coach is not a physical therapist")
            #expect(bad.text.contains("Choose an active physical therapist from the list."))
            #expect(try await a.get(record).status == .ok, "nothing changed")

            let page = try await admin.get(record)
            #expect(page.text.contains("Save care team") && page.text.contains("Pat B"))
            let done = try await admin.post(
                "\(record)/care-team",
                form: [("physicalTherapist", ptB.id.uuidString), ("healthCoach", coach.id.uuidString)]
            )
            #expect(done.location == "\(record)?done=reassigned")
            #expect(try await b.get(record).text.contains("Physical therapist: Pat B"))
            #expect(try await a.get(record).status == .forbidden)
            let events = try await app.database.read { db in try await AuditLog.events(involving: member.id, in: db) }
            #expect(events.filter { $0.action == "admin.reassigned_care_team" }.map(\.detail) == ["roles=physical_therapist"])
        }
    }
}
