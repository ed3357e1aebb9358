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
                AppConfiguration(passwordHashCost: 4), dependencies: AppDependencies(database: app.database), logger: Logger(label: "t")
            )
            let served = Set(router.routes
                .filter { $0.path.description.hasPrefix("/api/v1/") }
                .map { "\($0.method.rawValue.lowercased()) \($0.path.description.dropFirst("/api/v1".count))" })

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
}
