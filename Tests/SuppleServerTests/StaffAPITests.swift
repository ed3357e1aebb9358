import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SuppleCore
import SuppleStore
import Testing

/// The care-team workspace over JSON: the same rules and records as the web pages.
@Suite struct StaffAPITests {
    func call(
        _ client: any TestClientProtocol,
        _ method: HTTPRequest.Method,
        _ path: String,
        token: String,
        json: String? = nil
    ) async throws -> (HTTPResponse.Status, Any?) {
        let response = try await client.execute(
            uri: path,
            method: method,
            headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
            body: json.map { ByteBuffer(string: $0) }
        )
        return (response.status, try? JSONSerialization.jsonObject(with: Data(buffer: response.body)))
    }

    @Test("a physical therapist reads the queue and chart, edits the plan past a guardrail with a reason, messages the member and writes a note")
    func workflow() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("pt@example.org", role: .physicalTherapist, name: "Pat Lee")
            try await app.createAccount("coach@example.org", role: .healthCoach, name: "Cam Coach")
            let (_, member) = try await ProgramTests().memberWithPlan(app, client)
            let token = try await AccessMatrixTests().token(client, "pt@example.org")
            let id = member.id.uuidString.lowercased()

            let (queueStatus, queue) = try await call(client, .get, "/api/v1/staff/queue", token: token)
            #expect(queueStatus == .ok)
            let rows = try #require(queue as? [[String: Any]])
            #expect(rows.contains { $0["memberId"] as? String == id && $0["kind"] as? String == "alert" })

            let (_, chart) = try await call(client, .get, "/api/v1/staff/members/\(id)", token: token)
            let plan = try #require((chart as? [String: Any])?["plan"] as? [String: Any])
            #expect(plan["version"] as? Int == 1)

            let edit = #"{"basedOn":1,"add":["prone-press-up"],"doses":{"forward-bend":{"sets":3}},"note":"Two new things to try."}"#
            let (warned, warnings) = try await call(client, .post, "/api/v1/staff/members/\(id)/plan", token: token, json: edit)
            #expect(warned == .conflict)
            #expect(((warnings as? [String: Any])?["warnings"] as? [[String: Any]])?.first?["rule"] as? String == "P-bias-flexion-relieved")
            let confirmed = String(edit.dropLast()) + #","confirmation":"Checked in clinic."}"#
            let (saved, version) = try await call(client, .post, "/api/v1/staff/members/\(id)/plan", token: token, json: confirmed)
            #expect(saved == .created)
            #expect((version as? [String: Any])?["version"] as? Int == 2)

            let (badType, problem) = try await call(
                client,
                .post,
                "/api/v1/staff/members/\(id)/plan",
                token: token,
                json: #"{"basedOn":2,"add":"bridge"}"#
            )
            #expect(badType == .unprocessableContent)
            #expect(((problem as? [String: Any])?["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "#/add")

            #expect(
                try await call(client, .post, "/api/v1/staff/members/\(id)/messages", token: token, json: #"{"body":"How did the press-ups go?"}"#).0
                    == .created
            )
            #expect(
                try await call(client, .post, "/api/v1/staff/members/\(id)/messages", token: token, json: #"{"body":""}"#).0 == .unprocessableContent
            )
            let memberToken = try await AccessMatrixTests().token(client, "riley@example.org")
            let (_, thread) = try await call(client, .get, "/api/v1/messages", token: memberToken)
            #expect((thread as? [[String: Any]])?.first?["body"] as? String == "How did the press-ups go?")

            #expect(
                try await call(client, .post, "/api/v1/staff/members/\(id)/notes", token: token, json: #"{"assessment":"Tolerating extension."}"#).0
                    == .created
            )
            let (_, notes) = try await call(client, .get, "/api/v1/staff/members/\(id)/notes", token: token)
            #expect((notes as? [[String: Any]])?.first?["assessment"] as? String == "Tolerating extension.")
        }
    }
}
