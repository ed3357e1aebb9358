import Foundation
import Logging
import SQLKit

/// Applies pending migrations in version order, each in its own transaction, and records them
/// in `schema_migrations`. Safe to run from several servers at once.
public struct Migrator: Sendable {
    public let migrations: [Migration]

    public init(migrations: [Migration] = SchemaHistory.all) {
        precondition(
            zip(migrations, migrations.dropFirst()).allSatisfy { $0.version < $1.version },
            "migrations must be listed in increasing version order"
        )
        self.migrations = migrations
    }

    public struct NewerSchemaError: Error, CustomStringConvertible {
        public let databaseVersion: Int
        public let knownVersion: Int
        public var description: String {
            "The database is at schema version \(databaseVersion), newer than this build of Supple knows (\(knownVersion)). Run a newer Supple."
        }
    }

    /// How long one migration may take. Migrations run at start-up, before any request, so the
    /// store's per-call deadline (sized for requests: `SUPPLE_DATABASE_TIMEOUT`) would refuse a
    /// schema change on a big table, or one that waits for another server's migration.
    static let timeout: Duration = .seconds(30 * 60)

    /// Applies what is missing and returns the versions it applied.
    @discardableResult
    public func migrate(_ database: any Database, logger: Logger) async throws -> [Int] {
        try await database.transaction(within: Self.timeout) { db in
            try await db.raw(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version BIGINT PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at BIGINT NOT NULL
                )
                """
            ).run()
        }
        let known = migrations.last?.version ?? 0
        if let newest = try await appliedVersions(database).max(), newest > known {
            throw NewerSchemaError(databaseVersion: newest, knownVersion: known)
        }
        var applied: [Int] = []
        for migration in migrations {
            let didApply = try await database.transaction(within: Self.timeout) { db -> Bool in
                if database.kind == .postgres {
                    // The connection's request-sized limits do not apply to a schema change.
                    try await PostgresStore.liftRequestLimits(db)
                    // Another server migrating at the same moment waits here until we commit.
                    try await db.raw("SELECT pg_advisory_xact_lock(715271)").run()
                }
                let already = try await db.raw("SELECT version FROM schema_migrations WHERE version = \(bind: migration.version)").first()
                guard already == nil else { return false }
                for statement in migration.statements(database.kind) {
                    try await db.raw(SQLQueryString(statement)).run()
                }
                let now = Int64(Date().timeIntervalSince1970 * 1000)
                try await db.raw(
                    """
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: now))
                    """
                ).run()
                return true
            }
            if didApply {
                logger.info("Applied migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
                applied.append(migration.version)
            }
        }
        return applied
    }

    public func appliedVersions(_ database: any Database) async throws -> [Int] {
        try await database.read(within: Self.timeout) { db in
            try await db.raw("SELECT version FROM schema_migrations ORDER BY version").all().map {
                try $0.decode(column: "version", as: Int.self)
            }
        }
    }
}
