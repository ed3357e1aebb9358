import Foundation
import Hummingbird
import HummingbirdTesting
import SuppleCore
import SuppleStore
import Testing

/// A member whose program the intake put on hold is never stuck: they are told who will contact
/// them and by when, and their physical therapist can review and start the program.
@Suite struct HoldReleaseTests {
    /// The walking-pain intake with a history of cancer: an urgent review, program on hold.
    static func onHoldSteps() -> [(String, [(String, String)])] {
        IntakeTests.walkingPainSteps(ticked: ["history.cancer"])
    }

    @Test("an on-hold member is told who will call and when; their physical therapist starts the program with a note, and the member can start")
    func release() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("pt@example.org", role: .physicalTherapist, name: "Pat Lee")
            let riley = try await app.createAccount("riley@example.org", role: .member, name: "Riley Demo")
            let member = Browser(client)
            try await member.signIn("riley@example.org")
            for (slug, fields) in Self.onHoldSteps() { try await member.post("/intake/\(slug)", form: fields) }

            let home = try await member.get("/home")
            #expect(home.text.contains("Your program is waiting for a clinician"))
            #expect(home.text.contains("Pat Lee, your physical therapist, will contact you within"))
            #expect(try await member.get("/session").location == "/home", "no session while on hold")

            let pt = Browser(client)
            try await pt.signIn("pt@example.org")
            let chartPath = "/staff/members/\(riley.id.uuidString.lowercased())"
            let chart = try await pt.get(chartPath)
            #expect(chart.text.contains("Program on hold since"))
            #expect(chart.text.contains("Review and start the program"))

            let empty = try await pt.post("\(chartPath)/release", form: [("note", "  ")])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains("Write what you checked"))
            #expect(try await ProgramTests().planVersions(app, riley).isEmpty)

            let note = "We spoke on the phone: your treatment ended years ago and your oncologist is happy for you to exercise."
            let released = try await pt.post("\(chartPath)/release", form: [("note", note)])
            #expect(released.location == "\(chartPath)?done=released#plan")
            let versions = try await ProgramTests().planVersions(app, riley)
            #expect(versions.count == 1)
            #expect(versions.first?.author == "Pat Lee, physical therapist")
            #expect(versions.first?.memberNote == note)
            let (alerts, events) = try await app.database.read { db in
                (try await AlertRepository.forMember(riley.id, in: db), try await AuditLog.events(involving: riley.id, in: db))
            }
            #expect(alerts.filter { $0.source == "intake" && $0.audience == .clinical }.allSatisfy { $0.resolvedAt != nil })
            #expect(events.contains { $0.action == "staff.released_hold" })
            #expect(!(try await pt.get(chartPath)).text.contains("Review and start the program"))

            let after = try await member.get("/home")
            #expect(!after.text.contains("waiting for a clinician"))
            let plan = try await member.get("/plan")
            #expect(plan.text.contains("Start today's session"))
            #expect(plan.text.contains("oncologist is happy for you to exercise"))
            #expect(plan.text.contains("With the plan from 17 Nov 2026"), "dates as people write them, never ISO")
            #expect(try await member.get("/session").status == .ok)

            let again = try await pt.post("\(chartPath)/release", form: [("note", note)])
            #expect(again.status == .unprocessableContent)
            #expect(again.text.contains("not on hold"))
        }
    }
}
