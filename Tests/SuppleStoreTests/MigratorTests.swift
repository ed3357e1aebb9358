import Foundation
import SQLKit
import SuppleStore
import Testing

@Suite struct MigratorTests {
    @Test("migrations create the schema once; running them again changes nothing", arguments: TestDatabase.available)
    func appliesOnce(_ kind: TestDatabase) async throws {
        try await kind.with(migrated: false) { (db: any Database) async throws in
            let first = try await Migrator().migrate(db, logger: TestDatabase.logger)
            #expect(first == SchemaHistory.all.map(\.version))
            let second = try await Migrator().migrate(db, logger: TestDatabase.logger)
            #expect(second.isEmpty)
            #expect(try await Migrator().appliedVersions(db) == SchemaHistory.all.map(\.version))
        }
    }

    @Test("a database migrated by a newer Supple is refused rather than damaged", arguments: TestDatabase.available)
    func refusesNewerSchema(_ kind: TestDatabase) async throws {
        try await kind.with { (db: any Database) async throws in
            try await db.transaction { sql in
                try await sql.raw("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'from the future', 0)").run()
            }
            await #expect(throws: Migrator.NewerSchemaError.self) {
                try await Migrator().migrate(db, logger: TestDatabase.logger)
            }
        }
    }

    @Test("a migration that fails part-way leaves no trace", arguments: TestDatabase.available)
    func failedMigrationRollsBack(_ kind: TestDatabase) async throws {
        try await kind.with(migrated: false) { (db: any Database) async throws in
            let broken = Migrator(migrations: SchemaHistory.all + [
                Migration(version: 500, name: "broken", sql: ["CREATE TABLE half_done (id TEXT)", "THIS IS NOT SQL"]),
            ])
            await #expect(throws: (any Error).self) { try await broken.migrate(db, logger: TestDatabase.logger) }
            #expect(try await Migrator().appliedVersions(db) == SchemaHistory.all.map(\.version))
            await #expect(throws: (any Error).self) {
                try await db.read { sql in try await sql.raw("SELECT COUNT(*) AS n FROM half_done").run() }
            }
        }
    }
}
