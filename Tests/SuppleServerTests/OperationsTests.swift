import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct OperationsTests {
    @Test("liveness, readiness and metrics answer")
    func probes() async throws {
        try await TestApp.run { _, client in
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/readyz", method: .get).status == .ok)
            _ = try await client.execute(uri: "/", method: .get)
            _ = try await client.execute(uri: "/nope", method: .get)
            #expect(try await client.execute(uri: "/metrics", method: .get).status == .unauthorized)
            #expect(try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer wrong-token-0123456789x"]).status == .unauthorized)
            let metrics = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(TestApp.metricsToken)"])
            let text = String(buffer: metrics.body)
            #expect(text.contains(#"supple_http_requests_total{route="/",method="GET",status="200"} 1"#))
            #expect(text.contains(#"status="404""#))
            #expect(text.contains("supple_http_request_duration_seconds_bucket"))
        }
    }

    @Test("readiness fails when the database is gone")
    func notReady() async throws {
        try await TestApp.run { app, client in
            try await app.database.shutdown()
            #expect(try await client.execute(uri: "/readyz", method: .get).status == .serviceUnavailable)
        }
    }
}
