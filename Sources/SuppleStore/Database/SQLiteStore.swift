import Foundation
import Logging
import SQLiteKit
import SQLKit

/// SQLite in a single file: one writer connection that serializes every write transaction, and a
/// small pool of reader connections. WAL mode lets readers run while the writer writes; sharing
/// one connection between concurrent requests would instead give "database is locked".
public final class SQLiteStore: Database {
    public let kind = DatabaseKind.sqlite
    public let path: String
    private let writer: ConnectionQueue<SQLiteConnection>
    private let readers: ConnectionQueue<SQLiteConnection>
    private let logger: Logger

    private init(path: String, writer: SQLiteConnection, readers: [SQLiteConnection], logger: Logger) {
        self.path = path
        self.writer = ConnectionQueue([writer])
        self.readers = ConnectionQueue(readers)
        self.logger = logger
    }

    /// Opens (creating if needed) the database file at `path`.
    public static func open(path: String, readerCount: Int = 4, logger: Logger) async throws -> SQLiteStore {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let writer = try await openConnection(path: path, logger: logger)
        // WAL is a property of the file: set it once, from the writer, before readers open.
        _ = try await writer.query("PRAGMA journal_mode = WAL")
        _ = try await writer.query("PRAGMA synchronous = NORMAL")
        var readers: [SQLiteConnection] = []
        for _ in 0..<max(1, readerCount) {
            readers.append(try await openConnection(path: path, logger: logger))
        }
        return SQLiteStore(path: path, writer: writer, readers: readers, logger: logger)
    }

    private static func openConnection(path: String, logger: Logger) async throws -> SQLiteConnection {
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        _ = try await connection.query("PRAGMA foreign_keys = ON")
        _ = try await connection.query("PRAGMA busy_timeout = 5000")
        return connection
    }

    public func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await readers.withConnection { connection in
            try await body(connection.sql(queryLogLevel: .trace))
        }
    }

    public func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await writer.withConnection { connection in
            // IMMEDIATE takes the write lock up front, so a transaction never fails half-way
            // because another process started writing first.
            try await runInTransaction(on: connection.sql(queryLogLevel: .trace), begin: "BEGIN IMMEDIATE", body)
        }
    }

    public func shutdown() async throws {
        // Wait for the writer's turn so an in-flight transaction finishes before the file closes.
        try await writer.withConnection { connection in
            for reader in readers.all { try await reader.close() }
            try await connection.close()
        }
    }
}
