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

    /// The page cache of a bulk load, in kilobytes.
    static let bulkCacheKilobytes = 98_304

    public func bulkTransaction<T: Sendable>(_ body: (any SQLDatabase, any BulkRowLoader) async throws -> T) async throws -> T {
        try await writer.withConnection { connection in
            // A bigger page cache for the length of a bulk load (the default is 2 MB): indexes of a
            // million rows otherwise thrash it. Memory returns to normal afterwards.
            _ = try await connection.query("PRAGMA cache_size = -\(Self.bulkCacheKilobytes)")
            do {
                let result = try await runInTransaction(on: connection.sql(queryLogLevel: .trace), begin: "BEGIN IMMEDIATE") { db in
                    try await body(db, SQLiteBulkLoader(connection: connection))
                }
                _ = try? await connection.query("PRAGMA cache_size = -2000")
                return result
            } catch {
                _ = try? await connection.query("PRAGMA cache_size = -2000")
                throw error
            }
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

/// Multi-row INSERTs with SQLite's own bind values (no Codable on the way), a few hundred rows
/// per statement to stay under SQLite's limit of 32,766 bound values.
struct SQLiteBulkLoader: BulkRowLoader {
    let connection: SQLiteConnection

    func load(table: String, columns: [String], rows: [[BulkValue]]) async throws {
        guard !rows.isEmpty else { return }
        let perStatement = max(1, 30_000 / columns.count)
        let placeholders = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        var start = 0
        while start < rows.count {
            let slice = rows[start..<min(rows.count, start + perStatement)]
            let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                + Array(repeating: placeholders, count: slice.count).joined(separator: ",")
            var binds: [SQLiteData] = []
            binds.reserveCapacity(slice.count * columns.count)
            for row in slice {
                for value in row {
                    switch value {
                    case .text(let text): binds.append(.text(text))
                    case .integer(let number): binds.append(.integer(Int(number)))
                    case .null: binds.append(.null)
                    }
                }
            }
            _ = try await connection.query(sql, binds)
            start += perStatement
        }
    }
}
