import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SuppleCore
import SuppleStore
import Testing

/// One session-recording model, and its writes decided by the database: the same exercise's
/// outcome sent eight times at once is stored once, and a session finished eight times at once
/// adapts the plan at most once, with no 500 (on SQLite and, in CI, PostgreSQL).
@Suite struct SessionRaceTests {
    func send(
        _ client: any TestClientProtocol,
        _ path: String,
        _ method: HTTPRequest.Method,
        token: String,
        body: String
    ) async throws -> (
        HTTPResponse.Status, [String: Any]
    ) {
        let answer = try await client.execute(
            uri: path,
            method: method,
            headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
            body: ByteBuffer(string: body)
        )
        let json = (try? JSONSerialization.jsonObject(with: Data(buffer: answer.body))) as? [String: Any] ?? [:]
        return (answer.status, json)
    }

    @Test("eight copies of one outcome and eight finishes sent at once: stored once, finished once, no 500")
    func concurrentOutcomesAndFinishes() async throws {
        try await TestApp.run { app, client in
            let (_, member) = try await ProgramTests().memberWithPlan(app, client)
            let token = try await AccessMatrixTests().token(client, "riley@example.org")
            let (started, session) = try await send(client, "/api/v1/sessions", .post, token: token, body: "{}")
            #expect(started == .created)
            let id = try #require(session["id"] as? String)
            let exercise = try #require((session["exercises"] as? [[String: Any]])?.first?["exerciseId"] as? String)

            let outcomes = try await withThrowingTaskGroup(of: (HTTPResponse.Status, Bool?).self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        let (status, json) = try await send(
                            client,
                            "/api/v1/sessions/\(id)/items/\(exercise)",
                            .put,
                            token: token,
                            body: #"{"pain":2,"difficulty":"about-right","symptomsSpread":false}"#
                        )
                        return (status, json["recorded"] as? Bool)
                    }
                }
                return try await group.reduce(into: [(HTTPResponse.Status, Bool?)]()) { $0.append($1) }
            }
            #expect(outcomes.allSatisfy { $0.0 == .ok }, "\(outcomes)")
            #expect(outcomes.filter { $0.1 == true }.count == 1, "\(outcomes)")

            let finishes = try await withThrowingTaskGroup(of: (HTTPResponse.Status, Bool).self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        let (status, json) = try await send(client, "/api/v1/sessions/\(id)/finish", .post, token: token, body: "{}")
                        // Only the finish that completed the session carries the engine's decisions.
                        return (status, json["decisions"] is [String: Any])
                    }
                }
                return try await group.reduce(into: [(HTTPResponse.Status, Bool)]()) { $0.append($1) }
            }
            #expect(finishes.allSatisfy { $0.0 == .ok }, "\(finishes)")
            #expect(finishes.filter(\.1).count == 1, "\(finishes)")

            let sessions = try await app.database.read { db in try await ActivityRepository.sessions(memberID: member.id, in: db) }
            #expect(sessions.count == 1)
            #expect(sessions.first?.status == .completed)
            #expect(sessions.first?.outcomes.map(\.exerciseID) == [exercise])
        }
    }

    @Test("the web player's form records one completed session with its alert; the same form again adds nothing")
    func webFormRecordsOnce() async throws {
        try await TestApp.run { app, client in
            let (browser, member) = try await ProgramTests().memberWithPlan(app, client)
            let page = try await browser.get("/session")
            let form = ProgramTests().sessionForm(page, spread: "cat-cow")
            try await browser.post("/session", form: form)
            // The same form again (a double tap) records nothing more.
            try await browser.post("/session", form: form)
            let sessions = try await app.database.read { db in try await ActivityRepository.sessions(memberID: member.id, in: db) }
            #expect(sessions.count == 1)
            #expect(sessions.first?.status == .completed)
            #expect(sessions.first?.outcomes.contains { $0.exerciseID == "cat-cow" && $0.symptomsSpread } == true)
            let alerts = try await app.database.read { db in try await AlertRepository.forMember(member.id, in: db) }
            #expect(alerts.filter { $0.source == "session" }.map(\.reason) == ["Symptoms spread during the session (cat-cow)"])
        }
    }
}
