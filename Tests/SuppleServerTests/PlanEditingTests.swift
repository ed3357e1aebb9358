import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import SuppleCore
import SuppleStore
import Testing

/// A physical therapist changes a member's plan from the chart: each save is a new version,
/// the engine's limits are warnings that need a reason, and the member sees the plan and note.
@Suite struct PlanEditingTests {
    /// Pat (physical therapist) and Cam (coach) exist before Riley finishes the walking-pain
    /// intake, so Riley is theirs and has plan version 1.
    func setUp(_ app: TestApp, _ client: any TestClientProtocol) async throws -> (pt: Browser, member: Browser, account: AccountRecord) {
        try await app.createAccount("pt@example.org", role: .physicalTherapist, name: "Pat Lee")
        try await app.createAccount("coach@example.org", role: .healthCoach, name: "Cam Coach")
        let (member, account) = try await ProgramTests().memberWithPlan(app, client)
        let pt = Browser(client)
        try await pt.signIn("pt@example.org")
        return (pt, member, account)
    }

    func exercises(_ app: TestApp, _ member: AccountRecord) async throws -> [String] {
        let latest = try #require(try await app.database.read { db in try await PlanVersionRepository.latest(memberID: member.id, in: db) })
        return try JSONDecoder().decode(ProgramPlan.self, from: Data(latest.planJSON.utf8)).exercises.map(\.exerciseId)
    }

    func versionCount(_ app: TestApp, _ member: AccountRecord) async throws -> Int {
        try await app.database.read { db in try await PlanVersionRepository.all(memberID: member.id, in: db) }.count
    }

    @Test("a swap with a note saves version 2 effective today, keeps version 1, closes the review, and the member sees both")
    func swapWithNote() async throws {
        try await TestApp.run { app, client in
            let (pt, member, account) = try await setUp(app, client)
            let path = "/staff/members/\(account.id.uuidString.lowercased())/plan"
            let editor = try await pt.get(path)
            #expect(editor.status == .ok)
            #expect(editor.text.contains("Cat Cow"))
            #expect(editor.body.contains(#"<option value="seated-forward-flexion">"#))

            let saved = try await pt.post(
                path,
                form: [
                    ("basedOn", "1"), ("swap.cat-cow", "seated-forward-flexion"),
                    ("note", "Cat Cow bothered your back, so try this seated bend instead."),
                ]
            )
            #expect(saved.status == .seeOther)
            #expect(saved.location?.hasSuffix("?done=plan-saved#plan") == true)
            let ids = try await exercises(app, account)
            #expect(ids.contains("seated-forward-flexion") && !ids.contains("cat-cow"))
            let versions = try await app.database.read { db in try await PlanVersionRepository.all(memberID: account.id, in: db) }
            #expect(versions.map(\.version) == [1, 2])
            #expect(versions[1].author == "Pat Lee, physical therapist")
            #expect(versions[1].effectiveFrom == CalendarDate(app.clock.now(), in: account.timeZone.timeZone).description)
            #expect(versions[1].reason.contains("Cat Cow is now Seated Forward Flexion"))

            let alerts = try await app.database.read { db in try await AlertRepository.forMember(account.id, in: db) }
            #expect(alerts.first { $0.source == "new-plan" }?.resolvedAt != nil, "saving the plan answers the new-plan review")
            let audit = try await app.database.read { db in try await AuditLog.trail(for: account.id, in: db) }
            #expect(audit.contains { $0.event.action == "staff.opened_plan_editor" })
            #expect(audit.contains { $0.event.action == "staff.edited_plan" && $0.event.detail == "version=2 warnings=0" })

            let chart = try await pt.get("/staff/members/\(account.id.uuidString.lowercased())")
            #expect(chart.text.contains("Plan: version 2"))
            #expect(chart.text.contains("Cat Cow bothered your back"))

            let home = try await member.get("/home")
            #expect(home.text.contains("Your plan changed today."))
            #expect(home.text.contains("A note from Pat Lee, physical therapist"))
            #expect(home.text.contains("Cat Cow bothered your back, so try this seated bend instead."))
            let plan = try await member.get("/plan")
            let session = try #require(plan.text.range(of: "Your exercises")).upperBound
            let exercisesText = plan.text[session...].components(separatedBy: "Your walking plan").first ?? ""
            #expect(exercisesText.contains("Seated Forward Flexion"))
            #expect(!exercisesText.contains("Cat Cow"))
            #expect(plan.text.contains("Chosen for you by Pat Lee"))
        }
    }

