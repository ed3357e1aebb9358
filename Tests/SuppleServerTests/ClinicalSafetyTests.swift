import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SuppleCore
import SuppleStore
import Testing

/// What the clinical safety review asked of the web and the API (issue 15): questions asked only
/// where they apply, the crisis path, the weekly safety check, PHQ-9 after a positive PHQ-2, and
/// the plan editor naming the special-population limits.
@Suite struct ClinicalSafetyTests {
    static func steps(_ slug: String, replacing fields: [(String, String)]) -> [(String, [(String, String)])] {
        IntakeTests.walkingPainSteps().map { $0.0 == slug ? (slug, fields) : $0 }
    }

    func member(_ app: TestApp, _ client: any TestClientProtocol) async throws -> (Browser, AccountRecord) {
        let account = try await app.createAccount("riley@example.org", role: .member, name: "Riley Demo")
        let browser = Browser(client)
        try await browser.signIn("riley@example.org")
        return (browser, account)
    }

    func alerts(_ app: TestApp, _ account: AccountRecord) async throws -> [AlertRepository.Alert] {
        try await app.database.read { db in try await AlertRepository.forMember(account.id, in: db) }
    }

    @Test("region questions follow the regions picked; the details step appears only after a yes, and a changed answer leaves nothing behind")
    func conditionalQuestions() async throws {
        try await TestApp.run { app, client in
            let (browser, account) = try await member(app, client)
            let steps = IntakeTests.walkingPainSteps()
            try await browser.post(
                "/intake/where",
                form: [
                    ("painRegions", "knee"), ("painRegions", "lumbar"), ("primaryRegion", "knee"),
                    ("weeksWithPain", "20"), ("firstEverEpisode", "no"), ("gettingWorse", "no"),
                ]
            )
            let safety = try await browser.get("/intake/safety").text
            #expect(safety.contains("Is your hip or knee hot and swollen"))
            #expect(safety.contains("aortic aneurysm"))
            #expect(!safety.contains("double vision"), "neck questions are only for neck pain")
            #expect(!safety.contains("snap or kick"), "the heel question is only for ankle pain")
            // "None apply" answers the knee's questions too: each is stored as a no.
            #expect(try await browser.post("/intake/safety", form: steps[3].1).status == .seeOther)
            let draft = try #require(try await app.database.read { db in try await IntakeRepository.draft(accountID: account.id, in: db) })
            #expect(draft.answers.contains(#""hotSwollenJoint":false"#) && draft.answers.contains(#""knownAneurysm":false"#))

            // No pregnancy and no operation: the details step is passed by.
            let health = try await browser.post("/intake/health", form: steps[4].1)
            #expect(health.location == "/intake/feelings")
            #expect(try await browser.get("/intake/health-details").location == "/intake")
            // Pregnant: the details step asks the weeks and the warning signs.
            let pregnant = try await browser.post(
                "/intake/health",
                form: [
                    ("pregnancy", "pregnant"), ("surgery.hipReplacement", "no"),
                    ("surgery.kneeReplacement", "no"), ("surgery.spineSurgery", "no"),
                ]
            )
            #expect(pregnant.location == "/intake/health-details")
            let details = try await browser.get("/intake/health-details").text
            #expect(details.contains("How many weeks pregnant are you?") && details.contains("bleeding"))
            #expect(!details.contains("hip replacement"))
            try await browser.post("/intake/health-details", form: [("weeksPregnant", "24"), ("dangerSigns.pregnancyWarningSigns", "no")])
            // Changed back to no: the weeks are dropped, so the finished intake is consistent.
            try await browser.post("/intake/health", form: steps[4].1)
            for (slug, fields) in steps where ["how-much", "what-changes-it", "feelings", "daily-life"].contains(slug) {
                let page = try await browser.post("/intake/\(slug)", form: fields)
                #expect(page.status == .seeOther, "\(slug)")
            }
            let stored = try #require(try await app.database.read { db in try await IntakeRepository.latestSubmitted(accountID: account.id, in: db) })
            #expect(!stored.answers.contains("weeksPregnant"))
            #expect(try await browser.get("/plan").status == .ok)
        }
    }

