import Foundation
import Logging
import PostgresKit
import SQLKit

/// PostgreSQL through a connection pool, for running several Supple servers on one database.
public final class PostgresStore: Database {
    public let kind = DatabaseKind.postgres
    private let client: PostgresClient
    private let runTask: Task<Void, Never>
    private let logger: Logger

    private init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
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
        let store = PostgresStore(client: PostgresClient(configuration: configuration, backgroundLogger: logger), logger: logger)
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

    public func bulkTransaction<T: Sendable>(_ body: (any SQLDatabase, any BulkRowLoader) async throws -> T) async throws -> T {
        let logger = self.logger
        return try await client.withConnection { connection in
            try await runInTransaction(on: connection.sql(queryLogLevel: .trace), begin: "BEGIN") { db in
                try await body(db, PostgresBulkLoader(connection: connection, logger: logger))
            }
        }
    }

    public func shutdown() async throws {
        runTask.cancel()
        await runTask.value
    }
}

/// `COPY … FROM STDIN` in PostgreSQL's text format: one round trip per call, however many rows.
struct PostgresBulkLoader: BulkRowLoader {
    let connection: PostgresConnection
    let logger: Logger

    func load(table: String, columns: [String], rows: [[BulkValue]]) async throws {
        guard !rows.isEmpty else { return }
        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
            var buffer = ByteBuffer()
            buffer.reserveCapacity(256 * 1024)
            for row in rows {
                for (index, value) in row.enumerated() {
                    if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                    switch value {
                    case .null: buffer.writeStaticString("\\N")
                    case .integer(let number): buffer.writeString(String(number))
                    case .text(let text): Self.writeEscaped(text, to: &buffer)
                    }
                }
                buffer.writeInteger(UInt8(ascii: "\n"))
                if buffer.readableBytes > 200_000 {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
    }

    /// Backslash, tab, newline and carriage return are the text format's special bytes.
    static func writeEscaped(_ text: String, to buffer: inout ByteBuffer) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
            case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }
}

/// The database URL could not be understood; the message never repeats the password.
public struct DatabaseURLError: Error, CustomStringConvertible {
    let url: String
    public var description: String {
        "DATABASE_URL must look like postgres://user:password@host:5432/database (got a value starting \"\(url.prefix(11))…\")"
    }
}
