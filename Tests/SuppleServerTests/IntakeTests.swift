import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit
import SuppleCore
import SuppleStore
import Testing

@testable import SuppleServer

@Suite struct IntakeTests {
    /// The founding case: low back pain worse walking and standing, better sitting and bending forward.
    /// `ticked` names the safety questions answered yes. The safety step is a tick list: a browser
    /// sends only the ticked boxes, or "none apply".
    static func walkingPainSteps(bladder: String = "no", ticked: [String] = []) -> [(String, [(String, String)])] {
        let yes = ticked + (bladder == "yes" ? ["dangerSigns.bladderChange"] : [])
        let safety = yes.isEmpty ? [(IntakeForm.noneApplyKey, "yes")] : yes.map { ($0, "yes") }
        return [
            (
                "where",
                [("painRegions", "lumbar"), ("primaryRegion", "lumbar"), ("weeksWithPain", "20"), ("firstEverEpisode", "no"), ("gettingWorse", "no")]
            ),
            (
                "how-much",
                [
                    ("painNow", "4"), ("painAverageWeek", "4"), ("painWorstWeek", "6"), ("peg.enjoymentInterference", "5"),
                    ("peg.activityInterference", "6"),
                ]
            ),
            (
                "what-changes-it",
                [
                    ("worseWith", "walking"), ("worseWith", "standing"), ("betterWith", "sitting"), ("betterWith", "bendingForward"),
                    ("legSymptoms", "none"), ("numbnessOrTingling", "no"), ("walkMinutesBeforePain", "10"),
                ]
            ),
            ("safety", safety),
            ("health", [("pregnancy", "no"), ("surgery.hipReplacement", "no"), ("surgery.kneeReplacement", "no"), ("surgery.spineSurgery", "no")]),
            ("feelings", [("phq2.0", "1"), ("phq2.1", "0"), ("gad2.0", "1"), ("gad2.1", "0"), ("fearOfMovement", "3")]),
            (
                "daily-life",
                [
                    ("canGetToFloor", "yes"), ("equipment", "mat"),
                    ("sittingHoursPerDay", "7"), ("workHours.start", "09:00"), ("workHours.end", "17:00"), ("preferredWalkTime", "morning"),
                ]
            ),
        ]
    }

    func member(_ app: TestApp, _ client: any TestClientProtocol) async throws -> (Browser, AccountRecord) {
        let account = try await app.createAccount("riley@example.org", role: .member, name: "Riley Demo")
        let browser = Browser(client)
        try await browser.signIn("riley@example.org")
        return (browser, account)
    }

