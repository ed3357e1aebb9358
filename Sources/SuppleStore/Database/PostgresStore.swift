import Foundation
import Logging
import PostgresKit
import SQLKit

/// PostgreSQL through a connection pool, for running several Supple servers on one database.
public final class PostgresStore: Database {
    public let kind = DatabaseKind.postgres
    private let client: PostgresClient
    private let runTask: Task<Void, Never>

    private init(client: PostgresClient) {
        self.client = client
        self.runTask = Task { await client.run() }
    }

    /// Connects using a `postgres://user:password@host:port/database?sslmode=disable` URL.
    /// - Parameter schema: a schema to work in instead of `public` (tests use one each).
    public static func connect(url: String, schema: String? = nil, maximumConnections: Int = 20, logger: Logger) async throws -> PostgresStore {
        var configuration = try configuration(from: url)
        configuration.options.maximumConnections = maximumConnections
        if let schema {
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        let store = PostgresStore(client: PostgresClient(configuration: configuration, backgroundLogger: logger))
        // Fail at start-up, with the reason, rather than on the first request.
        _ = try await store.read { db in try await db.raw("SELECT 1 AS one").first() }
        return store
    }

    static func configuration(from text: String) throws -> PostgresClient.Configuration {
        guard let url = URLComponents(string: text),
              url.scheme == "postgres" || url.scheme == "postgresql",
              let host = url.host, !host.isEmpty else {
            throw DatabaseURLError(url: text)
        }
        let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        let sslMode = url.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        let tls: PostgresClient.Configuration.TLS
        switch sslMode {
        case "disable": tls = .disable
        case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
        default: tls = .prefer(.makeClientConfiguration())
        }
        return PostgresClient.Configuration(
            host: host,
            port: url.port ?? 5432,
            username: url.user ?? "postgres",
            password: url.password,
            database: database.isEmpty ? nil : database,
            tls: tls
        )
    }

    public func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await body(connection.sql(queryLogLevel: .trace))
        }
    }

    public func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await runInTransaction(on: connection.sql(queryLogLevel: .trace), begin: "BEGIN", body)
        }
    }

    public func shutdown() async throws {
        runTask.cancel()
        await runTask.value
    }
}

/// The database URL could not be understood; the message never repeats the password.
public struct DatabaseURLError: Error, CustomStringConvertible {
    let url: String
    public var description: String {
        "DATABASE_URL must look like postgres://user:password@host:5432/database (got a value starting \"\(url.prefix(11))…\")"
    }
}
