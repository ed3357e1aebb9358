import Foundation
import Logging
import SQLKit

/// Which engine holds the data. The same repositories and migrations run on both.
public enum DatabaseKind: String, Sendable {
    case sqlite
    case postgres
}

/// A place to run SQL: reads may run side by side; writes run in a transaction, one at a time
/// on SQLite (which allows a single writer) and concurrently on PostgreSQL.
///
/// Every call has a deadline (the store's `StoreOptions.callTimeout` unless one is given):
/// past it, it fails with `StoreFault.timedOut` and a transaction rolls back. Engine faults
/// (down, full, read-only, locked) come out as `StoreFault`; other errors pass through as thrown.
public protocol Database: Sendable {
    var kind: DatabaseKind { get }

    /// Runs `body` with a connection for reading. Each connection serves one caller at a time.
    func read<T: Sendable>(within timeout: Duration?, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs `body` inside a transaction: every write in it lands, or none does.
    func transaction<T: Sendable>(within timeout: Duration?, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Like `transaction`, with a loader that writes rows in bulk on the same connection. Bulk
    /// loads have no deadline: a million-row roster takes as long as it takes.
    func bulkTransaction<T: Sendable>(_ body: (any SQLDatabase, any BulkRowLoader) async throws -> T) async throws -> T

    /// Finishes and closes every connection. Nothing may use the database afterwards.
    func shutdown() async throws
}

extension Database {
    /// Reads within the store's own deadline.
    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await read(within: nil, body)
    }

    /// A transaction within the store's own deadline.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await transaction(within: nil, body)
    }

    /// True when the database answers a trivial query.
    public func isReachable(within timeout: Duration = .seconds(2)) async -> Bool {
        do {
            return try await read(within: timeout) { db in try await db.raw("SELECT 1 AS one").first() != nil }
        } catch {
            return false
        }
    }

    /// Proves a write can land: one small committed update of the readiness row. Throws the
    /// `StoreFault` that stops it (full disk, read-only file, lock held past the deadline).
    public func checkWritable(within timeout: Duration = .seconds(2), at instant: Date = Date()) async throws {
        let milliseconds = instant.storedMilliseconds
        try await transaction(within: timeout) { db in
            try await db.raw("UPDATE readiness_probe SET checked_at = \(bind: milliseconds) WHERE id = 1").run()
        }
    }
}

/// Runs a transaction body on one connection, committing on success and rolling back on any
/// error (including cancellation), then rethrowing it. A body whose deadline passed is rolled
/// back even if its statements finished: its caller has already been told it failed.
nonisolated(nonsending) func runInTransaction<T>(
    on db: any SQLDatabase,
    begin: SQLQueryString,
    _ body: (any SQLDatabase) async throws -> T
) async throws -> T {
    try await db.raw(begin).run()
    do {
        let result = try await body(db)
        try Task.checkCancellation()
        try await db.raw("COMMIT").run()
        return result
    } catch {
        // In a task of its own: a cancelled task's statements may be refused before they run,
        // and a connection left inside its transaction would refuse every later BEGIN.
        await Task { try? await db.raw("ROLLBACK").run() }.value
        throw error
    }
}
