import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SuppleCore
import SuppleStore
import Testing

/// Issue 18, race 1: the plan editor's "based on version N" is checked inside the transaction
/// that writes N+1, so edits of one version sent at once land once; the rest are told the plan
/// changed, and none answers 500 (on SQLite and, in CI, PostgreSQL).
@Suite struct PlanEditRaceTests {
    @Test("eight edits of the same plan version sent at once: one lands, seven are told the plan moved on")
    func concurrentEdits() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("pt@example.org", role: .physicalTherapist, name: "Pat Lee")
            try await app.createAccount("coach@example.org", role: .healthCoach, name: "Cam Coach")
            let (_, member) = try await ProgramTests().memberWithPlan(app, client)
            let token = try await AccessMatrixTests().token(client, "pt@example.org")
            let path = "/api/v1/staff/members/\(member.id.uuidString.lowercased())/plan"
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for n in 0..<8 {
                    group.addTask {
                        try await client.execute(
                            uri: path,
                            method: .post,
                            headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                            body: ByteBuffer(string: #"{"basedOn":1,"note":"Note number \#(n): keep going."}"#)
                        ).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .unprocessableContent }.count == 7, "\(statuses)")
            #expect(!statuses.contains { $0.code >= 500 })
            let versions = try await app.database.read { db in try await PlanVersionRepository.all(memberID: member.id, in: db) }
            #expect(versions.map(\.version) == [1, 2])
        }
    }

    @Test("an edit against a version that has moved on is refused and changes nothing")
    func staleEdit() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("pt@example.org", role: .physicalTherapist, name: "Pat Lee")
            try await app.createAccount("coach@example.org", role: .healthCoach, name: "Cam Coach")
            let (_, member) = try await ProgramTests().memberWithPlan(app, client)
            let token = try await AccessMatrixTests().token(client, "pt@example.org")
            let path = "/api/v1/staff/members/\(member.id.uuidString.lowercased())/plan"
            func send(_ json: String) async throws -> (HTTPResponse.Status, String) {
                let answer = try await client.execute(
                    uri: path,
                    method: .post,
                    headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                    body: ByteBuffer(string: json)
                )
                return (answer.status, String(buffer: answer.body))
            }
            #expect(try await send(#"{"basedOn":1,"note":"First."}"#).0 == .created)
            let (stale, body) = try await send(#"{"basedOn":1,"note":"Second, from an old screen."}"#)
            #expect(stale == .unprocessableContent)
            #expect(body.contains("The plan changed while you were editing it (now version 2)"))
            #expect(try await app.database.read { db in try await PlanVersionRepository.all(memberID: member.id, in: db) }.count == 2)
        }
    }
}
