import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SuppleServer
import SuppleStore
import Testing

@Suite struct OpenAPITests {
    /// Every `/api/v1` route the router serves is in the OpenAPI document with the same method,
    /// and the document describes no route that does not exist.
    @Test("the OpenAPI document matches the real routes")
    func inStep() async throws {
        try await TestApp.run { app, client in
            let router = try await buildRouter(
                AppConfiguration(passwordHashCost: 4),
                dependencies: AppDependencies(database: app.database),
                logger: Logger(label: "t")
            )
            let served = Set(
                router.routes
                    .filter { $0.path.description.hasPrefix("/api/v1/") }
                    .map { "\($0.method.rawValue.lowercased()) \($0.path.description.dropFirst("/api/v1".count))" }
            )

            let response = try await client.execute(uri: "/api/v1/openapi.json", method: .get)
            #expect(response.status == .ok)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let described = Set(paths.flatMap { path, operations in operations.keys.map { "\($0) \(path)" } })
            #expect(served == described)
            #expect(served.count >= 5)
        }
    }

    /// What any client can be answered besides success is in the document for every operation,
    /// so a generated client (or schemathesis in CI) meets no undocumented status.
    @Test("every operation documents the refusals and faults a client can meet")
    func refusalsDocumented() async throws {
        try await TestApp.run { _, client in
            let response = try await client.execute(uri: "/api/v1/openapi.json", method: .get)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
            let doors: Set<String> = ["/members", "/tokens", "/eligibility/check"]
            var missing: [String] = []
            for (path, operations) in paths where path != "/openapi.json" {
                for (method, operation) in operations {
                    let responses = Set((operation["responses"] as? [String: Any] ?? [:]).keys)
                    var expected: Set<String> = ["400", "503"]
                    if method != "get" { expected.insert("507") }
                    if operation["requestBody"] != nil { expected.formUnion(["413", "422"]) }
                    if (operation["security"] as? [Any])?.isEmpty != true { expected.formUnion(["401", "403"]) }
                    if doors.contains(path) { expected.insert("429") }
                    let parameters = operation["parameters"] as? [[String: Any]] ?? []
                    if parameters.contains(where: { $0["name"] as? String == "Idempotency-Key" }) { expected.insert("409") }
                    for code in expected.subtracting(responses).sorted() { missing.append("\(method.uppercased()) \(path): \(code)") }
                }
            }
            #expect(missing.isEmpty, "undocumented answers:\n\(missing.joined(separator: "\n"))")
            let components = try #require(document["components"] as? [String: Any])
            let shared = try #require(components["responses"] as? [String: [String: Any]])
            for name in ["TooManyRequests", "Unavailable", "InsufficientStorage"] {
                #expect((shared[name]?["headers"] as? [String: Any])?["Retry-After"] != nil, "\(name) names its Retry-After")
            }
        }
    }
}