    @Test("searching the library from the editor keeps every unsaved change, and earlier ticks, and saves nothing")
    func searchKeepsEdits() async throws {
        try await TestApp.run { app, client in
            let (pt, _, account) = try await setUp(app, client)
            let path = "/staff/members/\(account.id.uuidString.lowercased())/plan"
            let edits = [("basedOn", "1"), ("swap.cat-cow", "seated-forward-flexion"), ("walkingMinutes", "12"), ("note", "Half-written note")]
            let first = try await pt.post(path, form: edits + [("action", "search"), ("q", "bridge")])
            #expect(first.status == .ok)
            #expect(first.body.contains(#"<option value="seated-forward-flexion" selected>"#))
            #expect(first.body.contains(#"name="walkingMinutes" type="number" inputmode="numeric" min="1" max="60" value="12""#))
            #expect(first.text.contains("Half-written note"))
            #expect(first.text.contains("Add from the library: “bridge”"))
            // Tick a bridge, then search for something else: the tick survives.
            let second = try await pt.post(path, form: edits + [("add", "glute-bridge"), ("action", "search"), ("q", "hip")])
            #expect(second.text.contains("Chosen to add"))
            #expect(second.body.contains(#"name="add" value="glute-bridge" checked"#))
            #expect(try await versionCount(app, account) == 1, "a search saves nothing")
        }
    }

    @Test("an extension exercise for a flexion-relieved pattern asks for a confirming reason before it saves")
    func guardrailNeedsReason() async throws {
        try await TestApp.run { app, client in
            let (pt, _, account) = try await setUp(app, client)
            let path = "/staff/members/\(account.id.uuidString.lowercased())/plan"
            let search = try await pt.get(path + "?q=press%20up")
            #expect(search.body.contains(#"name="add" value="prone-press-up""#))

            let warned = try await pt.post(path, form: [("basedOn", "1"), ("add", "prone-press-up")])
            #expect(warned.status == .unprocessableContent)
            #expect(warned.text.contains("P-bias-flexion-relieved"))
            #expect(warned.text.contains("moves the spine into extension, which this member's pattern (flexion-relieved-walking) leaves out"))
            #expect(warned.body.contains(#"name="confirmation""#))
            #expect(try await versionCount(app, account) == 1, "nothing is saved until the reason is given")

            let saved = try await pt.post(
                path,
                form: [
                    ("basedOn", "1"), ("add", "prone-press-up"),
                    ("confirmation", "Assessed in clinic: centralises with repeated extension."),
                ]
            )
            #expect(saved.status == .seeOther)
            #expect(try await exercises(app, account).contains("prone-press-up"))
            let latest = try #require(try await app.database.read { db in try await PlanVersionRepository.latest(memberID: account.id, in: db) })
            #expect(latest.clinicianConfirmation?.contains("P-bias-flexion-relieved") == true)
            #expect(latest.clinicianConfirmation?.contains("centralises with repeated extension") == true)
            #expect(!latest.reason.contains("P-bias"), "the member reads the change, not the care team's reasoning")
            let chart = try await pt.get("/staff/members/\(account.id.uuidString.lowercased())")
            #expect(chart.text.contains("because: Assessed in clinic: centralises with repeated extension."))
        }
    }

    @Test("bad doses, unknown exercises, a stale version and an empty save are refused by field, and nothing is saved")
    func refusals() async throws {
        try await TestApp.run { app, client in
            let (pt, _, account) = try await setUp(app, client)
            let path = "/staff/members/\(account.id.uuidString.lowercased())/plan"
            let cases: [([(String, String)], String)] = [
                ([("basedOn", "1"), ("sets.forward-bend", "lots")], "Sets must be a whole number."),
                ([("basedOn", "1"), ("sets.forward-bend", "40")], "Sets must be between 1 and 10."),
                ([("basedOn", "1"), ("swap.cat-cow", "no-such-exercise")], "Choose an exercise from the library."),
                ([("basedOn", "1"), ("add", "forward-bend")], "Forward Bend is already in the plan."),
                ([("basedOn", "1"), ("walkingMinutes", "500")], "Walking minutes must be between 1 and 60."),
                ([("basedOn", "7"), ("swap.cat-cow", "seated-forward-flexion")], "The plan changed while you were editing it"),
                ([("basedOn", "1")], "Nothing to save"),
                ([("basedOn", "1"), ("note", String(repeating: "a", count: 2_001))], "Keep the note to the member under 2,000 characters."),
            ]
            for (form, message) in cases {
                let page = try await pt.post(path, form: form)
                #expect(page.status == .unprocessableContent, "\(form)")
                #expect(page.text.contains(message), "\(form) → \(message)")
                #expect(page.text.contains("Nothing was saved"))
            }
            #expect(try await versionCount(app, account) == 1)
        }
    }