    @Test("a pregnant member's plan has nothing flat on the back or front, and says why")
    func pregnantPlan() async throws {
        try await TestApp.run { app, client in
            let (browser, _) = try await member(app, client)
            var steps = IntakeTests.walkingPainSteps()
            steps.insert(("health-details", [("weeksPregnant", "24"), ("dangerSigns.pregnancyWarningSigns", "no")]), at: 5)
            steps[4] = (
                "health",
                [("pregnancy", "pregnant"), ("surgery.hipReplacement", "no"), ("surgery.kneeReplacement", "no"), ("surgery.spineSurgery", "no")]
            )
            for (slug, fields) in steps {
                let page = try await browser.post("/intake/\(slug)", form: fields)
                #expect(page.status == .seeOther, "\(slug)")
            }
            let plan = try await browser.get("/plan").text
            #expect(plan.contains("nothing lying flat on your back or on your front"))
            for lying in ["Knee Hug", "Double Knee-to-Chest", "Abdominal Drawing-In"] { #expect(!plan.contains(">\(lying)<"), "\(lying)") }
        }
    }

    @Test("self-harm thoughts at intake open the crisis page at once and alert the physical therapist and the coach")
    func crisisAtIntake() async throws {
        try await TestApp.run { app, client in
            let (browser, account) = try await member(app, client)
            var steps = Self.steps(
                "feelings",
                replacing: [("phq2.0", "2"), ("phq2.1", "2"), ("gad2.0", "1"), ("gad2.1", "0"), ("fearOfMovement", "3")]
            )
            let phq9 = (0..<7).map { ("phq9Rest.\($0)", $0 == 6 ? "1" : "0") }
            steps.insert(("feelings-more", phq9), at: 6)
            var last: Browser.Page?
            for (slug, fields) in steps {
                last = try await browser.post("/intake/\(slug)", form: fields)
                #expect(
                    last?.status == .seeOther,
                    "\(slug): \(last?.text.components(separatedBy: "field-error").dropFirst().first?.prefix(200) ?? "")"
                )
            }
            #expect(last?.location == "/support/now")
            let page = try await browser.get("/support/now")
            #expect(page.status == .ok)
            #expect(page.text.contains("988") && page.text.contains("emergency number"))
            #expect(page.text.contains("We have let your care team know"))
            let crisis = try await alerts(app, account).filter { $0.source == "crisis" }
            #expect(Set(crisis.map(\.audience)) == [.clinical, .coach])
            #expect(crisis.allSatisfy { $0.severity == .urgent })
            // The program itself still starts.
            #expect(try await browser.get("/plan").text.contains("Forward Bend"))
            // Anyone can open the crisis page, signed in or not.
            #expect(try await Browser(client).get("/support/now").status == .ok)
        }
    }

