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

    @Test("migrations are not held to the per-request deadline: a server with a tight SUPPLE_DATABASE_TIMEOUT still starts")
    func migrationsOutliveTheRequestDeadline() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("supple-migrate-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await SQLiteStore.open(
            path: folder.appendingPathComponent("tight.sqlite").path,
            options: StoreOptions(callTimeout: .milliseconds(1)),
            logger: TestDatabase.logger
        )
        let applied: Result<[Int], any Error>
        do { applied = .success(try await Migrator().migrate(store, logger: TestDatabase.logger)) } catch { applied = .failure(error) }
        // The deadline is still there for everything else.
        await #expect(throws: StoreFault.self) {
            try await store.read { db in
                try await Task.sleep(for: .milliseconds(50))
                return 0
            }
        }
        try await store.shutdown()
        #expect(try applied.get() == SchemaHistory.all.map(\.version))
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
            let broken = Migrator(
                migrations: SchemaHistory.all + [
                    Migration(version: 500, name: "broken", sql: ["CREATE TABLE half_done (id TEXT)", "THIS IS NOT SQL"])
                ]
            )
            await #expect(throws: (any Error).self) { try await broken.migrate(db, logger: TestDatabase.logger) }
            #expect(try await Migrator().appliedVersions(db) == SchemaHistory.all.map(\.version))
            await #expect(throws: (any Error).self) {
                try await db.read { sql in try await sql.raw("SELECT COUNT(*) AS n FROM half_done").run() }
            }
        }
    }
}
