import Hummingbird
import HummingbirdTesting
import Logging
import SuppleServer
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
            #expect(
                try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer wrong-token-0123456789x"]).status
                    == .unauthorized
            )
            let metrics = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(TestApp.metricsToken)"])
            let text = String(buffer: metrics.body)
            #expect(text.contains(#"supple_http_requests_total{route="/",method="GET",status="200"} 1"#))
            #expect(text.contains(#"status="404""#))
            #expect(text.contains("supple_http_request_duration_seconds_bucket"))
        }
    }

    @Test("without SUPPLE_METRICS_TOKEN there are no metrics to read at all")
    func metricsOff() async throws {
        try await TestApp.run { app, _ in
            let application = try await buildApplication(
                AppConfiguration(port: 0, passwordHashCost: 4, maintenanceInterval: nil),
                dependencies: AppDependencies(database: app.database),
                logger: Logger(label: "t")
            )
            let (metrics, health) = try await application.test(.router) { client in
                (
                    try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(TestApp.metricsToken)"]).status,
                    try await client.execute(uri: "/healthz", method: .get).status
                )
            }
            #expect(metrics == .notFound)
            #expect(health == .ok)
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