    @Test("the weekly safety check is due a week in; all no says so, a danger sign gets the emergency answer and alert, over the web and the API")
    func weeklySafetyCheck() async throws {
        try await TestApp.run { app, client in
            let (browser, account) = try await member(app, client)
            for (slug, fields) in IntakeTests.walkingPainSteps() { try await browser.post("/intake/\(slug)", form: fields) }
            #expect(!(try await browser.get("/home")).text.contains("Weekly safety check"))
            app.clock.advance(by: 7 * 86_400)
            try await browser.signIn("riley@example.org")
            #expect(try await browser.get("/home").text.contains("Weekly safety check"))
            let keys = WeeklySafetyCheck.questions.map(\.key)
            let missing = try await browser.post("/checkins/safety", form: [("bladderChange", "no")])
            #expect(missing.status == .unprocessableContent && missing.text.contains("Answer yes or no."))
            let clear = try await browser.post("/checkins/safety", form: keys.map { ($0, "no") })
            #expect(clear.location == "/home?done=safety")
            #expect(!(try await browser.get("/home")).text.contains("Six yes-or-no questions"))
            // The same day, new bladder trouble: answered again, it still reaches the care team once.
            let bladderForm = keys.map { ($0, $0 == "bladderChange" ? "yes" : "no") }
            #expect(try await browser.post("/checkins/safety", form: bladderForm).text.contains("Please get medical help now"))
            try await browser.post("/checkins/safety", form: bladderForm)
            func emergencies() async throws -> Int {
                try await alerts(app, account).filter { $0.severity == .emergency && $0.source == "safety-check" }.count
            }
            #expect(try await emergencies() == 1)

            // A week later, new bladder trouble.
            app.clock.advance(by: 7 * 86_400)
            try await browser.signIn("riley@example.org")
            let emergency = try await browser.post("/checkins/safety", form: keys.map { ($0, $0 == "bladderChange" ? "yes" : "no") })
            #expect(emergency.text.contains("Please get medical help now"))
            #expect(
                try await alerts(app, account).contains {
                    $0.severity == .emergency && $0.source == "safety-check" && $0.reason.contains("T1-bladder")
                }
            )
            #expect(try await emergencies() == 2, "a new week's answer is its own alert")

            // The API: spreading symptoms alone are urgent for the physical therapist, not an emergency.
            app.clock.advance(by: 7 * 86_400)
            let signIn = try await client.execute(
                uri: "/api/v1/tokens",
                method: .post,
                headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"email":"riley@example.org","password":"walk the dog at dawn","label":"phone"}"#)
            )
            let token = try #require((try JSONSerialization.jsonObject(with: Data(buffer: signIn.body)) as? [String: Any])?["token"] as? String)
            func post(_ json: String) async throws -> (HTTPResponse.Status, [String: Any]) {
                let response = try await client.execute(
                    uri: "/api/v1/checkins",
                    method: .post,
                    headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                    body: ByteBuffer(string: json)
                )
                return (response.status, (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:])
            }
            let (badStatus, bad) = try await post(#"{"kind":"weekly-safety","answers":{"bladderChange":false}}"#)
            #expect(badStatus == .unprocessableContent && String(describing: bad).contains("bowelChange"))
            let answers = keys.map { "\"\($0)\":\($0 == "symptomsSpread")" }.joined(separator: ",")
            let (status, body) = try await post(#"{"kind":"weekly-safety","answers":{"# + answers + "}}")
            #expect(status == .created)
            #expect(body["tier"] as? String == "none" && body["symptomsSpread"] as? Bool == true)
            #expect(try await alerts(app, account).contains { $0.severity == .urgent && $0.reason.contains("symptoms have spread") })
        }
    }

    @Test("a positive PHQ-2 on the monthly mood check makes the PHQ-9 due; its self-harm item opens the crisis page")
    func phq9AfterMood() async throws {
        try await TestApp.run { app, client in
            let (browser, account) = try await member(app, client)
            for (slug, fields) in IntakeTests.walkingPainSteps() { try await browser.post("/intake/\(slug)", form: fields) }
            app.clock.advance(by: 28 * 86_400)
            try await browser.signIn("riley@example.org")
            try await browser.post("/questionnaires/mood", form: [("interest", "2"), ("down", "2"), ("nervous", "0"), ("worry", "0")])
            #expect(try await browser.get("/home").text.contains("A little more about your mood"))
            let form = Questionnaire.phq9Keys.map { ($0, $0 == "harm" ? "2" : "1") }
            #expect(try await browser.post("/questionnaires/phq9", form: form).location == "/support/now")
            #expect(try await alerts(app, account).filter { $0.source == "crisis" }.count == 2)
            #expect(!(try await browser.get("/home")).text.contains("A little more about your mood"))
        }
    }

    @Test("the plan editor warns when a clinician adds an exercise an osteoporosis limit leaves out, naming the rule")
    func editorNamesOsteoporosis() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("pt@example.org", role: .physicalTherapist, name: "Pat Therapist")
            let (browser, account) = try await member(app, client)
            let steps = IntakeTests.walkingPainSteps(ticked: ["history.osteoporosisOrSteroids"])
            for (slug, fields) in steps { try await browser.post("/intake/\(slug)", form: fields) }
            #expect(!(try await browser.get("/plan")).text.contains(">Knee Hug<"))
            let pt = Browser(client)
            try await pt.signIn("pt@example.org")
            let warned = try await pt.post(
                "/staff/members/\(account.id.uuidString.lowercased())/plan",
                form: [("basedOn", "1"), ("add", "knee-hug")]
            )
            #expect(warned.status == .unprocessableContent)
            #expect(warned.text.contains("P-osteoporosis"))
            #expect(warned.text.contains("someone with osteoporosis or on long-term steroids should avoid"))
        }
    }
}
