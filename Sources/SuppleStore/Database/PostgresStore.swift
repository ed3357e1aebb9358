import Foundation
import Logging
import PostgresKit
import SQLKit

/// PostgreSQL through a connection pool, for running several Supple servers on one database.
public final class PostgresStore: Database {
    public let kind = DatabaseKind.postgres
    public let options: StoreOptions
    private let client: PostgresClient
    /// The client's own run loop when the store runs it (commands, tests); nil when a service
    /// group runs it through `run()` (the server).
    private let runTask: Task<Void, Never>?
    private let logger: Logger

    private init(client: PostgresClient, options: StoreOptions, runsItself: Bool, logger: Logger) {
        self.client = client
        self.options = options
        self.logger = logger
        self.runTask = runsItself ? Task { await client.run() } : nil
    }

    /// Connects using a `postgres://user:password@host:port/database?sslmode=disable` URL and
    /// checks the server answers. The store runs its client itself; `shutdown()` stops it.
    /// - Parameter schema: a schema to work in instead of `public` (tests use one each).
    public static func connect(
        url: String,
        schema: String? = nil,
        maximumConnections: Int = 20,
        options: StoreOptions = StoreOptions(),
        logger: Logger
    ) async throws -> PostgresStore {
        let store = try PostgresStore(
            client: makeClient(url: url, schema: schema, maximumConnections: maximumConnections, options: options, logger: logger),
            options: options,
            runsItself: true,
            logger: logger
        )
        // Fail at start-up, with the reason, rather than on the first request.
        _ = try await store.read { db in try await db.raw("SELECT 1 AS one").first() }
        return store
    }

    /// A store whose client the caller runs with `run()`, as a service of the server's group,
    /// so shutdown stops the client after the last request has finished with it.
    public static func forService(
        url: String,
        maximumConnections: Int = 20,
        options: StoreOptions = StoreOptions(),
        logger: Logger
    ) throws -> PostgresStore {
        try PostgresStore(
            client: makeClient(url: url, schema: nil, maximumConnections: maximumConnections, options: options, logger: logger),
            options: options,
            runsItself: false,
            logger: logger
        )
    }

    /// Runs the connection pool until the task is cancelled or the service group shuts down.
    public func run() async {
        await client.run()
    }

    private static func makeClient(
        url: String,
        schema: String?,
        maximumConnections: Int,
        options: StoreOptions,
        logger: Logger
    ) throws -> PostgresClient {
        var configuration = try configuration(from: url)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = min(options.callTimeout, .seconds(10))
        // The server ends a statement, or a transaction left idle, that outlives a call's deadline.
        var parameters = [
            ("statement_timeout", "\(options.callTimeoutMilliseconds)"),
            ("idle_in_transaction_session_timeout", "\(options.callTimeoutMilliseconds * 2)"),
        ]
        if let schema { parameters.append(("search_path", schema)) }
        configuration.options.additionalStartupParameters = parameters
        return PostgresClient(configuration: configuration, backgroundLogger: logger)
    }

    static func configuration(from text: String) throws -> PostgresClient.Configuration {
        guard let url = URLComponents(string: text),
            url.scheme == "postgres" || url.scheme == "postgresql",
            let host = url.host, !host.isEmpty
        else {
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

    public func read<T: Sendable>(within timeout: Duration?, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await guarded(timeout) { [client] in
            try await client.withConnection { connection in
                try await Self.closingOnCancel(connection) { try await body(connection.sql(queryLogLevel: .trace)) }
            }
        }
    }

    public func transaction<T: Sendable>(within timeout: Duration?, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    {
        try await guarded(timeout) { [client] in
            try await client.withConnection { connection in
                try await Self.closingOnCancel(connection) {
                    try await runInTransaction(on: connection.sql(queryLogLevel: .trace), begin: "BEGIN", body)
                }
            }
        }
    }

    public func bulkTransaction<T: Sendable>(_ body: (any SQLDatabase, any BulkRowLoader) async throws -> T) async throws -> T {
        let logger = self.logger
        do {
            return try await client.withConnection { connection in
                // A roster load may take minutes, and pauses between batches while the next is read:
                // lift both limits for this transaction only.
                try await runInTransaction(on: connection.sql(queryLogLevel: .trace), begin: "BEGIN") { db in
                    try await Self.liftRequestLimits(db)
                    return try await body(db, PostgresBulkLoader(connection: connection, logger: logger))
                }
            }
        } catch {
            throw Self.fault(from: error) ?? error
        }
    }

    /// For the rest of this transaction only, lifts the statement and idle-in-transaction limits
    /// every connection gets for requests: for work that may rightly take minutes.
    static func liftRequestLimits(_ db: any SQLDatabase) async throws {
        try await db.raw("SET LOCAL statement_timeout = 0").run()
        try await db.raw("SET LOCAL idle_in_transaction_session_timeout = 0").run()
    }

    public func shutdown() async throws {
        guard let runTask else { return }
        runTask.cancel()
        await runTask.value
    }

    /// A query stuck on a connection that went silent ends when the deadline closes the connection.
    nonisolated(nonsending) private static func closingOnCancel<T>(_ connection: PostgresConnection, _ work: () async throws -> T) async throws -> T {
        try await withTaskCancellationHandler {
            try await work()
        } onCancel: {
            let closing: EventLoopFuture<Void> = connection.close()
            _ = closing
        }
    }

    /// The call's deadline, and PostgreSQL's faults named as `StoreFault`s.
    private func guarded<T: Sendable>(_ timeout: Duration?, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withCallDeadline(timeout ?? options.callTimeout, faults: Self.fault(from:), operation)
    }

    static func code(of error: any Error) -> String? {
        guard let error = error as? PSQLError else { return nil }
        return error.serverInfo?[.sqlState].map { "SQLSTATE \($0)" } ?? "postgres \(error.code)"
    }

    /// Which PostgreSQL errors are the server's or the network's trouble rather than our SQL's.
    static func fault(from error: any Error) -> StoreFault? {
        guard let error = error as? PSQLError else { return nil }
        if error.code == .server {
            let state = error.serverInfo?[.sqlState] ?? "?????"
            switch state {
            case "57014": return StoreFault(.timedOut, code: "SQLSTATE \(state)")
            case "53100": return StoreFault(.diskFull, code: "SQLSTATE \(state)")
            case "25006": return StoreFault(.readOnly, code: "SQLSTATE \(state)")
            case "40001", "40P01", "55P03": return StoreFault(.busy, code: "SQLSTATE \(state)")
            case _ where state.hasPrefix("08") || state.hasPrefix("53") || state.hasPrefix("57P") || state == "25P03":
                return StoreFault(.unavailable, code: "SQLSTATE \(state)")
            default: return nil
            }
        }
        switch error.code {
        case .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown, .poolClosed, .queryCancelled,
            .sslUnsupported, .failedToAddSSLHandler:
            return StoreFault(.unavailable, code: "postgres \(error.code)")
        default:
            return nil
        }
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