    @Test("the walking-pain case gets a plan with Forward Bend and its reason")
    func walkingPain() async throws {
        try await TestApp.run { app, client in
            let (browser, account) = try await member(app, client)
            #expect(try await browser.get("/intake").location == "/intake/where")
            for (slug, fields) in Self.walkingPainSteps() {
                let page = try await browser.post("/intake/\(slug)", form: fields)
                #expect(page.status == .seeOther, "step \(slug): \(page.text.prefix(300))")
            }
            let plan = try await browser.get("/plan")
            #expect(plan.status == .ok)
            #expect(plan.text.contains("Forward Bend"))
            #expect(plan.text.contains("one of the five exercises for back pain when walking"))
            #expect(plan.text.contains("2 walks of 8 minutes"))
            #expect(!plan.text.contains("Seated Backbends"))
            // One session-length estimate, worked out from the doses, on the plan, Today and the player.
            func minutes(_ page: String, _ pattern: String) -> String? {
                page.firstMatch(of: try! Regex(pattern)).map { String($0.output[1].substring ?? "") }
            }
            let estimate = try #require(minutes(plan.text, #"About (\d+) minutes, once a day"#))
            #expect(minutes(try await browser.get("/home").text, #"exercises, about (\d+) minutes\."#) == estimate)
            #expect(minutes(try await browser.get("/session").text, #"exercises, about (\d+) minutes\. Move"#) == estimate)
            let alerts = try await app.database.read { db in try await AlertRepository.forMember(account.id, in: db) }
            #expect(
                alerts.map(\.reason) == ["New plan from the intake is ready for review"],
                "no danger signs: only the physical therapist's routine look"
            )
            #expect(alerts.first?.severity == .routine && alerts.first?.audience == .clinical)
            #expect(try await browser.get("/home").text.contains("Your plan is ready"))
        }
    }

    @Test("a yes to new bladder changes shows the emergency message, no plan, and alerts the care team")
    func emergency() async throws {
        try await TestApp.run { app, client in
            let (browser, account) = try await member(app, client)
            for (slug, fields) in Self.walkingPainSteps(bladder: "yes") {
                try await browser.post("/intake/\(slug)", form: fields)
            }
            let plan = try await browser.get("/plan")
            #expect(plan.text.contains("Please get medical help now"))
            #expect(plan.text.contains("new changes in passing urine"))
            #expect(!plan.text.contains("Your exercises"))
            #expect(!plan.text.contains("Forward Bend"))
            let alerts = try await app.database.read { db in try await AlertRepository.forMember(account.id, in: db) }
            #expect(alerts.map(\.severity) == [.emergency])
            #expect(alerts.first?.reason.contains("T1-bladder") == true)
        }
    }

    @Test("answers are saved step by step and the intake resumes where it stopped")
    func resumable() async throws {
        try await TestApp.run { app, client in
            let (browser, _) = try await member(app, client)
            let steps = Self.walkingPainSteps()
            try await browser.post("/intake/where", form: steps[0].1)
            try await browser.post("/intake/how-much", form: steps[1].1)
            // A new device, same member: carries on at step 3 with earlier answers kept.
            let other = Browser(client)
            try await other.signIn("riley@example.org")
            #expect(try await other.get("/intake").location == "/intake/what-changes-it")
            let first = try await other.get("/intake/where")
            #expect(first.body.contains(#"name="weeksWithPain" type="number" inputmode="numeric" min="0" max="1040" value="20""#))
        }
    }

    @Test("missing and out-of-range answers re-show the step with the question's message, and nothing moves on")
    func badAnswers() async throws {
        try await TestApp.run { app, client in
            let (browser, account) = try await member(app, client)
            let page = try await browser.post("/intake/how-much", form: [("painNow", "11"), ("painAverageWeek", "4")])
            #expect(page.status == .unprocessableContent)
            #expect(page.text.contains("Choose a number from 0 to 10."))
            // An untouched tick list is not read as "no" to everything.
            let safety = try await browser.post("/intake/safety", form: [("dangerSigns.bladderChange", "no")])
            #expect(safety.status == .unprocessableContent)
            #expect(safety.text.contains("Tick each one that is true for you, or tick “None of these apply to me”."))
            let draft = try await app.database.read { db in try await IntakeRepository.draft(accountID: account.id, in: db) }
            #expect(draft == nil)
        }
    }

    @Test("the safety step is one tick list: a tick is a yes, the rest no; none-apply must be said, and can't be said beside a tick")
    func safetyTickList() async throws {
        try await TestApp.run { app, client in
            let (browser, account) = try await member(app, client)
            let steps = Self.walkingPainSteps()
            try await browser.post("/intake/where", form: steps[0].1)
            let page = try await browser.get("/intake/safety").text
            #expect(page.contains(#"type="checkbox" id="dangerSigns-bladderChange" name="dangerSigns.bladderChange" value="yes""#))
            #expect(page.contains("None of these apply to me") && page.contains("Bladder, bowel and feeling"))
            #expect(!page.contains(#"type="radio""#), "no yes/no pairs left on the safety step")

            let both = try await browser.post("/intake/safety", form: [("dangerSigns.nightPainNoRelief", "yes"), (IntakeForm.noneApplyKey, "yes")])
            #expect(both.status == .unprocessableContent)
            #expect(both.text.contains("You ticked “None of these apply to me” and also ticked something above."))
            #expect(both.text.contains(#"name="dangerSigns.nightPainNoRelief" value="yes" checked"#), "the tick is kept to correct")
            let untouched = try await app.database.read { db in try await IntakeRepository.draft(accountID: account.id, in: db) }
            #expect(untouched?.answers.contains("nightPainNoRelief") != true, "a refused step changes nothing")

            #expect(try await browser.post("/intake/safety", form: [("dangerSigns.nightPainNoRelief", "yes")]).status == .seeOther)
            let draft = try #require(try await app.database.read { db in try await IntakeRepository.draft(accountID: account.id, in: db) })
            #expect(draft.answers.contains(#""nightPainNoRelief":true"#) && draft.answers.contains(#""bladderChange":false"#))
            let back = try await browser.get("/intake/safety").text
            #expect(back.contains(#"name="dangerSigns.nightPainNoRelief" value="yes" checked"#))
            #expect(!back.contains(#"name="noneApply" value="yes" checked"#))

            try await browser.post("/intake/safety", form: [(IntakeForm.noneApplyKey, "yes")])
            #expect(
                try await browser.get("/intake/safety").text.contains(#"name="noneApply" value="yes" checked"#),
                "all no reads back as none apply"
            )
        }
    }

    @Test("staff are kept out of the member intake, and members out of staff records")
    func access() async throws {
        try await TestApp.run { app, client in
            let (member, account) = try await member(app, client)
            try await app.createAccount("pt@example.org", role: .physicalTherapist)
            let pt = Browser(client)
            try await pt.signIn("pt@example.org")
            #expect(try await pt.get("/intake/where").status == .forbidden)
            #expect(try await member.get("/staff/members/\(account.id.uuidString)").status == .forbidden)
        }
    }

    @Test("a clinician opens the member's decision with every reason, and the opening is audited")
    func staffView() async throws {
        try await TestApp.run { app, client in
            let (browser, account) = try await member(app, client)
            for (slug, fields) in Self.walkingPainSteps() { try await browser.post("/intake/\(slug)", form: fields) }
            let ptAccount = try await app.createAccount("pt@example.org", role: .physicalTherapist)
            let pt = Browser(client)
            try await pt.signIn("pt@example.org")
            let page = try await pt.get("/staff/members/\(account.id.uuidString.lowercased())")
            #expect(page.status == .ok)
            #expect(page.text.contains("pattern flexion-relieved-walking"))
            #expect(page.text.contains("P-brief"))
            #expect(page.text.contains("RESEARCH §2.3"))
            let events = try await app.database.read { db in try await AuditLog.events(involving: ptAccount.id, in: db) }
            #expect(events.contains { $0.action == "staff.viewed_member_record" && $0.subjectAccountID == account.id })
        }
    }

    func postJSON(_ client: any TestClientProtocol, _ path: String, _ json: String, token: String) async throws -> TestResponse {
        try await client.execute(
            uri: path,
            method: .post,
            headers: [.contentType: "application/json", .authorization: "Bearer \(token)"],
            body: ByteBuffer(string: json)
        )
    }

    @Test("the API takes the same document, names unknown and out-of-range fields, and returns the decision")
    func api() async throws {
        try await TestApp.run { app, client in
            let signUp =
                #"{"name":"Riley Demo","email":"riley@example.org","password":"walk the dog at dawn","dateOfBirth":"1968-04-23","timeZone":"America/Chicago","consent":true}"#
            let created = try await client.execute(
                uri: "/api/v1/members",
                method: .post,
                headers: [.contentType: "application/json"],
                body: ByteBuffer(string: signUp)
            )
            let token = try #require((try JSONSerialization.jsonObject(with: Data(buffer: created.body)) as? [String: Any])?["token"] as? String)

            let bad = try await postJSON(
                client,
                "/api/v1/intake",
                #"{"painRegions":["lumbar"],"weeksWithPain":-2,"painNow":11,"painAverageWeek":4,"painWorstWeek":6,"peg":{"enjoymentInterference":5,"activityInterference":6},"phq2":[0,0],"gad2":[0,0],"fearOfMovement":2,"pain_later":3}"#,
                token: token
            )
            #expect(bad.status == .unprocessableContent)
            let problems = String(buffer: bad.body)
            #expect(problems.contains(##""pointer":"#/weeksWithPain""##))
            #expect(problems.contains(##""pointer":"#/painNow""##))
            #expect(problems.contains(##""pointer":"#/pain_later""##))

            let intake = try String(
                contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                    .appendingPathComponent("../../docs/examples/walking-pain.json").standardizedFileURL,
                encoding: .utf8
            )
            let good = try await postJSON(client, "/api/v1/intake", intake, token: token)
            #expect(good.status == .created)
            let decision = try #require(try JSONSerialization.jsonObject(with: Data(buffer: good.body)) as? [String: Any])
            let plan = try #require(decision["plan"] as? [String: Any])
            let ids = (plan["exercises"] as? [[String: Any]])?.compactMap { $0["exerciseId"] as? String } ?? []
            #expect(ids.contains("forward-bend"))
            let latest = try await client.execute(uri: "/api/v1/plan", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(latest.status == .ok)
        }
    }
}
