import Logging
import SQLKit

/// Which engine holds the data. The same repositories and migrations run on both.
public enum DatabaseKind: String, Sendable {
    case sqlite
    case postgres
}

/// A place to run SQL: reads may run side by side; writes run in a transaction, one at a time
/// on SQLite (which allows a single writer) and concurrently on PostgreSQL.
public protocol Database: Sendable {
    var kind: DatabaseKind { get }

    /// Runs `body` with a connection for reading. Each connection serves one caller at a time.
    func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs `body` inside a transaction: every write in it lands, or none does.
    func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T

    /// Like `transaction`, with a loader that writes rows in bulk on the same connection.
    func bulkTransaction<T: Sendable>(_ body: (any SQLDatabase, any BulkRowLoader) async throws -> T) async throws -> T

    /// Finishes and closes every connection. Nothing may use the database afterwards.
    func shutdown() async throws
}

extension Database {
    /// True when the database answers a trivial query: the readiness probe.
    public func isReachable() async -> Bool {
        do {
            return try await read { db in try await db.raw("SELECT 1 AS one").first() != nil }
        } catch {
            return false
        }
    }
}

/// Runs a transaction body on one connection, committing on success and rolling back on any
/// error (including cancellation), then rethrowing it.
nonisolated(nonsending) func runInTransaction<T>(
    on db: any SQLDatabase, begin: SQLQueryString, _ body: (any SQLDatabase) async throws -> T
) async throws -> T {
    try await db.raw(begin).run()
    do {
        let result = try await body(db)
        try await db.raw("COMMIT").run()
        return result
    } catch {
        try? await db.raw("ROLLBACK").run()
        throw error
    }
}
