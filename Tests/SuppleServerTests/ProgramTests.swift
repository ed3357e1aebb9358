import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import SuppleCore
import SuppleStore
import Testing

@Suite struct ProgramTests {
    /// A member who has finished the walking-pain intake and so has plan version 1.
    func memberWithPlan(_ app: TestApp, _ client: any TestClientProtocol) async throws -> (Browser, AccountRecord) {
        let account = try await app.createAccount("riley@example.org", role: .member, name: "Riley Demo")
        let browser = Browser(client)
        try await browser.signIn("riley@example.org")
        for (slug, fields) in IntakeTests.walkingPainSteps() { try await browser.post("/intake/\(slug)", form: fields) }
        return (browser, account)
    }

    func sessionForm(_ page: Browser.Page, pain: Int = 2, difficulty: String = "about-right", spread: String? = nil) -> [(String, String)] {
        let key = page.body.range(of: #"name="key" value=""#).map { String(page.body[$0.upperBound...].prefix { $0 != "\"" }) } ?? ""
        let ids = page.body.components(separatedBy: #"name="difficulty-"#).dropFirst().map { String($0.prefix { $0 != "\"" }) }
        var fields = [("key", key)]
        for id in Set(ids).sorted() {
            fields += [("pain-\(id)", "\(pain)"), ("difficulty-\(id)", difficulty)]
            if id == spread { fields.append(("spread-\(id)", "yes")) }
        }
        return fields
    }

    func planVersions(_ app: TestApp, _ member: AccountRecord) async throws -> [PlanVersionRepository.Record] {
        try await app.database.read { db in try await PlanVersionRepository.all(memberID: member.id, in: db) }
    }

    @Test("finishing the intake starts plan version 1, and Today offers the session, the walk and the check-in")
    func today() async throws {
        try await TestApp.run { app, client in
            let (browser, member) = try await memberWithPlan(app, client)
            #expect(try await planVersions(app, member).map(\.version) == [1])
            let home = try await browser.get("/home")
            #expect(home.text.contains("Start today's session"))
            #expect(home.text.contains("2 × 8 minutes"))
            #expect(home.text.contains("bend forward toward your toes for 10–15 seconds"))
            #expect(home.text.contains("How is your pain today?"))
            #expect(home.text.contains("16 short breaks today"))
        }
    }

    @Test("a session is recorded once even when the form is sent twice")
    func idempotent() async throws {
        try await TestApp.run { app, client in
            let (browser, member) = try await memberWithPlan(app, client)
            let player = try await browser.get("/session")
            #expect(player.text.contains("Forward Bend"))
            #expect(player.text.contains("Stop — something's wrong"))
            let form = sessionForm(player)
            #expect(try await browser.post("/session", form: form).location == "/home?done=session")
            #expect(try await browser.post("/session", form: form).location == "/home?done=session")
            let sessions = try await app.database.read { db in try await ActivityRepository.sessions(memberID: member.id, in: db) }
            #expect(sessions.count == 1)
            #expect(sessions.first?.outcomes.count == 8)
            #expect(try await browser.get("/home").text.contains("Done today"))
        }
    }

    @Test("two good sessions step the plan up in a new version with its reason; old versions stay")
    func progression() async throws {
        try await TestApp.run { app, client in
            let (browser, member) = try await memberWithPlan(app, client)
            try await browser.post("/session", form: sessionForm(try await browser.get("/session")))
            app.clock.advance(by: 86_400)
            try await browser.post("/checkins", form: [("kind", "next-morning"), ("answer", "better")])
            try await browser.post("/session", form: sessionForm(try await browser.get("/session")))
            let versions = try await planVersions(app, member)
            #expect(versions.count >= 2)
            #expect(versions.last?.author == "engine")
            #expect(versions.last?.reason.contains("Two good sessions in a row") == true)
            app.clock.advance(by: 86_400)
            #expect(try await browser.get("/home").text.contains("Your plan changed today"))
        }
    }

    @Test("symptoms spreading in a session raise an alert and bring back the safety questions")
    func spread() async throws {
        try await TestApp.run { app, client in
            let (browser, member) = try await memberWithPlan(app, client)
            let result = try await browser.post("/session", form: sessionForm(try await browser.get("/session"), spread: "cat-cow"))
            #expect(result.location == "/session/stop?reason=spread")
            let alerts = try await app.database.read { db in try await AlertRepository.forMember(member.id, in: db) }
            #expect(alerts.contains { $0.severity == .urgent && $0.reason.contains("cat-cow") })
        }
    }

    @Test("Stop with a danger sign gets the same emergency answer as the intake, and alerts the team")
    func stopEmergency() async throws {
        try await TestApp.run { app, client in
            let (browser, member) = try await memberWithPlan(app, client)
            let page = try await browser.get("/session/stop")
            #expect(page.text.contains("Stop the exercise now"))
            let missing = try await browser.post("/session/stop", form: [("reason", "sharp")])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.text.contains("Tick each one that is true for you, or tick “None of these apply to me”."))
            let result = try await browser.post("/session/stop", form: [("reason", "numbness"), ("dangerSigns.bladderChange", "yes")])
            #expect(result.text.contains("Please get medical help now"))
            let alerts = try await app.database.read { db in try await AlertRepository.forMember(member.id, in: db) }
            #expect(alerts.contains { $0.severity == .emergency && $0.reason.contains("T1-bladder") })
        }
    }

    @Test("walks and check-ins are checked per field and show on the progress page")
    func walksAndProgress() async throws {
        try await TestApp.run { app, client in
            let (browser, _) = try await memberWithPlan(app, client)
            let bad = try await browser.post("/walks", form: [("minutes", "0"), ("walkPain", "11")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Enter the minutes you walked"))
            #expect(bad.text.contains("Choose your pain during the walk"))
            #expect(
                try await browser.post(
                    "/walks",
                    form: [("key", String(repeating: "k", count: 30)), ("minutes", "8"), ("breaks", "1"), ("walkPain", "3")]
                ).location == "/home?done=walk"
            )
            #expect(try await browser.post("/checkins", form: [("kind", "daily-pain"), ("pain", "2")]).location == "/home?done=checkin")
            let progress = try await browser.get("/progress")
            #expect(progress.status == .ok)
            #expect(progress.text.contains("Meaningful change: your pain is down from 4 to 2 out of 10."))
            #expect(progress.body.contains("<svg"))
            #expect(progress.text.contains("This week"))
            // The walking goal is the member's own plan (8 minutes twice a day, 3 days), not 150 minutes.
            #expect(progress.text.contains("your goal this week: 48 minutes (8 minutes, twice a day, 3 days)"))
            #expect(!progress.text.contains("150 minutes"))
        }
    }
}

@Suite struct QuestionnairePageTests {
    @Test("a week in, PEG is due on Today; a positive mood screen alerts the coach and shows support")
    func questionnaires() async throws {
        try await TestApp.run { app, client in
            let member = try await app.createAccount("riley@example.org", role: .member, name: "Riley Demo")
            let browser = Browser(client)
            try await browser.signIn("riley@example.org")
            for (slug, fields) in IntakeTests.walkingPainSteps() { try await browser.post("/intake/\(slug)", form: fields) }
            #expect(!(try await browser.get("/home")).text.contains("Pain and daily life this week"))
            app.clock.advance(by: 7 * 86_400)
            try await browser.signIn("riley@example.org")
            #expect(try await browser.get("/home").text.contains("Pain and daily life this week"))
            let bad = try await browser.post("/questionnaires/peg", form: [("pain", "4")])
            #expect(bad.status == .unprocessableContent)
            let done = try await browser.post("/questionnaires/peg", form: [("pain", "4"), ("enjoyment", "5"), ("activity", "6")])
            #expect(done.text.contains("PEG 5 out of 10"))
            #expect(!(try await browser.get("/home")).text.contains("Pain and daily life this week"))

            let mood = try await browser.post("/questionnaires/mood", form: [("interest", "2"), ("down", "2"), ("nervous", "0"), ("worry", "0")])
            #expect(mood.text.contains("Support is there"))
            let alerts = try await app.database.read { db in try await AlertRepository.forMember(member.id, in: db) }
            #expect(alerts.contains { $0.audience == .coach && $0.reason.contains("PHQ-2 4") })
            #expect(try await browser.get("/questionnaires/nonsense").status == .notFound)
        }
    }
}

@Suite struct ProgramAPITests {
    func call(
        _ client: any TestClientProtocol,
        _ method: HTTPRequest.Method,
        _ path: String,
        _ json: String? = nil,
        token: String,
        key: String? = nil
    ) async throws -> (HTTPResponse.Status, [String: Any]) {
        var headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
        if let key { headers[.init("Idempotency-Key")!] = key }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
        let body = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
        return (response.status, body)
    }

    @Test("a whole day over the API: today, a session item by item, a walk, check-ins, a questionnaire, progress")
    func day() async throws {
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
            #expect(try await call(client, .get, "/api/v1/today", token: token).0 == .conflict)
            let intake = try String(
                contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                    .appendingPathComponent("../../docs/examples/walking-pain.json").standardizedFileURL,
                encoding: .utf8
            )
            #expect(try await call(client, .post, "/api/v1/intake", intake, token: token).0 == .created)

            let (_, today) = try await call(client, .get, "/api/v1/today", token: token)
            #expect(today["sessionDone"] as? Bool == false)
            #expect((today["checkInsDue"] as? [String]) == ["daily-pain"])

            let (started, session) = try await call(client, .post, "/api/v1/sessions", token: token, key: "session-key-0001")
            #expect(started == .created)
            let id = try #require(session["id"] as? String)
            let (_, again) = try await call(client, .post, "/api/v1/sessions", token: token, key: "session-key-0001")
            #expect(again["id"] as? String == id)
            let item = #"{"pain":2,"difficulty":"about-right"}"#
            #expect(try await call(client, .put, "/api/v1/sessions/\(id)/items/forward-bend", item, token: token).1["recorded"] as? Bool == true)
            #expect(try await call(client, .put, "/api/v1/sessions/\(id)/items/forward-bend", item, token: token).1["recorded"] as? Bool == false)
            let (badStatus, bad) = try await call(
                client,
                .put,
                "/api/v1/sessions/\(id)/items/cat-cow",
                #"{"pain":12,"difficulty":"meh"}"#,
                token: token
            )
            #expect(badStatus == .unprocessableContent)
            #expect(String(describing: bad["errors"]).contains("#/pain"))
            #expect(try await call(client, .post, "/api/v1/sessions/\(id)/finish", token: token).0 == .ok)

            let walk = #"{"minutes":8,"pain":2,"breaks":1}"#
            #expect(try await call(client, .post, "/api/v1/walks", walk, token: token, key: "walk-key-00001").0 == .created)
            // A retry with the same key gets the first answer again, and nothing is stored twice.
            #expect(try await call(client, .post, "/api/v1/walks", walk, token: token, key: "walk-key-00001").0 == .created)
            #expect(try await call(client, .post, "/api/v1/checkins", #"{"kind":"daily-pain","pain":2}"#, token: token).0 == .created)
            let (moodStatus, mood) = try await call(
                client,
                .post,
                "/api/v1/questionnaires/mood",
                #"{"answers":{"interest":0,"down":1,"nervous":0,"worry":0}}"#,
                token: token
            )
            #expect(moodStatus == .created)
            #expect(mood["positive"] as? Bool == false)

            let (_, progress) = try await call(client, .get, "/api/v1/progress", token: token)
            #expect(progress["meaningfulChange"] as? Bool == true)
            #expect((progress["weeks"] as? [[String: Any]])?.last?["walkingMinutes"] as? Int == 8)
            #expect((progress["weeks"] as? [[String: Any]])?.last?["sessions"] as? Int == 1)
        }
    }

    @Test("one member cannot touch another member's session")
    func isolation() async throws {
        try await TestApp.run { app, client in
            var tokens: [String] = []
            for email in ["a@example.org", "b@example.org"] {
                let signUp =
                    #"{"name":"Member","email":"\#(email)","password":"walk the dog at dawn","dateOfBirth":"1968-04-23","timeZone":"UTC","consent":true}"#
                let created = try await client.execute(
                    uri: "/api/v1/members",
                    method: .post,
                    headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: signUp)
                )
                tokens.append(
                    try #require((try JSONSerialization.jsonObject(with: Data(buffer: created.body)) as? [String: Any])?["token"] as? String)
                )
                let intake = try String(
                    contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                        .appendingPathComponent("../../docs/examples/walking-pain.json").standardizedFileURL,
                    encoding: .utf8
                )
                _ = try await call(client, .post, "/api/v1/intake", intake, token: tokens.last!)
            }
            let (_, session) = try await call(client, .post, "/api/v1/sessions", token: tokens[0])
            let id = try #require(session["id"] as? String)
            let (status, _) = try await call(
                client,
                .put,
                "/api/v1/sessions/\(id)/items/forward-bend",
                #"{"pain":2,"difficulty":"about-right"}"#,
                token: tokens[1]
            )
            #expect(status == .notFound)
            #expect(try await call(client, .post, "/api/v1/sessions/\(id)/finish", token: tokens[1]).0 == .notFound)
        }
    }
}