    @Test("the engine's proposed swap waits for the physical therapist: the member keeps the exercise; turned down it stays, approved it swaps")
    func reviewProposals() async throws {
        try await TestApp.run { app, client in
            let (pt, member, account) = try await setUp(app, client)
            // The engine's proposal: Glute Bridge in place of Cat Cow, awaiting review, with its alert.
            let v1 = try #require(try await app.database.read { db in try await PlanVersionRepository.latest(memberID: account.id, in: db) })
            var plan = try JSONDecoder().decode(ProgramPlan.self, from: Data(v1.planJSON.utf8))
            let index = try #require(plan.exercises.firstIndex { $0.exerciseId == "cat-cow" })
            plan.exercises[index].proposal = .init(
                exerciseId: "glute-bridge",
                name: "Glute Bridge",
                rationale: Rationale(rule: "R-progress-harder", explanation: "Cat Cow is easy at its fullest dose.", source: "RESEARCH §3.3 [42][44]")
            )
            let now = app.clock.now()
            let proposed = plan
            try await app.database.transaction { db in
                _ = try await PlanVersionRepository.add(
                    memberID: account.id,
                    effectiveFrom: v1.effectiveFrom,
                    author: "engine",
                    reason: "Swap",
                    planJSON: String(decoding: try JSONEncoder().encode(proposed), as: UTF8.self),
                    at: now,
                    in: db
                )
                try await AlertRepository.insert(
                    .init(
                        memberID: account.id,
                        severity: .routine,
                        audience: .clinical,
                        reason: "Engine proposed an exercise change: pending review",
                        source: "progression",
                        createdAt: now
                    ),
                    in: db
                )
            }
            // The member still has Cat Cow and sees nothing of the proposal.
            let memberPlan = try await member.get("/plan").text
            #expect(memberPlan.contains("Cat Cow") && !memberPlan.contains("Glute Bridge"))
            let path = "/staff/members/\(account.id.uuidString.lowercased())/plan"
            let editor = try await pt.get(path)
            #expect(editor.text.contains("The engine suggests Glute Bridge in place of Cat Cow"))

            let rejected = try await pt.post(path, form: [("basedOn", "2"), ("review.cat-cow", "reject")])
            #expect(rejected.status == .seeOther)
            let ids = try await exercises(app, account)
            #expect(ids.contains("cat-cow") && !ids.contains("glute-bridge"))
            let alerts = try await app.database.read { db in try await AlertRepository.forMember(account.id, in: db) }
            #expect(alerts.first { $0.source == "progression" }?.resolvedAt != nil)
            let latest = try #require(try await app.database.read { db in try await PlanVersionRepository.latest(memberID: account.id, in: db) })
            let after = try JSONDecoder().decode(ProgramPlan.self, from: Data(latest.planJSON.utf8))
            let catCow = try #require(after.exercises.first { $0.exerciseId == "cat-cow" })
            #expect(catCow.proposal == nil && catCow.declinedSwap == "glute-bridge")
            #expect(latest.reason.contains("Cat Cow stays in your plan"))

            // Proposed again and approved: Glute Bridge takes Cat Cow's place.
            var again = after
            again.exercises[index].proposal = plan.exercises[index].proposal
            let proposedAgain = again
            try await app.database.transaction { db in
                _ = try await PlanVersionRepository.add(
                    memberID: account.id,
                    effectiveFrom: v1.effectiveFrom,
                    author: "engine",
                    reason: "Swap",
                    planJSON: String(decoding: try JSONEncoder().encode(proposedAgain), as: UTF8.self),
                    at: now,
                    in: db
                )
            }
            let approved = try await pt.post(path, form: [("basedOn", "4"), ("review.cat-cow", "approve")])
            #expect(approved.status == .seeOther, "\(approved.text.components(separatedBy: "<main").last?.prefix(1500) ?? "")")
            let swapped = try await exercises(app, account)
            #expect(swapped.contains("glute-bridge") && !swapped.contains("cat-cow"))
            #expect(try await member.get("/plan").text.contains("Glute Bridge"))
        }
    }

    @Test("only the member's own physical therapist or an admin may open the editor; coaches, other clinicians and members may not")
    func access() async throws {
        try await TestApp.run { app, client in
            let (_, member, account) = try await setUp(app, client)
            try await app.createAccount("pt.other@example.org", role: .physicalTherapist, name: "Other PT")
            try await app.createAccount("admin@example.org", role: .admin, name: "Ada Admin")
            let path = "/staff/members/\(account.id.uuidString.lowercased())/plan"
            for (email, status) in [
                ("coach@example.org", HTTPResponse.Status.forbidden), ("pt.other@example.org", .forbidden), ("admin@example.org", .ok),
            ] {
                let browser = Browser(client)
                try await browser.signIn(email)
                #expect(try await browser.get(path).status == status, "\(email)")
                if status == .forbidden {
                    #expect(try await browser.post(path, form: [("basedOn", "1"), ("remove", "cat-cow")]).status == .forbidden)
                }
            }
            #expect(try await member.get(path).status == .forbidden)
            #expect(try await versionCount(app, account) == 1)
        }
    }
}
